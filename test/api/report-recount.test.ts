// `writ-verify report`: a published transparency report recounted from the public log alone (issue 14, "Numbers
// anyone can recount"). Requests go through the API, so every fact the count needs is in a leaf; the verifier runs
// as its own process against the running server, as a journalist would run it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogKeyResponse } from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { integrate } from '../support/log';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { tsx } from '../support/tsx';
import { call, createAuthority, createRequest, type Json, validRequest } from './requests.fixtures';

jest.setTimeout(120_000);

function writVerify(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...tsx('packages/tlog/src/cli/main.ts', ...args), { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let t: TestApp;
let key: string;
let dir: string;
let adminA: TestStaff;
let adminB: TestStaff;
let deIds: string[];
let usIds: string[];

/** A seed-like spread: one cell large enough to print, a few small ones, rejections, an emergency, a gag order. */
beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'writ-recount-'));
  const intake = await createStaff(t, ['INTAKE']);
  const reviewer = await createStaff(t, ['REVIEWER']);
  adminA = await createStaff(t, ['ADMIN'], 'admin-a');
  adminB = await createStaff(t, ['ADMIN'], 'admin-b');
  const de = await createAuthority(t, { country: 'DE' });
  const fr = await createAuthority(t, { country: 'FR' });
  const us = await createAuthority(t, { country: 'US' });
  const make = async (authorityId: string, day: number, overrides: Record<string, unknown> = {}) =>
    (
      await createRequest(
        t,
        intake,
        validRequest(authorityId, {
          issuedAt: `2026-03-${String(day).padStart(2, '0')}T08:00:00Z`,
          receivedAt: `2026-03-${String(day).padStart(2, '0')}T09:00:00Z`,
          dueAt: '2026-05-01T00:00:00Z',
          ...overrides,
        }),
      )
    ).id;
  deIds = [];
  for (let day = 1; day <= 14; day++) deIds.push(await make(de, day, { offenceCategoryCode: 'SCAMS_AND_FRAUD' }));
  for (let day = 1; day <= 3; day++) await make(fr, day, { legalProcess: 'WARRANT', hasNdo: true });
  usIds = [];
  for (let day = 1; day <= 11; day++) usIds.push(await make(us, day, { legalProcess: 'SUBPOENA', type: 'EMERGENCY' }));
  // Each US request acknowledged `day` hours after receipt: the median over the 11 is 6 hours, printed (≥ 10).
  for (const [i, id] of usIds.entries()) {
    const day = String(i + 1).padStart(2, '0');
    const acknowledged = await call<Json>(t, 'POST', `/requests/${id}/acknowledge`, {
      as: intake,
      body: { acknowledgedAt: `2026-03-${day}T${String(9 + i + 1).padStart(2, '0')}:00:00Z` },
    });
    if (acknowledged.status !== 200) throw new Error(`acknowledge: ${acknowledged.status}`);
  }
  // Three DE requests refused as out of scope, through the lifecycle, so the log has their outcome.
  for (const id of deIds.slice(0, 3)) {
    const review = await call<Json>(t, 'POST', `/requests/${id}/transitions`, {
      as: reviewer,
      body: { to: 'IN_REVIEW', version: 1 },
    });
    if (review.status !== 200) throw new Error(`review: ${review.status} ${JSON.stringify(review.body)}`);
    const reject = await call<Json>(t, 'POST', `/requests/${id}/transitions`, {
      as: reviewer,
      body: { to: 'REJECTED', version: review.body.version, reason: 'Asks for content only.', reasonCode: 'SCOPE' },
    });
    if (reject.status !== 200) throw new Error(`reject: ${reject.status} ${JSON.stringify(reject.body)}`);
  }
  key = LogKeyResponse.parse(await (await fetch(`${t.url}/log/key`)).json()).keys[0]!;
});

afterAll(async () => {
  await t?.close();
});

async function publish(changelog?: Record<string, string>): Promise<{ file: string; document: Json }> {
  const drafted = await call<Json>(t, 'POST', '/reports/drafts', {
    as: adminA,
    body: changelog ? { period: '2026-H1', changelog } : { period: '2026-H1' },
  });
  expect(drafted.status).toBe(201);
  const approved = await call<Json>(t, 'POST', `/reports/drafts/${drafted.body.id}/approve`, { as: adminB });
  expect(approved.status).toBe(200);
  await integrate(t);
  const version = approved.body.version as number;
  const json = await (await fetch(`${t.url}/reports/2026-H1/versions/${version}/report.json`)).text();
  const file = path.join(dir, `report-v${version}.json`);
  writeFileSync(file, json);
  return { file, document: JSON.parse(json) as Json };
}

describe('writ-verify report', () => {
  let first: { file: string; document: Json };

  beforeAll(async () => {
    first = await publish();
  });

  it('recounts every cell of a published report from the log and agrees', async () => {
    const de = first.document.rows.find((r: Json) => r.country === 'DE' && r.legalProcess === 'COURT_ORDER');
    // 14 received, 3 refused, 11 pending: the band and what complementary suppression withholds next to it.
    expect([de.requestsReceived, de.rejectedScope, de.pending]).toEqual(['≥10', '1–9', '≥10']);
    const verdict = await writVerify('report', first.file, '--server', t.url, '--key', key);
    expect(verdict.stderr).toBe('');
    expect(verdict.status).toBe(0);
    expect(verdict.stdout).toMatch(/report OK: every recountable figure of 2026-H1/);
    expect(verdict.stdout).toMatch(/not recounted .*accountsDisclosed/);
    // The DSA Art. 10 medians and the share are recounted too, not listed as left out.
    expect(verdict.stdout).not.toMatch(/not recounted .*median/);
    expect(verdict.stdout).not.toMatch(/not recounted .*share/);
    const us = first.document.rows.find((r: Json) => r.country === 'US' && r.legalProcess === 'SUBPOENA');
    expect(us.medianHoursToAcknowledge).toBe(6);
  });

  it('names the cell when one number of the report is changed', async () => {
    const tampered = JSON.parse(JSON.stringify(first.document)) as Json;
    const us = tampered.rows.find((r: Json) => r.country === 'US' && r.legalProcess === 'SUBPOENA');
    expect(us.emergencyRequests).toBe(11);
    us.emergencyRequests = 12;
    const file = path.join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(tampered));
    const verdict = await writVerify('report', file, '--server', t.url, '--key', key);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain(
      'INVALID: 2026-H1 US|SUBPOENA emergencyRequests: the report prints 12, the log counts 11',
    );
  });

  it('names the cell when an outcome was changed in the database behind the API, with no audit event', async () => {
    await t.db.query(`UPDATE request SET outcome = 'NO_DATA', status = 'NO_DATA' WHERE id = $1`, [deIds[13]]);
    const second = await publish({ changes: 'recount', reason: 'test' });
    const de = second.document.rows.find((r: Json) => r.country === 'DE' && r.legalProcess === 'COURT_ORDER');
    expect(de.noData).toBe('1–9');
    const verdict = await writVerify('report', second.file, '--server', t.url, '--key', key);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain('DE|COURT_ORDER noData: the report prints "1–9", the log counts 0');
  });

  it('names the median when an acknowledgement time was changed in the database behind the API', async () => {
    // 1 hour becomes 30: the 11 timings are 2…11 and 30 hours, the median 7; the log still says 1, median 6.
    await t.db.query(`UPDATE request SET acknowledged_at = '2026-03-02T15:00:00Z' WHERE id = $1`, [usIds[0]]);
    const third = await publish({ changes: 'recount medians', reason: 'test' });
    const us = third.document.rows.find((r: Json) => r.country === 'US' && r.legalProcess === 'SUBPOENA');
    expect(us.medianHoursToAcknowledge).toBe(7);
    const verdict = await writVerify('report', third.file, '--server', t.url, '--key', key);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain('US|SUBPOENA medianHoursToAcknowledge: the report prints 7, the log counts 6');
    expect(verdict.stderr).toContain('ALL|SUBPOENA medianHoursToAcknowledge: the report prints 7, the log counts 6');
  });

  it('refuses a file that is not a report, and a missing source, as usage errors', async () => {
    const file = path.join(dir, 'not-a-report.json');
    writeFileSync(file, '{"hello": 1}');
    expect((await writVerify('report', file, '--server', t.url, '--key', key)).status).toBe(2);
    expect((await writVerify('report', first.file)).status).toBe(2);
  });
});
