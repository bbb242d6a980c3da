// What the disclosure workflow refuses, each with a clear error and nothing changed: preparing without RELEASE
// decisions, twice, or from the wrong status; delivering an unapproved package; expired, used, forged links; too
// many guesses from one address. And the other paths: a rejection sends the request back to DECIDED, an export
// delivers like the link does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DisclosureView, DownloadLink, ErrorBody } from '@writ/contracts';
import { PackageExpiry } from '../../apps/api/src/disclosures';
import { freshIp } from './auth.fixtures';
import { createStaff, type TestStaff } from '../support/auth';
import { type CourtPki, makeCourtPki, registerAuthority } from '../support/court-pki';
import { startTestApp, type TestApp } from '../support/test-app';
import { decidedRequest, type People, unzip } from './disclosures.fixtures';
import { auditEvents, call, createRequest, requestRow, validRequest } from './requests.fixtures';

let t: TestApp;
let pki: CourtPki;
let people: People;
let otherApprover: TestStaff;
let courtId: string;

const WINDOW = { windowStart: '2025-12-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' };
const suspect = (value: string) => ({ selectorType: 'USERNAME', value, role: 'SUSPECT', ...WINDOW });
const order = (targets: unknown[], categories: string[]) => ({
  statementOfReasons: 'Suspected fraud through the platform.',
  targets,
  categories: categories.map((category) => ({ category })),
});
const RELEASABLE = order([suspect('carol_3')], ['IP_ADDRESS', 'PHONE_NUMBER']);

beforeAll(async () => {
  pki = makeCourtPki();
  t = await startTestApp({ TRUST_PROXY: 'true' });
  const [intake, reviewer, approver, admin] = await Promise.all([
    createStaff(t, ['INTAKE']),
    createStaff(t, ['REVIEWER']),
    createStaff(t, ['APPROVER']),
    createStaff(t, ['ADMIN']),
  ]);
  people = { intake, reviewer, approver };
  otherApprover = await createStaff(t, ['APPROVER']);
  courtId = (await registerAuthority(t, admin, { certificate: pki.caPem })).id;
  await t.db.query(
    `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ('acct_carol', 'carol_3', '+4915122223333')`,
  );
  await t.db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip) VALUES ('acct_carol', '2025-12-05T10:00:00Z', '192.0.2.7')`,
  );
}, 60_000);
afterAll(async () => {
  await t.close();
  pki.close();
});

const error = (body: unknown) => ErrorBody.parse(body).error;
const prepare = (id: string) => call(t, 'POST', `/requests/${id}/disclosures`, { as: people.reviewer });

async function state(requestId: string) {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*) FROM disclosure WHERE request_id = $1)::int AS disclosures,
            (SELECT count(*) FROM released_item i JOIN disclosure d ON d.id = i.disclosure_id WHERE d.request_id = $1)::int AS items,
            (SELECT json_agg(json_build_object('status', status, 'link', link_token_hash, 'expires', download_expires_at,
                     'delivered', delivered_at, 'deleted', files_deleted_at) ORDER BY prepared_at)
               FROM disclosure WHERE request_id = $1) AS packages,
            (SELECT count(*) FROM audit_event)::int AS audit,
            (SELECT status::text || '/' || outcome::text || '/' || version FROM request WHERE id = $1) AS request`,
    [requestId],
  );
  return rows[0];
}

async function approved(requestId: string): Promise<DisclosureView> {
  const prepared = await prepare(requestId);
  expect(prepared.status).toBe(201);
  const view = DisclosureView.parse(prepared.body);
  const reply = await call(t, 'POST', `/disclosures/${view.id}/approve`, { as: people.approver });
  expect(reply.status).toBe(200);
  return view;
}

describe('preparing', () => {
  it('is refused without RELEASE decisions, twice, or before the decisions, and writes nothing', async () => {
    const scopeOnly = await decidedRequest(t, pki, people, courtId, order([suspect('carol_3')], ['MESSAGE_CONTENT']));
    let before = await state(scopeOnly);
    const nothing = await prepare(scopeOnly);
    expect([nothing.status, error(nothing.body).code]).toEqual([409, 'NOTHING_TO_RELEASE']);
    expect(await state(scopeOnly)).toEqual(before);

    const received = await createRequest(t, people.intake, validRequest(courtId, RELEASABLE));
    before = await state(received.id);
    const early = await prepare(received.id);
    expect([early.status, error(early.body).code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(await state(received.id)).toEqual(before);

    const requestId = await decidedRequest(t, pki, people, courtId, RELEASABLE);
    expect((await prepare(requestId)).status).toBe(201);
    before = await state(requestId);
    const twice = await prepare(requestId);
    expect([twice.status, error(twice.body).code]).toEqual([409, 'ALREADY_EXISTS']);
    expect(await state(requestId)).toEqual(before);
    expect(before.items).toBe(2);
  }, 60_000);

  it('records targets without an account as NOT_FOUND, and with nothing to release points to NO_DATA', async () => {
    const requestId = await decidedRequest(t, pki, people, courtId, order([suspect('nobody_9')], ['PHONE_NUMBER']));
    const refused = await prepare(requestId);
    expect([refused.status, error(refused.body).code]).toEqual([409, 'NOTHING_TO_RELEASE']);
    expect(error(refused.body).message).toContain('NO_DATA');
    const { rows } = await t.db.query(`SELECT lookup_result FROM target WHERE request_id = $1`, [requestId]);
    expect(rows.map((r) => r.lookup_result)).toEqual(['NOT_FOUND']);
    expect((await state(requestId)).disclosures).toBe(0);
    const noData = await call(t, 'POST', `/requests/${requestId}/transitions`, {
      as: people.reviewer,
      body: { to: 'NO_DATA', version: (await requestRow(t, requestId)).version },
    });
    expect(noData.status).toBe(200);
    expect((await requestRow(t, requestId)).outcome).toBe('NO_DATA');
  }, 60_000);
});

describe('approval', () => {
  it('a rejection needs a reason, sends the request back to DECIDED and deletes the files; a new package follows', async () => {
    const requestId = await decidedRequest(t, pki, people, courtId, RELEASABLE);
    const view = DisclosureView.parse((await prepare(requestId)).body);
    const dir = path.join(t.env.STORAGE_DIR, 'disclosures', view.id);
    expect(existsSync(dir)).toBe(true);
    const before = await state(requestId);
    const noReason = await call(t, 'POST', `/disclosures/${view.id}/reject`, { as: people.approver, body: {} });
    expect([noReason.status, error(noReason.body).code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await state(requestId)).toEqual(before);

    const rejected = await call(t, 'POST', `/disclosures/${view.id}/reject`, {
      as: people.approver,
      body: { reason: 'Window in the order is misread' },
    });
    expect(rejected.status).toBe(200);
    expect(DisclosureView.parse(rejected.body)).toMatchObject({ status: 'REJECTED', filesDeleted: true });
    expect((await requestRow(t, requestId)).status).toBe('DECIDED');
    expect(existsSync(dir)).toBe(false);
    const [event] = await auditEvents(t, requestId, 'disclosure.rejected');
    expect(event!.leaf.toString('utf8')).not.toContain('misread');
    const again = await call(t, 'POST', `/disclosures/${view.id}/approve`, { as: otherApprover });
    expect([again.status, error(again.body).code]).toEqual([409, 'DISCLOSURE_NOT_PENDING']);

    const second = await prepare(requestId);
    expect(second.status).toBe(201);
  }, 60_000);
});

describe('delivery', () => {
  it('an expired link answers 410 and changes nothing; a new link replaces an unused one', async () => {
    const requestId = await decidedRequest(t, pki, people, courtId, RELEASABLE);
    const view = await approved(requestId);
    const first = DownloadLink.parse(
      (await call(t, 'POST', `/disclosures/${view.id}/link`, { as: people.approver })).body,
    );
    const second = DownloadLink.parse(
      (await call(t, 'POST', `/disclosures/${view.id}/link`, { as: people.reviewer })).body,
    );
    const replaced = await fetch(`${t.url}${first.path}`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(replaced.status).toBe(404);

    await t.db.query(`UPDATE disclosure SET download_expires_at = now() - interval '1 second' WHERE id = $1`, [
      view.id,
    ]);
    const before = await state(requestId);
    const expired = await fetch(`${t.url}${second.path}`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(expired.status).toBe(410);
    const body = error(await expired.json());
    expect(body.code).toBe('DOWNLOAD_GONE');
    expect(body.message).toContain('expired');
    expect(await state(requestId)).toEqual(before);
    expect((await requestRow(t, requestId)).status).toBe('APPROVED');

    // The sweeper then deletes the undelivered files, with an audit event.
    expect(existsSync(path.join(t.env.STORAGE_DIR, 'disclosures', view.id))).toBe(true);
    expect(await t.app.get(PackageExpiry).sweep()).toBe(1);
    expect(existsSync(path.join(t.env.STORAGE_DIR, 'disclosures', view.id))).toBe(false);
    expect(await auditEvents(t, requestId, 'disclosure.link_expired')).toHaveLength(1);
    const relink = await call(t, 'POST', `/disclosures/${view.id}/link`, { as: people.reviewer });
    expect([relink.status, error(relink.body).code]).toEqual([410, 'DOWNLOAD_GONE']);
  }, 60_000);

  it('a staff export delivers the same zip once, and the link no longer works', async () => {
    const requestId = await decidedRequest(t, pki, people, courtId, RELEASABLE);
    const view = await approved(requestId);
    const link = DownloadLink.parse(
      (await call(t, 'POST', `/disclosures/${view.id}/link`, { as: people.reviewer })).body,
    );
    const auditor = await createStaff(t, ['AUDITOR']);
    const forbidden = await fetch(`${t.url}/disclosures/${view.id}/export`, { headers: auditor.headers });
    expect(forbidden.status).toBe(403);
    const exported = await fetch(`${t.url}/disclosures/${view.id}/export`, { headers: people.reviewer.headers });
    expect(exported.status).toBe(200);
    const entries = await unzip(Buffer.from(await exported.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(['data.csv', 'data.json', 'manifest.note']);
    expect(JSON.parse(entries.get('data.json')!.toString()).map((i: { value: string }) => i.value)).toEqual([
      '192.0.2.7',
      '+4915122223333',
    ]);
    const row = await requestRow(t, requestId);
    expect([row.status, row.outcome]).toEqual(['DELIVERED', 'DISCLOSED']);
    const [event] = await auditEvents(t, requestId, 'disclosure.exported');
    expect(event).toMatchObject({ actor_id: people.reviewer.id, details: { disclosureId: view.id, via: 'EXPORT' } });
    const used = await fetch(`${t.url}${link.path}`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(used.status).toBe(410);
    const twice = await fetch(`${t.url}/disclosures/${view.id}/export`, { headers: people.reviewer.headers });
    expect(twice.status).toBe(410);
  }, 60_000);

  it('rate-limits the public download route per client address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const reply = await fetch(`${t.url}/disclosure-downloads/guess-${i}`, { headers: { 'x-forwarded-for': ip } });
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = await fetch(`${t.url}/disclosure-downloads/guess`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(other.status).toBe(404);
  });
});
