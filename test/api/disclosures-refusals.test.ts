// What the disclosure workflow refuses, each with a clear error and nothing changed: preparing without RELEASE
// decisions, twice, or from the wrong status; delivering an unapproved package; expired, used, forged links; too
// many guesses from one address (behind the portal: from one signed client address); a link whose creator may no
// longer deliver; the preparer handing over their own package. And the other paths: a rejection or an expired link
// sends the request back to DECIDED, an export delivers like the link does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  ApproveDisclosureRoute,
  CreateDownloadLinkRoute,
  type DisclosureView,
  type DownloadLink,
  ErrorBody,
  ExportPackageRoute,
  ListDisclosuresRoute,
  PackageLinkInfo,
  PrepareDisclosureRoute,
  RejectDisclosureRoute,
  TransitionRequestRoute,
} from '@writ/contracts';
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_SIGNATURE_HEADER,
  signClientAddress,
} from '../../apps/api/src/auth/client-address';
import { PackageExpiry } from '../../apps/api/src/disclosures';
import { freshIp } from './auth.fixtures';
import { createStaff, type TestStaff } from '../support/auth';
import { type Cast, castWithCourt, decidedRequest } from '../support/cast';
import { callAs, fetchAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { unzip } from './disclosures.fixtures';
import { auditEvents, callRaw, createRequest, requestRow, validRequest } from './requests.fixtures';

let t: TestApp;
let people: Cast;
let otherApprover: TestStaff;
let courtId: string;

const PROXY_SECRET = 'the portal and the API share this secret';
const WINDOW = { windowStart: '2025-12-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' };
const suspect = (value: string) => ({ selectorType: 'USERNAME', value, role: 'SUSPECT', ...WINDOW });
const order = (targets: unknown[], categories: string[]) => ({
  statementOfReasons: 'Suspected fraud through the platform.',
  targets,
  categories: categories.map((category) => ({ category })),
});
const RELEASABLE = order([suspect('carol_3')], ['IP_ADDRESS', 'PHONE_NUMBER']);

beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true', PORTAL_PROXY_SECRET: PROXY_SECRET });
  people = await castWithCourt(t);
  otherApprover = await createStaff(t, ['APPROVER']);
  courtId = people.court.id;
  await t.db.query(
    `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ('acct_carol', 'carol_3', '+4915122223333')`,
  );
  await t.db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip) VALUES ('acct_carol', '2025-12-05T10:00:00Z', '192.0.2.7')`,
  );
}, 60_000);
afterAll(async () => {
  await t.close();
  people.pki.close();
});

const error = (body: unknown) => ErrorBody.parse(body).error;
const prepare = (id: string) => callAs(t, PrepareDisclosureRoute, { params: { id } }, people.reviewer);

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
  const view = prepared.body;
  const reply = await callAs(t, ApproveDisclosureRoute, { params: { id: view.id } }, people.approver);
  expect(reply.status).toBe(200);
  return view;
}

describe('preparing', () => {
  it('is refused without RELEASE decisions, twice, or before the decisions, and writes nothing', async () => {
    const scopeOnly = await decidedRequest(t, people, order([suspect('carol_3')], ['MESSAGE_CONTENT']));
    let before = await state(scopeOnly);
    const nothing = await prepare(scopeOnly);
    expect([nothing.status, nothing.error.code]).toEqual([409, 'NOTHING_TO_RELEASE']);
    expect(await state(scopeOnly)).toEqual(before);

    const received = await createRequest(t, people.intake, validRequest(courtId, RELEASABLE));
    before = await state(received.id);
    const early = await prepare(received.id);
    expect([early.status, early.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    expect(await state(received.id)).toEqual(before);

    const requestId = await decidedRequest(t, people, RELEASABLE);
    expect((await prepare(requestId)).status).toBe(201);
    before = await state(requestId);
    const twice = await prepare(requestId);
    expect([twice.status, twice.error.code]).toEqual([409, 'ALREADY_EXISTS']);
    expect(await state(requestId)).toEqual(before);
    expect(before.items).toBe(2);
  }, 60_000);

  it('records targets without an account as NOT_FOUND, and with nothing to release points to NO_DATA', async () => {
    const requestId = await decidedRequest(t, people, order([suspect('nobody_9')], ['PHONE_NUMBER']));
    const refused = await prepare(requestId);
    expect([refused.status, refused.error.code]).toEqual([409, 'NOTHING_TO_RELEASE']);
    expect(refused.error.message).toContain('NO_DATA');
    const { rows } = await t.db.query(`SELECT lookup_result FROM target WHERE request_id = $1`, [requestId]);
    expect(rows.map((r) => r.lookup_result)).toEqual(['NOT_FOUND']);
    expect((await state(requestId)).disclosures).toBe(0);
    const noData = await callAs(
      t,
      TransitionRequestRoute,
      { params: { id: requestId }, body: { to: 'NO_DATA', version: Number((await requestRow(t, requestId)).version) } },
      people.reviewer,
    );
    expect(noData.status).toBe(200);
    expect((await requestRow(t, requestId)).outcome).toBe('NO_DATA');
  }, 60_000);
});

describe('approval', () => {
  it('a rejection needs a reason, sends the request back to DECIDED and deletes the files; a new package follows', async () => {
    const requestId = await decidedRequest(t, people, RELEASABLE);
    const view = (await prepare(requestId)).body;
    const dir = path.join(t.env.STORAGE_DIR, 'disclosures', view.id);
    expect(existsSync(dir)).toBe(true);
    const before = await state(requestId);
    // No reason at all: the contract's type would not let it be sent.
    const noReason = await callRaw(t, 'POST', `/disclosures/${view.id}/reject`, { as: people.approver, body: {} });
    expect([noReason.status, ErrorBody.parse(noReason.body).error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await state(requestId)).toEqual(before);

    const rejected = await callAs(
      t,
      RejectDisclosureRoute,
      { params: { id: view.id }, body: { reason: 'Window in the order is misread' } },
      people.approver,
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', filesDeleted: true });
    expect((await requestRow(t, requestId)).status).toBe('DECIDED');
    expect(existsSync(dir)).toBe(false);
    const [event] = await auditEvents(t, requestId, 'disclosure.rejected');
    expect(event!.leaf.toString('utf8')).not.toContain('misread');
    const again = await callAs(t, ApproveDisclosureRoute, { params: { id: view.id } }, otherApprover);
    expect([again.status, again.error.code]).toEqual([409, 'DISCLOSURE_NOT_PENDING']);

    const second = await prepare(requestId);
    expect(second.status).toBe(201);
  }, 60_000);
});

const linkFor = async (id: string, as: TestStaff = people.approver) => {
  const reply = await callAs(t, CreateDownloadLinkRoute, { params: { id } }, as);
  expect(reply.status).toBe(201);
  return reply.body;
};
const describeLink = async (link: DownloadLink) => {
  const reply = await fetch(`${t.url}${link.path}`, { headers: { 'x-forwarded-for': freshIp() } });
  expect(reply.status).toBe(200);
  return PackageLinkInfo.parse(await reply.json());
};
const fetchPackage = (link: DownloadLink, headers: Record<string, string> = { 'x-forwarded-for': freshIp() }) =>
  fetch(`${t.url}${link.path}`, { method: 'POST', headers });
const packageDir = (id: string) => path.join(t.env.STORAGE_DIR, 'disclosures', id);

describe('delivery', () => {
  it('an expired link ends the package: files deleted, request back to DECIDED, a new package follows', async () => {
    const requestId = await decidedRequest(t, people, RELEASABLE);
    const view = await approved(requestId);
    const first = await linkFor(view.id, people.approver);
    const second = await linkFor(view.id, otherApprover);
    const replaced = await fetch(`${t.url}${first.path}`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(replaced.status).toBe(404);

    await t.db.query(`UPDATE disclosure SET download_expires_at = now() - interval '1 second' WHERE id = $1`, [
      view.id,
    ]);
    // Read time: the link says it expired, and looking changes nothing.
    let before = await state(requestId);
    expect(await describeLink(second)).toMatchObject({ state: 'EXPIRED', usable: false });
    expect(await state(requestId)).toEqual(before);
    const listed = await callAs(t, ListDisclosuresRoute, { params: { id: requestId } }, people.approver);
    expect(listed.body.items[0]).toMatchObject({ id: view.id, status: 'EXPIRED' });

    // The sweeper ends it: files gone, package EXPIRED, the request back to DECIDED with no person as actor.
    expect(existsSync(packageDir(view.id))).toBe(true);
    expect(await t.app.get(PackageExpiry).sweep()).toBe(1);
    expect(existsSync(packageDir(view.id))).toBe(false);
    const [expired] = await auditEvents(t, requestId, 'disclosure.expired');
    expect(expired).toMatchObject({ actor_id: null, details: { disclosureId: view.id, requestBackTo: 'DECIDED' } });
    expect((await requestRow(t, requestId)).status).toBe('DECIDED');
    const { rows: steps } = await t.db.query(
      `SELECT from_status::text AS "from", actor_id FROM request_transition WHERE request_id = $1 AND to_status = 'DECIDED' ORDER BY at DESC LIMIT 1`,
      [requestId],
    );
    expect(steps[0]).toEqual({ from: 'APPROVED', actor_id: null });
    // Only that step may go without a person (CHECK).
    await expect(
      t.db.query(
        `INSERT INTO request_transition (id, request_id, from_status, to_status, actor_id) VALUES (gen_random_uuid(), $1, 'DECIDED', 'CLOSED', NULL)`,
        [requestId],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'request_transition_actor_or_expiry' });

    before = await state(requestId);
    const gone = await fetchPackage(second);
    expect(gone.status).toBe(410);
    expect(error(await gone.json()).code).toBe('DOWNLOAD_GONE');
    const relink = await callAs(t, CreateDownloadLinkRoute, { params: { id: view.id } }, people.approver);
    expect([relink.status, relink.error.code]).toEqual([410, 'DOWNLOAD_GONE']);
    expect(relink.error.message).toContain('prepare a new package');
    expect(await state(requestId)).toEqual(before);

    // Back in review: a new package is prepared, approved and delivered.
    const next = await approved(requestId);
    expect(next.id).not.toBe(view.id);
    const link = await linkFor(next.id);
    expect((await fetchPackage(link)).status).toBe(200);
    expect((await requestRow(t, requestId)).status).toBe('DELIVERED');
  }, 60_000);

  it('an expired link is ended at read time too, before the sweeper runs', async () => {
    const requestId = await decidedRequest(t, people, RELEASABLE);
    const view = await approved(requestId);
    const link = await linkFor(view.id);
    await t.db.query(`UPDATE disclosure SET download_expires_at = now() - interval '1 second' WHERE id = $1`, [
      view.id,
    ]);
    const exported = await fetchAs(t, ExportPackageRoute, { params: { id: view.id } }, people.approver);
    expect([exported.status, exported.error.code]).toEqual([410, 'DOWNLOAD_GONE']);
    expect((await requestRow(t, requestId)).status).toBe('DECIDED');
    expect(existsSync(packageDir(view.id))).toBe(false);
    expect(await auditEvents(t, requestId, 'disclosure.expired')).toHaveLength(1);
    expect((await fetchPackage(link)).status).toBe(410);
    expect(await t.app.get(PackageExpiry).sweep()).toBe(0);
    expect(await auditEvents(t, requestId, 'disclosure.expired')).toHaveLength(1);
  }, 60_000);

  it('refuses a link whose creator was disabled or lost the role since, records it, and delivers nothing', async () => {
    for (const change of [
      `UPDATE staff SET disabled_at = now() WHERE id = $1`,
      `UPDATE staff SET roles = ARRAY['AUDITOR']::"StaffRole"[] WHERE id = $1`,
    ]) {
      const requestId = await decidedRequest(t, people, RELEASABLE);
      const view = await approved(requestId);
      const creator = await createStaff(t, ['APPROVER']);
      const link = await linkFor(view.id, creator);
      await t.db.query(change, [creator.id]);
      expect(await describeLink(link)).toMatchObject({ state: 'REVOKED', usable: false });
      const before = await state(requestId);
      const refused = await fetchPackage(link);
      expect(refused.status).toBe(410);
      expect(error(await refused.json()).code).toBe('DOWNLOAD_LINK_REVOKED');
      const after = await state(requestId);
      expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
      expect(after.audit).toBe(before.audit + 1);
      const [event] = await auditEvents(t, requestId, 'disclosure.download_refused');
      expect(event).toMatchObject({
        actor_id: null,
        details: {
          disclosureId: view.id,
          linkCreatedById: creator.id,
          why: change.includes('disabled') ? 'DISABLED' : 'ROLE_REMOVED',
        },
      });
      expect((await requestRow(t, requestId)).status).toBe('APPROVED');
      expect(existsSync(packageDir(view.id))).toBe(true);
      // A new link by someone who may deliver works.
      expect((await fetchPackage(await linkFor(view.id))).status).toBe(200);
    }
  }, 90_000);

  it('a staff export delivers the same zip once, never by the preparer, and the link no longer works', async () => {
    const requestId = await decidedRequest(t, people, RELEASABLE);
    const view = await approved(requestId);
    const link = await linkFor(view.id);
    const auditor = await createStaff(t, ['AUDITOR']);
    // A GET (a prefetch, a link preview) delivers nothing.
    const viaGet = await fetch(`${t.url}/disclosures/${view.id}/export`, { headers: otherApprover.headers });
    expect(viaGet.status).toBe(404);
    expect((await requestRow(t, requestId)).status).toBe('APPROVED');
    const forbidden = await fetch(`${t.url}/disclosures/${view.id}/export`, {
      method: 'POST',
      headers: auditor.headers,
    });
    expect(forbidden.status).toBe(403);
    const own = await fetch(`${t.url}/disclosures/${view.id}/export`, {
      method: 'POST',
      headers: people.reviewer.headers,
    });
    expect([own.status, error(await own.json()).code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    const exported = await fetch(`${t.url}/disclosures/${view.id}/export`, {
      method: 'POST',
      headers: otherApprover.headers,
    });
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
    expect(event).toMatchObject({
      actor_id: otherApprover.id,
      details: {
        disclosureId: view.id,
        via: 'EXPORT',
        accountsDisclosed: 1,
        ipAddressDisclosures: 1,
        phoneNumberDisclosures: 1,
      },
    });
    const used = await fetchPackage(link);
    expect(used.status).toBe(410);
    const twice = await fetch(`${t.url}/disclosures/${view.id}/export`, {
      method: 'POST',
      headers: otherApprover.headers,
    });
    expect(twice.status).toBe(410);
  }, 60_000);

  it('rate-limits the public download routes per client address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const reply = await fetch(`${t.url}/disclosure-downloads/guess-${i}`, {
        method: i % 2 ? 'POST' : 'GET',
        headers: { 'x-forwarded-for': ip },
      });
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = await fetch(`${t.url}/disclosure-downloads/guess`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(other.status).toBe(404);
  });

  it('behind the portal, counts by the client address the portal signs, not by the portal', async () => {
    const portal = freshIp();
    const viaPortal = (address: string, secret = PROXY_SECRET) => ({
      'x-forwarded-for': portal,
      [CLIENT_IP_HEADER]: address,
      [CLIENT_IP_SIGNATURE_HEADER]: signClientAddress(secret, address),
    });
    const guesser = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await fetch(`${t.url}/disclosure-downloads/guess-${i}`, { headers: viaPortal(guesser) })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another authority through the same portal is not held back by the guesser.
    const authority = await fetch(`${t.url}/disclosure-downloads/guess`, { headers: viaPortal(freshIp()) });
    expect(authority.status).toBe(404);
    // A claimed address without the right signature counts against the connection, whatever it claims.
    const forger = freshIp();
    const forged: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const reply = await fetch(`${t.url}/disclosure-downloads/guess-${i}`, {
        headers: { ...viaPortal(freshIp(), 'a guessed secret, also 32 characters'), 'x-forwarded-for': forger },
      });
      forged.push(reply.status);
    }
    expect(forged[10]).toBe(429);
  });
});
