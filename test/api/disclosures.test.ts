// Disclosure packages end to end over HTTP on a real PostgreSQL: intake → verification (two people) → decisions →
// package → approval (another person) → one download → `writ-verify package`. What the authority receives holds
// only the connections inside the window and the phone numbers of the named suspects, nothing else; every refusal
// changes nothing.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ApproveDisclosureRoute,
  CreateDownloadLinkRoute,
  ErrorBody,
  ExportPackageRoute,
  ListDisclosuresRoute,
  PACKAGE_CSV_HEADER,
  PackageItem,
  PackageLinkInfo,
  PrepareDisclosureRoute,
  RejectDisclosureRoute,
  TransitionRequestRoute,
} from '@writ/contracts';
import { generateSignerKey, openNote, parseVerifierKey, verifierKeyFromSigner } from '@writ/tlog';
import { freshIp } from './auth.fixtures';
import { createStaff, type TestStaff } from '../support/auth';
import { type Cast, castWithCourt, decidedRequest } from '../support/cast';
import { callAs, fetchAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { unpack, unzip, writVerifyPackage } from './disclosures.fixtures';
import { auditEvents, requestRow } from './requests.fixtures';

let t: TestApp;
let people: Cast;
let both: TestStaff;
let otherApprover: TestStaff;
let auditor: TestStaff;

const WINDOW = { windowStart: '2025-12-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' };
/** alice_1: a suspect with a window; bob_2: a victim (nothing released); acct_ghost: a suspect with no account. */
const ORDER = {
  statementOfReasons: 'Suspected fraud through the platform.',
  targets: [
    { selectorType: 'USERNAME', value: '@alice_1', role: 'SUSPECT', ...WINDOW },
    { selectorType: 'USERNAME', value: 'bob_2', role: 'VICTIM', ...WINDOW },
    { selectorType: 'ACCOUNT_ID', value: 'acct_ghost', role: 'SUSPECT', ...WINDOW },
  ],
  categories: [{ category: 'IP_ADDRESS' }, { category: 'PHONE_NUMBER' }, { category: 'MESSAGE_CONTENT' }],
};
const ALICE_IN_WINDOW = [
  ['198.51.100.2', '2025-12-01T00:00:00.000Z'],
  ['2001:db8::1', '2025-12-15T12:00:00.000Z'],
  ['198.51.100.3', '2026-01-01T00:00:00.000Z'],
];

beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
  people = await castWithCourt(t);
  ({ auditor } = people);
  both = await createStaff(t, ['REVIEWER', 'APPROVER'], 'both');
  otherApprover = await createStaff(t, ['APPROVER']);
  await t.db.query(
    `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES
       ('acct_alice', 'alice_1', '+4915112345678'), ('acct_bob', 'bob_2', '+4915199999999')`,
  );
  await t.db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip) VALUES
       ('acct_alice', '2025-11-30T23:59:59.999Z', '198.51.100.1'),
       ('acct_alice', '2025-12-01T00:00:00Z', '198.51.100.2'),
       ('acct_alice', '2025-12-15T12:00:00Z', '2001:db8::1'),
       ('acct_alice', '2026-01-01T00:00:00Z', '198.51.100.3'),
       ('acct_alice', '2026-01-01T00:00:00.001Z', '198.51.100.4'),
       ('acct_bob', '2025-12-10T00:00:00Z', '203.0.113.9')`,
  );
}, 60_000);
afterAll(async () => {
  await t.close();
  people.pki.close();
});

const error = (body: unknown) => ErrorBody.parse(body).error;
const prepare = (id: string, as: TestStaff = people.reviewer) =>
  callAs(t, PrepareDisclosureRoute, { params: { id } }, as);
const makeLink = (id: string, as: TestStaff) => callAs(t, CreateDownloadLinkRoute, { params: { id } }, as);
const exportPackage = (id: string, as: TestStaff) => fetchAs(t, ExportPackageRoute, { params: { id } }, as);
const approve = (id: string, as: TestStaff) => callAs(t, ApproveDisclosureRoute, { params: { id } }, as);
const reject = (id: string, as: TestStaff, reason: string) =>
  callAs(t, RejectDisclosureRoute, { params: { id }, body: { reason } }, as);

async function download(token: string, ip = freshIp()): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(`${t.url}/disclosure-downloads/${token}`, {
    method: 'POST',
    headers: { 'x-forwarded-for': ip },
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** Rows a refused call must leave untouched. */
async function state(requestId: string) {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*) FROM disclosure WHERE request_id = $1)::int AS disclosures,
            (SELECT count(*) FROM released_item i JOIN disclosure d ON d.id = i.disclosure_id WHERE d.request_id = $1)::int AS items,
            (SELECT json_agg(json_build_object('status', status, 'approved', approved_by_id, 'link', link_token_hash,
                     'delivered', delivered_at, 'deleted', files_deleted_at) ORDER BY prepared_at)
               FROM disclosure WHERE request_id = $1) AS packages,
            (SELECT count(*) FROM audit_event)::int AS audit,
            (SELECT status::text || '/' || outcome::text || '/' || version FROM request WHERE id = $1) AS request`,
    [requestId],
  );
  return rows[0];
}

describe('a package from stored RELEASE decisions, approved by another person, downloaded once', () => {
  it('releases exactly the window and the phone numbers, verifies offline, and answers 410 afterwards', async () => {
    const requestId = await decidedRequest(t, people, ORDER);

    // Prepared by someone who is also an approver: four eyes still stops them approving it.
    const prepared = await prepare(requestId, both);
    expect(prepared.status).toBe(201);
    const view = prepared.body;
    expect(view).toMatchObject({ status: 'PREPARED', preparedById: both.id, approvedById: null, filesDeleted: false });
    expect((await requestRow(t, requestId)).status).toBe('DISCLOSURE_PREPARED');

    // The manifest: request, policy hash, the RELEASE decisions only, counts per target, NOT_FOUND recorded.
    const { manifest } = view;
    expect(manifest.reference).toBe((await requestRow(t, requestId)).reference);
    expect(manifest.caseNumber).toBe('2 BvR 1234/21');
    expect(manifest.items).toEqual({ IP_ADDRESS: 3, PHONE_NUMBER: 1 });
    const byValue = Object.fromEntries(manifest.targets.map((target) => [target.value, target]));
    expect(Object.keys(byValue).sort()).toEqual(['acct_ghost', 'alice_1']);
    expect(byValue.alice_1).toMatchObject({ lookupResult: 'FOUND', items: { IP_ADDRESS: 3, PHONE_NUMBER: 1 } });
    expect(byValue.acct_ghost).toMatchObject({ lookupResult: 'NOT_FOUND', items: { IP_ADDRESS: 0, PHONE_NUMBER: 0 } });
    const { rows: releases } = await t.db.query(
      `SELECT id, policy_hash FROM decision WHERE request_id = $1 AND outcome = 'RELEASE' ORDER BY id`,
      [requestId],
    );
    expect(manifest.decisions.map((d) => d.id).sort()).toEqual(releases.map((r) => r.id));
    expect(manifest.policyHash).toBe(releases[0].policy_hash);
    const { rows: ghost } = await t.db.query(
      `SELECT lookup_result FROM target WHERE value = 'acct_ghost' AND request_id = $1`,
      [requestId],
    );
    expect(ghost[0].lookup_result).toBe('NOT_FOUND');

    // Signed with the platform's package key, which the public route also gives.
    const keyText = (await (await fetch(`${t.url}/disclosures/verifier-key`)).text()).trim();
    expect(keyText).toBe(view.verifierKey);
    const note = openNote(view.signedManifest, [parseVerifierKey(view.verifierKey)]);
    expect(createHash('sha256').update(note.text).digest('hex')).toBe(view.manifestSha256);
    expect(JSON.parse(note.text)).toEqual(manifest);

    // Every released value is a released_item row tied to its decision.
    const { rows: items } = await t.db.query(
      `SELECT i.category, i.value, i.observed_at, d.category AS decision_category, d.outcome
         FROM released_item i JOIN decision d ON d.id = i.decision_id WHERE i.disclosure_id = $1
        ORDER BY i.category, i.observed_at`,
      [view.id],
    );
    expect(items.map((i) => [i.category, i.value, i.observed_at?.toISOString() ?? null])).toEqual([
      ...ALICE_IN_WINDOW.map(([ip, at]) => ['IP_ADDRESS', ip, at]),
      ['PHONE_NUMBER', '+4915112345678', null],
    ]);
    expect(items.every((i) => i.decision_category === i.category && i.outcome === 'RELEASE')).toBe(true);

    // The audit event names the manifest's hash, and no personal value.
    const [preparedEvent] = await auditEvents(t, requestId, 'disclosure.prepared');
    expect(preparedEvent!.details).toMatchObject({ disclosureId: view.id, manifestSha256: view.manifestSha256 });
    const leaf = preparedEvent!.leaf.toString('utf8');
    for (const secret of ['alice_1', '+4915112345678', '198.51.100.2', 'acct_ghost'])
      expect(leaf).not.toContain(secret);

    // Not deliverable before approval; not approvable by its preparer (API and database).
    let before = await state(requestId);
    const early = await makeLink(view.id, people.reviewer);
    expect([early.status, early.error.code]).toEqual([409, 'DISCLOSURE_NOT_APPROVED']);
    const earlyExport = await exportPackage(view.id, people.reviewer);
    expect([earlyExport.status, earlyExport.error.code]).toEqual([409, 'DISCLOSURE_NOT_APPROVED']);
    const own = await approve(view.id, both);
    expect([own.status, own.error.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    const ownReject = await reject(view.id, both, 'mine');
    expect([ownReject.status, ownReject.error.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    await expect(
      t.db.query(
        `UPDATE disclosure SET approved_by_id = prepared_by_id, approved_at = now(), status = 'APPROVED' WHERE id = $1`,
        [view.id],
      ),
    ).rejects.toMatchObject({ code: '23514', constraint: 'disclosure_approver_not_preparer' });
    expect(await state(requestId)).toEqual(before);

    // Another person approves, once.
    const approved = await approve(view.id, people.approver);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', approvedById: people.approver.id });
    expect((await requestRow(t, requestId)).status).toBe('APPROVED');
    before = await state(requestId);
    const twice = await approve(view.id, otherApprover);
    expect([twice.status, twice.error.code]).toEqual([409, 'DISCLOSURE_NOT_PENDING']);
    expect(await state(requestId)).toEqual(before);

    // The preparer cannot hand the package over (API and database): someone else makes the link.
    const ownLink = await makeLink(view.id, both);
    expect([ownLink.status, ownLink.error.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    const ownExport = await exportPackage(view.id, both);
    expect([ownExport.status, ownExport.error.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    await expect(
      t.db.query(`UPDATE disclosure SET link_created_by_id = prepared_by_id WHERE id = $1`, [view.id]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'disclosure_link_not_by_preparer' });
    await expect(
      t.db.query(`UPDATE disclosure SET delivered_by_id = prepared_by_id WHERE id = $1`, [view.id]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'disclosure_deliverer_not_preparer' });
    expect(await state(requestId)).toEqual(before);

    // A one-time link; forged and truncated tokens are refused and change nothing.
    const linked = await makeLink(view.id, people.reviewer);
    expect(linked.status).toBe(201);
    const link = linked.body;
    expect(link.path).toBe(`/disclosure-downloads/${link.token}`);
    const { rows: stored } = await t.db.query(`SELECT link_token_hash FROM disclosure WHERE id = $1`, [view.id]);
    expect(stored[0].link_token_hash).not.toContain(link.token.split('.')[1]);
    before = await state(requestId);
    const forged = `${view.id}.${'A'.repeat(43)}`;
    for (const bad of [forged, link.token.slice(0, -1), `${link.token}A`, 'nonsense']) {
      const refused = await download(bad);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 404 });
      expect(error(JSON.parse(refused.bytes.toString())).code).toBe('NOT_FOUND');
    }
    expect(await state(requestId)).toEqual(before);

    // Looking at the link (GET, HEAD: a mail scanner, a preview, the authority twice) uses nothing up.
    for (let i = 0; i < 2; i += 1) {
      const described = await fetch(`${t.url}${link.path}`, { headers: { 'x-forwarded-for': freshIp() } });
      expect(described.status).toBe(200);
      expect(described.headers.get('cache-control')).toContain('no-store');
      const info = PackageLinkInfo.parse(await described.json());
      expect(info).toMatchObject({ state: 'READY', usable: true, expiresAt: link.expiresAt, deliveredAt: null });
      expect(info.items).toEqual({ IP_ADDRESS: 3, PHONE_NUMBER: 1 });
      expect(info.files.map((f) => f.name)).toEqual(['manifest.note', 'data.json', 'data.csv']);
      expect(info.totalSize).toBe(info.files.reduce((sum, f) => sum + f.size, 0));
      expect(JSON.stringify(info)).not.toContain('198.51.100.2');
    }
    const head = await fetch(`${t.url}${link.path}`, { method: 'HEAD', headers: { 'x-forwarded-for': freshIp() } });
    expect(head.status).toBe(200);
    expect(await state(requestId)).toEqual(before);

    // The download (POST): one zip, the request DELIVERED with outcome DISCLOSED.
    const got = await download(link.token);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toContain('application/zip');
    expect(got.headers.get('cache-control')).toContain('no-store');
    const entries = await unzip(got.bytes);
    expect([...entries.keys()].sort()).toEqual(['data.csv', 'data.json', 'manifest.note']);
    expect(entries.get('manifest.note')!.toString('utf8')).toBe(view.signedManifest);
    const row = await requestRow(t, requestId);
    expect([row.status, row.outcome]).toEqual(['DELIVERED', 'DISCLOSED']);
    expect(row.responded_at).not.toBeNull();
    const [downloaded] = await auditEvents(t, requestId, 'disclosure.downloaded');
    // What the package released, as the transparency report counts it: alice once (three connections and her
    // number), the suspect with no account not at all.
    expect(downloaded).toMatchObject({
      actor_id: null,
      details: {
        disclosureId: view.id,
        via: 'LINK',
        accountsDisclosed: 1,
        ipAddressDisclosures: 1,
        phoneNumberDisclosures: 1,
      },
    });
    const { rows: deliveredBy } = await t.db.query(`SELECT delivered_by_id FROM disclosure WHERE id = $1`, [view.id]);
    expect(deliveredBy[0].delivered_by_id).toBe(people.reviewer.id);

    // The files hold only IP connections inside the window and the suspect's phone number, with no other field.
    const json = JSON.parse(entries.get('data.json')!.toString('utf8')) as unknown[];
    expect(
      json.every(
        (item) =>
          Object.keys(item as object)
            .sort()
            .join() === 'category,decisionId,observedAt,targetId,value',
      ),
    ).toBe(true);
    const parsed = json.map((item) => PackageItem.parse(item));
    const aliceTarget = byValue.alice_1!.id;
    expect(parsed.every((item) => item.targetId === aliceTarget)).toBe(true);
    expect(parsed.map((item) => [item.category, item.value, item.observedAt])).toEqual([
      ...ALICE_IN_WINDOW.map(([ip, at]) => ['IP_ADDRESS', ip, at]),
      ['PHONE_NUMBER', '+4915112345678', null],
    ]);
    for (const item of parsed.filter((i) => i.category === 'IP_ADDRESS')) {
      const decision = manifest.decisions.find((d) => d.id === item.decisionId)!;
      expect(decision.category).toBe('IP_ADDRESS');
      expect(item.observedAt! >= decision.window!.start && item.observedAt! <= decision.window!.end).toBe(true);
    }
    const csv = entries.get('data.csv')!.toString('utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe(PACKAGE_CSV_HEADER);
    expect(csv.slice(1)).toEqual(
      parsed.map((i) => [i.decisionId, i.targetId, i.category, i.value, i.observedAt ?? ''].join(',')),
    );
    const all = entries.get('data.json')!.toString('utf8') + entries.get('data.csv')!.toString('utf8');
    for (const never of ['198.51.100.1', '198.51.100.4', '203.0.113.9', '+4915199999999', 'bob_2']) {
      expect(all).not.toContain(never);
    }

    // Offline: the zip and the unpacked folder verify; one changed byte does not.
    const zipFile = path.join(os.tmpdir(), `writ-package-${view.id}.zip`);
    writeFileSync(zipFile, got.bytes);
    const ok = writVerifyPackage(view.verifierKey, zipFile);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ok.stdout).toContain('manifest signature OK');
    expect(ok.stdout).toContain('data.json: SHA-256 OK');
    expect(ok.stdout).toContain('IP_ADDRESS 3, PHONE_NUMBER 1');
    const dir = unpack(entries);
    expect(writVerifyPackage(view.verifierKey, dir).code).toBe(0);
    const file = path.join(dir, 'data.json');
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('198.51.100.2')] = '7'.charCodeAt(0);
    writeFileSync(file, bytes);
    const tampered = writVerifyPackage(view.verifierKey, dir);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain('data.json does not match the signed manifest');
    // Signed by some other key: not trusted (1); no usable key given: a usage error (2).
    const otherKey = verifierKeyFromSigner(generateSignerKey('writ.example/disclosures'));
    const untrusted = writVerifyPackage(otherKey, zipFile);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('not signed by any trusted key');
    expect(writVerifyPackage('not-a-key', zipFile).code).toBe(2);

    // Once: the link answers 410, the files are gone, an export is refused too; the request can be closed.
    before = await state(requestId);
    const again = await download(link.token);
    expect(again.status).toBe(410);
    expect(error(JSON.parse(again.bytes.toString())).code).toBe('DOWNLOAD_GONE');
    const describedAfter = await fetch(`${t.url}${link.path}`, { headers: { 'x-forwarded-for': freshIp() } });
    expect(PackageLinkInfo.parse(await describedAfter.json())).toMatchObject({ state: 'DELIVERED', usable: false });
    const exported = await exportPackage(view.id, people.reviewer);
    expect([exported.status, exported.error.code]).toEqual([410, 'DOWNLOAD_GONE']);
    expect(await state(requestId)).toEqual(before);
    expect(existsSync(path.join(t.env.STORAGE_DIR, 'disclosures', view.id))).toBe(false);
    const closed = await callAs(
      t,
      TransitionRequestRoute,
      { params: { id: requestId }, body: { to: 'CLOSED', version: Number((await requestRow(t, requestId)).version) } },
      people.reviewer,
    );
    expect(closed.status).toBe(200);
    expect((await requestRow(t, requestId)).outcome).toBe('DISCLOSED');
    const listed = await callAs(t, ListDisclosuresRoute, { params: { id: requestId } }, auditor);
    expect(listed.body.items[0]).toMatchObject({ status: 'DELIVERED', deliveredVia: 'LINK', filesDeleted: true });
  }, 60_000);
});
