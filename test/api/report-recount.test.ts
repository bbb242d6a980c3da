// `writ-verify report`: a published transparency report recounted from the public log alone (issue 14, "Numbers
// anyone can recount"). Requests go through the API, so every fact the count needs is in a leaf; the verifier runs
// as its own process against the running server, as a journalist would run it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AcknowledgeRequestRoute,
  ApproveDisclosureRoute,
  ApproveReportDraft,
  CreateDownloadLinkRoute,
  DownloadPackageRoute,
  DownloadReportJson,
  DraftReport,
  ExportPackageRoute,
  fetchRoute,
  GetLogKey,
  PrepareDisclosureRoute,
  RejectDisclosureRoute,
  ReportDocument,
  TransitionRequestRoute,
  UpdateRequestRoute,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { okAs } from '../support/client';
import { type CourtPki, makeCourtPki, registerAuthority } from '../support/court-pki';
import { integrate } from '../support/log';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { tsx } from '../support/tsx';
import { decidedRequest, type People } from './disclosures.fixtures';
import { auditEvents, createAuthority, createRequest, validRequest } from './requests.fixtures';

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
  // Three gag orders, all lapsed before the period ends, so none is in force: two end as logged at intake, the
  // third gets its end by a correction. A recount that missed either would find gag orders in force.
  const frIds: string[] = [];
  for (let day = 1; day <= 3; day++) {
    frIds.push(
      await make(fr, day, {
        legalProcess: 'WARRANT',
        hasNdo: true,
        ...(day < 3 ? { ndoEndsAt: '2026-04-01T00:00:00Z' } : {}),
      }),
    );
  }
  await okAs(
    t,
    UpdateRequestRoute,
    { params: { id: frIds[2]! }, body: { version: 1, ndoEndsAt: '2026-04-15T00:00:00Z' } },
    intake,
  );
  usIds = [];
  for (let day = 1; day <= 11; day++) usIds.push(await make(us, day, { legalProcess: 'SUBPOENA', type: 'EMERGENCY' }));
  // Each US request acknowledged `day` hours after receipt: the median over the 11 is 6 hours, printed (≥ 10).
  for (const [i, id] of usIds.entries()) {
    const day = String(i + 1).padStart(2, '0');
    await okAs(
      t,
      AcknowledgeRequestRoute,
      { params: { id }, body: { acknowledgedAt: `2026-03-${day}T${String(9 + i + 1).padStart(2, '0')}:00:00Z` } },
      intake,
    );
  }
  // Three DE requests refused as out of scope, through the lifecycle, so the log has their outcome.
  for (const id of deIds.slice(0, 3)) {
    const review = await okAs(
      t,
      TransitionRequestRoute,
      { params: { id }, body: { to: 'IN_REVIEW', version: 1 } },
      reviewer,
    );
    await okAs(
      t,
      TransitionRequestRoute,
      {
        params: { id },
        body: { to: 'REJECTED', version: review.version, reason: 'Asks for content only.', reasonCode: 'SCOPE' },
      },
      reviewer,
    );
  }
  key = (await okAs(t, GetLogKey, {})).keys[0]!;
});

afterAll(async () => {
  await t?.close();
});

type Changelog = { changes: string; reason: string };
/** A published report.json: the file written, its text as served, and its document read by the contract. */
interface Published {
  file: string;
  json: string;
  document: ReportDocument;
}

/** Drafts 2026-H1 as one admin, publishes it as another, and keeps its report.json in a file. */
async function publishOn(app: TestApp, admins: [TestStaff, TestStaff], changelog?: Changelog): Promise<Published> {
  const drafted = await okAs(
    app,
    DraftReport,
    { body: changelog ? { period: '2026-H1', changelog } : { period: '2026-H1' } },
    admins[0],
  );
  const { version } = await okAs(app, ApproveReportDraft, { params: { id: drafted.id } }, admins[1]);
  await integrate(app);
  const json = await (
    await fetchRoute(DownloadReportJson, { params: { period: '2026-H1', version } }, { baseUrl: app.url })
  ).text();
  const file = path.join(dir, `report-${new URL(app.url).port}-v${version}.json`);
  writeFileSync(file, json);
  return { file, json, document: ReportDocument.parse(JSON.parse(json)) };
}

const publish = (changelog?: Changelog) => publishOn(t, [adminA, adminB], changelog);

/** `writ-verify report` on a copy of a published report.json with one row's cells changed by `change`. */
async function recountTampered(
  published: Published,
  name: string,
  row: { country: string; legalProcess: string },
  change: (cells: ReportDocument['rows'][number]) => void,
) {
  // The served text, not the parsed document: only what `change` touches may differ from what the API published.
  const tampered = JSON.parse(published.json) as ReportDocument;
  change(tampered.rows.find((r) => r.country === row.country && r.legalProcess === row.legalProcess)!);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(tampered));
  return writVerify('report', file, '--server', t.url, '--key', key);
}

const US_SUBPOENA = { country: 'US', legalProcess: 'SUBPOENA' };

describe('writ-verify report', () => {
  let first: Published;

  beforeAll(async () => {
    first = await publish();
  });

  it('recounts every cell of a published report from the log and agrees', async () => {
    const de = first.document.rows.find((r) => r.country === 'DE' && r.legalProcess === 'COURT_ORDER')!;
    // 14 received, 3 refused, 11 pending: the band and what complementary suppression withholds next to it.
    expect([de.requestsReceived, de.rejectedScope, de.pending]).toEqual(['≥10', '1–9', '≥10']);
    const verdict = await writVerify('report', first.file, '--server', t.url, '--key', key);
    expect(verdict.stderr).toBe('');
    expect(verdict.status).toBe(0);
    // Every figure, the disclosure counts, the DSA Art. 10 medians and the share included: nothing is left out.
    expect(verdict.stdout).toMatch(/report OK: every figure of 2026-H1 \(threshold 10\) matches the recount/);
    expect(verdict.stdout).not.toContain('not recounted');
    const us = first.document.rows.find((r) => r.country === 'US' && r.legalProcess === 'SUBPOENA')!;
    expect(us.medianHoursToAcknowledge).toBe(6);
    // The lapsed gag orders were counted as lapsed from the log too (it agrees), not as in force.
    const fr = first.document.rows.find((r) => r.country === 'FR' && r.legalProcess === 'WARRANT')!;
    expect([fr.requestsReceived, fr.gagOrdersInForce]).toEqual(['1–9', 0]);
  });

  it('names the cell when one number of the report is changed', async () => {
    const verdict = await recountTampered(first, 'tampered.json', US_SUBPOENA, (us) => {
      expect(us.emergencyRequests).toBe(11);
      us.emergencyRequests = 12;
    });
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain(
      'INVALID: 2026-H1 US|SUBPOENA emergencyRequests: the report prints 12, the log counts 11',
    );
  });

  it('names a figure the report withholds though its own rule would print it', async () => {
    // "≥10" is true of 11, so a check of each cell alone would pass it; the rule, applied to the recount, prints 11.
    const verdict = await recountTampered(first, 'over-withheld.json', US_SUBPOENA, (us) => {
      expect(us.emergencyRequests).toBe(11);
      us.emergencyRequests = '≥10';
    });
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain(
      'INVALID: 2026-H1 US|SUBPOENA emergencyRequests: the report prints "≥10", the log counts 11',
    );
    expect(verdict.stderr).toContain('1 published figure(s) of 2026-H1 differ from the recount');
  });

  it('names a band the report prints as an exact number, giving it away', async () => {
    const verdict = await recountTampered(
      first,
      'unbanded.json',
      { country: 'DE', legalProcess: 'COURT_ORDER' },
      (de) => {
        expect(de.rejectedScope).toBe('1–9');
        de.rejectedScope = 3;
      },
    );
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain(
      `INVALID: 2026-H1 DE|COURT_ORDER rejectedScope: the report prints 3, the log counts 3, which the report's own rule prints as "1–9"`,
    );
  });

  it('names the cell when an outcome was changed in the database behind the API, with no audit event', async () => {
    await t.db.query(`UPDATE request SET outcome = 'NO_DATA', status = 'NO_DATA' WHERE id = $1`, [deIds[13]]);
    const second = await publish({ changes: 'recount', reason: 'test' });
    const de = second.document.rows.find((r) => r.country === 'DE' && r.legalProcess === 'COURT_ORDER')!;
    expect(de.noData).toBe('1–9');
    const verdict = await writVerify('report', second.file, '--server', t.url, '--key', key);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain('DE|COURT_ORDER noData: the report prints "1–9", the log counts 0');
  });

  it('names the median when an acknowledgement time was changed in the database behind the API', async () => {
    // 1 hour becomes 30: the 11 timings are 2…11 and 30 hours, the median 7; the log still says 1, median 6.
    await t.db.query(`UPDATE request SET acknowledged_at = '2026-03-02T15:00:00Z' WHERE id = $1`, [usIds[0]]);
    const third = await publish({ changes: 'recount medians', reason: 'test' });
    const us = third.document.rows.find((r) => r.country === 'US' && r.legalProcess === 'SUBPOENA')!;
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

/**
 * Real packages, prepared, approved and delivered through the API, on a server of its own whose threshold is 2, so
 * that every count of 2 or more is printed exactly and the recount is checked number for number. All four requests
 * are Dutch court orders of 2026-H1, one row (and its totals):
 * - A, downloaded through its link: alice (three connections in the window and her number), carol (her number; no
 *   connection in the window) and a suspect with no account: 2 accounts, 1 with IP addresses, 2 with a number;
 * - B, exported by staff: dave (two connections and his number): 1, 1, 1;
 * - C, approved with a link nobody used, and D, prepared and rejected: handed over to no one, they disclose nothing.
 * So accounts disclosed 3, IP address disclosures 2, phone number disclosures 3.
 */
describe('writ-verify report: accounts, IP address and phone number disclosures of real packages', () => {
  let d: TestApp;
  let pki: CourtPki;
  let people: People;
  let deliverer: TestStaff;
  let admins: [TestStaff, TestStaff];
  let dKey: string;
  const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
  const packages: Record<string, string> = {};
  let first: Published;

  const WINDOW = { role: 'SUSPECT', windowStart: '2025-12-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' };
  const order = (...targets: Record<string, unknown>[]) => ({
    statementOfReasons: 'Suspected fraud through the platform.',
    targets: targets.map((target) => ({ ...WINDOW, ...target })),
    categories: [{ category: 'IP_ADDRESS' }, { category: 'PHONE_NUMBER' }],
  });
  const row = (document: ReportDocument, country: string, legalProcess: string) =>
    document.rows.find((r) => r.country === country && r.legalProcess === legalProcess)!;
  const figures = (r: ReportDocument['rows'][number]) => [
    r.accountsDisclosed,
    r.ipAddressDisclosures,
    r.phoneNumberDisclosures,
  ];

  /** Prepares A…D, approves all but D, and hands A over by link and B by export. */
  beforeAll(async () => {
    pki = makeCourtPki();
    d = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0', REPORT_THRESHOLD: '2' });
    const [intake, reviewer, approver, admin] = await Promise.all([
      createStaff(d, ['INTAKE']),
      createStaff(d, ['REVIEWER']),
      createStaff(d, ['APPROVER']),
      createStaff(d, ['ADMIN'], 'admin-a'),
    ]);
    people = { intake, reviewer, approver };
    deliverer = await createStaff(d, ['REVIEWER'], 'deliverer');
    admins = [admin, await createStaff(d, ['ADMIN'], 'admin-b')];
    const court = (await registerAuthority(d, admin, { certificate: pki.caPem, country: 'NL' })).id;
    await d.db.query(
      `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES
         ('acct_alice', 'rc_alice', '+31612345001'), ('acct_carol', 'rc_carol', '+31612345002'),
         ('acct_dave', 'rc_dave', '+31612345003'), ('acct_erin', 'rc_erin', '+31612345004'),
         ('acct_frank', 'rc_frank', '+31612345005')`,
    );
    await d.db.query(
      `INSERT INTO subscriber_connection (account_id, at, ip) VALUES
         ('acct_alice', '2025-12-02T00:00:00Z', '198.51.100.11'), ('acct_alice', '2025-12-03T00:00:00Z', '198.51.100.12'),
         ('acct_alice', '2025-12-04T00:00:00Z', '198.51.100.13'), ('acct_carol', '2025-11-01T00:00:00Z', '198.51.100.21'),
         ('acct_dave', '2025-12-05T00:00:00Z', '198.51.100.31'), ('acct_dave', '2025-12-06T00:00:00Z', '198.51.100.32')`,
    );
    const username = (value: string) => ({ selectorType: 'USERNAME', value });
    ids.A = await decidedRequest(
      d,
      pki,
      people,
      court,
      order(username('rc_alice'), username('rc_carol'), { selectorType: 'ACCOUNT_ID', value: 'acct_rc_ghost' }),
    );
    ids.B = await decidedRequest(d, pki, people, court, order(username('rc_dave')));
    ids.C = await decidedRequest(d, pki, people, court, order(username('rc_erin')));
    ids.D = await decidedRequest(d, pki, people, court, order(username('rc_frank')));
    for (const [name, id] of Object.entries(ids)) {
      packages[name] = (await okAs(d, PrepareDisclosureRoute, { params: { id } }, reviewer)).id;
    }
    await okAs(
      d,
      RejectDisclosureRoute,
      { params: { id: packages.D! }, body: { reason: 'The window is too wide for this case.' } },
      approver,
    );
    for (const name of ['A', 'B', 'C']) {
      await okAs(d, ApproveDisclosureRoute, { params: { id: packages[name]! } }, approver);
    }
    for (const name of ['A', 'C']) {
      const { token } = await okAs(d, CreateDownloadLinkRoute, { params: { id: packages[name]! } }, deliverer);
      if (name === 'A')
        await (await fetchRoute(DownloadPackageRoute, { params: { token } }, { baseUrl: d.url })).arrayBuffer();
    }
    const exported = await fetchRoute(
      ExportPackageRoute,
      { params: { id: packages.B! } },
      { baseUrl: d.url, headers: { authorization: deliverer.headers.authorization! } },
    );
    await exported.arrayBuffer();
    dKey = (await okAs(d, GetLogKey, {})).keys[0]!;
    first = await publishOn(d, admins);
  }, 120_000);

  afterAll(async () => {
    await d?.close();
    pki?.close();
  });

  it('logs what each delivery released as counts only, and the report and the recount agree on them', async () => {
    // Each delivery's leaf: the three counts (alice once, whatever her four items), no target and no value.
    const [downloaded] = await auditEvents(d, ids.A, 'disclosure.downloaded');
    expect(downloaded!.details).toMatchObject({
      accountsDisclosed: 2,
      ipAddressDisclosures: 1,
      phoneNumberDisclosures: 2,
    });
    const [exported] = await auditEvents(d, ids.B, 'disclosure.exported');
    expect(exported!.details).toMatchObject({
      accountsDisclosed: 1,
      ipAddressDisclosures: 1,
      phoneNumberDisclosures: 1,
    });
    const leaves = [downloaded!, exported!].map((event) => event.leaf.toString('utf8')).join('\n');
    for (const secret of ['rc_alice', 'acct_alice', '+31612345001', '198.51.100.11', 'acct_rc_ghost'])
      expect(leaves).not.toContain(secret);
    // Neither the package approved but never downloaded nor the rejected one has a delivery leaf.
    expect(await auditEvents(d, ids.C, 'disclosure.downloaded')).toEqual([]);
    expect(await auditEvents(d, ids.D, 'disclosure.exported')).toEqual([]);

    // The report, counted in SQL, prints the hand-computed figures exactly, in the cell and in every total.
    for (const [country, process] of [
      ['NL', 'COURT_ORDER'],
      ['NL', 'ALL'],
      ['ALL', 'COURT_ORDER'],
      ['ALL', 'ALL'],
    ]) {
      const r = row(first.document, country!, process!);
      expect({ row: `${country}|${process}`, figures: figures(r) }).toEqual({
        row: `${country}|${process}`,
        figures: [3, 2, 3],
      });
      expect([r.requestsReceived, r.requestsWithDataDisclosed, r.pending, r.contentDisclosures]).toEqual([4, 2, 2, 0]);
    }
    const verdict = await writVerify('report', first.file, '--server', d.url, '--key', dKey);
    expect(verdict.stderr).toBe('');
    expect(verdict.status).toBe(0);
    expect(verdict.stdout).toMatch(/report OK: every figure of 2026-H1 \(threshold 2\) matches the recount/);
  });

  it('names the IP address cell when released items are deleted in the database behind the API', async () => {
    // Alice's connections vanish from package A's record, with no audit event. She still had her number released,
    // so only the IP address disclosures change: 2 → 1 in the report, still 2 in the log.
    const deleted = await d.db.query(`DELETE FROM released_item WHERE disclosure_id = $1 AND category = 'IP_ADDRESS'`, [
      packages.A,
    ]);
    expect(deleted.rowCount).toBe(3);
    const second = await publishOn(d, admins, { changes: 'recount', reason: 'test' });
    expect(figures(row(second.document, 'NL', 'COURT_ORDER'))).toEqual([3, '1–1', 3]);
    const verdict = await writVerify('report', second.file, '--server', d.url, '--key', dKey);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain(
      'INVALID: 2026-H1 NL|COURT_ORDER ipAddressDisclosures: the report prints "1–1", the log counts 2',
    );
    expect(verdict.stderr).not.toContain('accountsDisclosed');
    expect(verdict.stderr).not.toContain('phoneNumberDisclosures');
  });

  it('names the accounts and phone number cells when a package is marked delivered behind the API', async () => {
    // Package C (erin's number) was approved but never downloaded; the database now says DELIVERED, with no event.
    await d.db.query(`UPDATE disclosure SET status = 'DELIVERED', delivered_at = now() WHERE id = $1`, [packages.C]);
    const third = await publishOn(d, admins, { changes: 'recount deliveries', reason: 'test' });
    expect(figures(row(third.document, 'NL', 'COURT_ORDER'))).toEqual([4, '1–1', 4]);
    const verdict = await writVerify('report', third.file, '--server', d.url, '--key', dKey);
    expect(verdict.status).toBe(1);
    expect(verdict.stderr).toContain('NL|COURT_ORDER accountsDisclosed: the report prints 4, the log counts 3');
    expect(verdict.stderr).toContain('NL|COURT_ORDER phoneNumberDisclosures: the report prints 4, the log counts 3');
    expect(verdict.stderr).toContain('ALL|ALL accountsDisclosed: the report prints 4, the log counts 3');
  });
});
