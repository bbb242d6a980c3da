// Four eyes on the authority registry, over real HTTP on a real PostgreSQL. The registry decides which orders count
// as verified, so one admin alone must not be able to make a forged order pass: adding a key or a channel, changing
// an authority's kind or country and activating one are only proposed (202) and take effect when a different admin
// approves them from a logged-in session. Taking trust away (suspend, revoke, remove) acts at once. The database
// refuses the same shortcuts to SQL that goes around the API.
import { createHash, generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import {
  AuthorityDetail,
  ErrorBody,
  RecordSignatureVerificationRoute,
  RegistryChange,
  RegistryChangeApproval,
  RegistryChangePage,
  TransitionRequestRoute,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { type CourtPki, makeCourtPki, orderPdf, registerAuthority, uploadDocument } from '../support/court-pki';
import { type AdminSession, createAdminSession } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';
import { createRequest, validRequest } from './requests.fixtures';

let t: TestApp;
let pki: CourtPki;
/** The proposing admin, at a desk (a session) … */
let a: AdminSession;
/** … and a second admin, who approves. */
let b: AdminSession;
/** A's API token: may propose, never approve. */
let aToken: TestStaff;
let intake: TestStaff;
let reviewer: TestStaff;

beforeAll(async () => {
  pki = makeCourtPki();
  t = await startTestApp({ REGISTRY_CHANGE_SWEEP_INTERVAL_MS: '0' });
  a = await createAdminSession(t, 'proposer');
  b = await createAdminSession(t, 'approver');
  aToken = await createStaff(t, ['ADMIN']);
  intake = await createStaff(t, ['INTAKE']);
  reviewer = await createStaff(t, ['REVIEWER']);
}, 60_000);
afterAll(async () => {
  await t.close();
  pki.close();
});

async function send(who: { headers: Record<string, string> }, method: string, url: string, body?: unknown) {
  const response = await fetch(`${t.url}${url}`, {
    method,
    headers: who.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

function proposal(reply: { status: number; body: unknown }): RegistryChange {
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status: 202 });
  return RegistryChange.parse(reply.body);
}

async function approve(id: string, who = b): Promise<RegistryChangeApproval> {
  const reply = await send(who, 'POST', `/registry-changes/${id}/approve`);
  expect({ status: reply.status, body: reply.body }).toMatchObject({ status: 200 });
  return RegistryChangeApproval.parse(reply.body);
}

/** An authority registered by A and activated by B: trusted, with nothing else in it. */
async function activeAuthority(kind = 'COURT'): Promise<AuthorityDetail> {
  const created = await send(a, 'POST', '/authorities', {
    name: `Amtsgericht ${randomUUID().slice(0, 8)}`,
    kind,
    country: 'DE',
    jurisdiction: 'Berlin',
  });
  expect(created.status).toBe(201);
  const id = AuthorityDetail.parse(created.body).id;
  const [activation] = RegistryChangePage.parse(
    (await send(b, 'GET', `/registry-changes?authorityId=${id}&status=PENDING`)).body,
  ).items;
  return (await approve(activation!.id)).authority;
}

async function authority(id: string): Promise<AuthorityDetail> {
  return AuthorityDetail.parse((await send(b, 'GET', `/authorities/${id}`)).body);
}

async function changeEvents(changeId: string) {
  const { rows } = await t.db.query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
    `SELECT action, actor_id, details FROM audit_event WHERE subject_type = 'registry_change' AND subject_id = $1
      ORDER BY id`,
    [changeId],
  );
  return rows;
}

/** A fresh Ed25519 public key in the shape POST /authorities/{id}/keys takes. */
function ED25519_KEY() {
  const { publicKey } = generateKeyPairSync('ed25519');
  return {
    kind: 'ED25519',
    publicKey: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64'),
    validFrom: '2026-01-01T00:00:00Z',
    validTo: '2030-01-01T00:00:00Z',
  };
}

describe('one admin alone cannot widen trust', () => {
  it('proposes a key (202): nothing is registered until another admin approves from a session', async () => {
    const court = await activeAuthority();
    const change = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY()));
    expect(change).toMatchObject({
      kind: 'ADD_KEY',
      authorityId: court.id,
      status: 'PENDING',
      proposedBy: a.id,
      keyId: null,
    });
    expect((await authority(court.id)).keys).toEqual([]);
    expect((await changeEvents(change.id)).map((e) => e.action)).toEqual(['registry_change.proposed']);

    // The proposer cannot approve it, with a session or a token; a token never approves.
    const own = await send(a, 'POST', `/registry-changes/${change.id}/approve`);
    expect(own.status).toBe(409);
    expect(errorCode(own.body)).toBe('FOUR_EYES_REQUIRED');
    const token = await send(aToken, 'POST', `/registry-changes/${change.id}/approve`);
    expect(token.status).toBe(403);
    expect(errorCode(token.body)).toBe('INTERACTIVE_SESSION_REQUIRED');
    expect((await authority(court.id)).keys).toEqual([]);

    const approval = await approve(change.id);
    expect(approval.change).toMatchObject({ status: 'APPROVED', decidedBy: b.id, keyId: expect.any(String) });
    expect(approval.authority.keys.map((k) => k.id)).toEqual([approval.change.keyId]);
    const events = await changeEvents(change.id);
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['registry_change.proposed', a.id],
      ['registry_change.approved', b.id],
    ]);
    const { rows } = await t.db.query(
      `SELECT action, actor_id, details->>'registryChangeId' AS change FROM audit_event
        WHERE subject_type = 'authority' AND subject_id = $1 AND action = 'authority.key.added'`,
      [court.id],
    );
    expect(rows).toEqual([{ action: 'authority.key.added', actor_id: b.id, change: change.id }]);
    // Decided is final.
    const again = await send(b, 'POST', `/registry-changes/${change.id}/approve`);
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('REGISTRY_CHANGE_NOT_PENDING');
  });

  it("shows a proposed certificate's subject, issuer, serial and window, read from it, before anyone approves", async () => {
    const court = await activeAuthority();
    const change = proposal(
      await send(a, 'POST', `/authorities/${court.id}/keys`, { kind: 'X509', certificate: pki.courtPem }),
    );
    const own = new X509Certificate(pki.courtPem);
    // As the approving admin lists it, and as the proposer got it back.
    const [listed] = RegistryChangePage.parse(
      (await send(b, 'GET', `/registry-changes?authorityId=${court.id}&status=PENDING`)).body,
    ).items;
    for (const seen of [change, listed!]) {
      const key = seen.proposed.key!;
      expect(key.certificate).toEqual({
        subject: 'C=DE, O=Justiz Test, CN=Amtsgericht Test',
        issuer: 'C=DE, O=Justiz Test, CN=Test Court CA',
        serialNumber: expect.stringMatching(new RegExp(`^${own.serialNumber}$`, 'i')),
      });
      expect(key.fingerprint).toBe(createHash('sha256').update(own.raw).digest('hex'));
      expect([key.validFrom, key.validTo]).toEqual(
        [own.validFrom, own.validTo].map((date) => new Date(date).toISOString()),
      );
    }
    // What the approval registers says the same.
    const approval = await approve(change.id);
    expect(approval.authority.keys[0]!.certificate).toEqual(listed!.proposed.key!.certificate);
    // A raw key has no certificate to read.
    const raw = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY()));
    expect(raw.proposed.key!.certificate).toBeNull();
  });

  it('proposes a contact channel (202); its number can be called back only after approval', async () => {
    const court = await activeAuthority();
    const change = proposal(
      await send(a, 'POST', `/authorities/${court.id}/channels`, { kind: 'PHONE', value: '+493099988877' }),
    );
    expect(change.proposed.channel).toMatchObject({ kind: 'PHONE', value: '+493099988877' });
    expect((await authority(court.id)).channels).toEqual([]);
    // The number is personal data as far as the public log goes: a salted commitment in the leaf, auditors only.
    const { rows } = await t.db.query<{ leaf: Buffer; details: { personal: { value: { value: string } } } }>(
      `SELECT leaf, details FROM audit_event WHERE subject_id = $1 AND action = 'registry_change.proposed'`,
      [change.id],
    );
    expect(rows[0]!.details.personal.value.value).toBe('+493099988877');
    expect(rows[0]!.leaf.toString('utf8')).not.toContain('+493099988877');
    expect(rows[0]!.leaf.toString('utf8')).toContain('ADD_CHANNEL');
    const own = await send(a, 'POST', `/registry-changes/${change.id}/approve`);
    expect(errorCode(own.body)).toBe('FOUR_EYES_REQUIRED');
    const approval = await approve(change.id);
    expect(approval.authority.channels.map((c) => c.value)).toEqual(['+493099988877']);
  });

  it('proposes a change of kind or country (202, the whole PATCH); name alone applies at once', async () => {
    const police = await activeAuthority('POLICE');
    const change = proposal(
      await send(a, 'PATCH', `/authorities/${police.id}`, {
        version: police.version,
        kind: 'COURT',
        name: 'Gericht X',
      }),
    );
    expect(change).toMatchObject({ kind: 'UPDATE_AUTHORITY', targetVersion: police.version });
    expect(change.proposed).toMatchObject({ kind: 'COURT', name: 'Gericht X' });
    expect(await authority(police.id)).toMatchObject({ kind: 'POLICE', name: police.name, version: police.version });
    const duplicate = await send(a, 'PATCH', `/authorities/${police.id}`, { version: police.version, country: 'FR' });
    expect(duplicate.status).toBe(409);
    expect(ErrorBody.parse(duplicate.body).error).toMatchObject({
      code: 'REGISTRY_CHANGE_PENDING',
      details: { changeId: change.id },
    });
    expect(errorCode((await send(a, 'POST', `/registry-changes/${change.id}/approve`)).body)).toBe(
      'FOUR_EYES_REQUIRED',
    );
    const approval = await approve(change.id);
    expect(approval.authority).toMatchObject({ kind: 'COURT', name: 'Gericht X', version: police.version + 1 });

    const renamed = await send(a, 'PATCH', `/authorities/${police.id}`, {
      version: police.version + 1,
      name: 'Gericht Y',
    });
    expect(renamed.status).toBe(200);
    expect(AuthorityDetail.parse(renamed.body)).toMatchObject({ name: 'Gericht Y', kind: 'COURT' });
  });

  it('refuses an approval after the authority changed since the proposal (REGISTRY_CHANGE_STALE)', async () => {
    const police = await activeAuthority('POLICE');
    const change = proposal(
      await send(a, 'PATCH', `/authorities/${police.id}`, { version: police.version, kind: 'COURT' }),
    );
    await send(a, 'PATCH', `/authorities/${police.id}`, { version: police.version, jurisdiction: 'Elsewhere' });
    const stale = await send(b, 'POST', `/registry-changes/${change.id}/approve`);
    expect(stale.status).toBe(409);
    expect(errorCode(stale.body)).toBe('REGISTRY_CHANGE_STALE');
    expect((await authority(police.id)).kind).toBe('POLICE');
  });

  it('registers a new authority SUSPENDED and activates it, like a suspended one, only on approval', async () => {
    const created = await send(a, 'POST', '/authorities', {
      name: `Landgericht ${randomUUID().slice(0, 8)}`,
      kind: 'COURT',
      country: 'DE',
      jurisdiction: 'Berlin',
    });
    const detail = AuthorityDetail.parse(created.body);
    expect(detail.status).toBe('SUSPENDED');
    const [activation] = RegistryChangePage.parse(
      (await send(a, 'GET', `/registry-changes?authorityId=${detail.id}`)).body,
    ).items;
    expect(activation).toMatchObject({ kind: 'ACTIVATE_AUTHORITY', status: 'PENDING', proposedBy: a.id });
    expect(errorCode((await send(a, 'POST', `/registry-changes/${activation!.id}/approve`)).body)).toBe(
      'FOUR_EYES_REQUIRED',
    );
    expect((await approve(activation!.id)).authority.status).toBe('ACTIVE');

    const suspended = await send(a, 'POST', `/authorities/${detail.id}/suspend`, { reason: 'key reported lost' });
    expect(suspended.status).toBe(200);
    expect(AuthorityDetail.parse(suspended.body).status).toBe('SUSPENDED');
    const reactivation = proposal(await send(a, 'POST', `/authorities/${detail.id}/activate`, {}));
    expect((await authority(detail.id)).status).toBe('SUSPENDED');
    expect((await approve(reactivation.id)).authority.status).toBe('ACTIVE');
  });
});

describe('taking trust away acts at once', () => {
  it('revokes a key and removes a channel without anyone approving', async () => {
    const court = await activeAuthority();
    const key = await approve(proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY())).id);
    const channel = await approve(
      proposal(await send(a, 'POST', `/authorities/${court.id}/channels`, { kind: 'EMAIL', value: 'r@court.example' }))
        .id,
    );
    const revoked = await send(a, 'POST', `/authorities/${court.id}/keys/${key.change.keyId}/revoke`, {
      reason: 'lost',
    });
    expect(revoked.status).toBe(200);
    const removed = await send(a, 'DELETE', `/authorities/${court.id}/channels/${channel.change.channelId}`);
    expect(removed.status).toBe(204);
    const now = await authority(court.id);
    expect(now.keys[0]!.revokedAt).not.toBeNull();
    expect(now.channels).toEqual([]);
  });
});

describe('reject, cancel, expire', () => {
  it('lets another admin reject with a reason and the proposer cancel; the registry stays as it was', async () => {
    const court = await activeAuthority();
    const first = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY()));
    const ownReject = await send(a, 'POST', `/registry-changes/${first.id}/reject`, { reason: 'no' });
    expect(errorCode(ownReject.body)).toBe('FOUR_EYES_REQUIRED');
    const rejected = await send(b, 'POST', `/registry-changes/${first.id}/reject`, { reason: 'not the court key' });
    expect(rejected.status).toBe(200);
    expect(RegistryChange.parse(rejected.body)).toMatchObject({ status: 'REJECTED', decidedBy: b.id });

    const second = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY()));
    const notMine = await send(b, 'POST', `/registry-changes/${second.id}/cancel`, {});
    expect(notMine.status).toBe(403);
    expect(errorCode(notMine.body)).toBe('NOT_PROPOSER');
    const cancelled = await send(a, 'POST', `/registry-changes/${second.id}/cancel`, {});
    expect(RegistryChange.parse(cancelled.body)).toMatchObject({ status: 'CANCELLED', decidedBy: null });
    expect((await send(b, 'POST', `/registry-changes/${second.id}/approve`)).status).toBe(409);

    expect((await authority(court.id)).keys).toEqual([]);
    expect((await changeEvents(first.id)).map((e) => e.action)).toEqual([
      'registry_change.proposed',
      'registry_change.rejected',
    ]);
    expect((await changeEvents(second.id)).map((e) => e.action)).toEqual([
      'registry_change.proposed',
      'registry_change.cancelled',
    ]);
  });

  it('refuses to approve a change past its expiry, closing it as EXPIRED with its audit event', async () => {
    const court = await activeAuthority();
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO registry_change (id, kind, authority_id, payload, proposed_by, proposed_at, expires_at)
       VALUES ($1, 'ACTIVATE_AUTHORITY', $2, '{}', $3, now() - interval '4 days', now() - interval '1 day')`,
      [id, court.id, a.id],
    );
    const late = await send(b, 'POST', `/registry-changes/${id}/approve`);
    expect(late.status).toBe(409);
    expect(errorCode(late.body)).toBe('REGISTRY_CHANGE_EXPIRED');
    expect(RegistryChange.parse((await send(b, 'GET', `/registry-changes/${id}`)).body).status).toBe('EXPIRED');
    expect((await changeEvents(id)).map((e) => e.action)).toEqual(['registry_change.expired']);
  });
});

describe('an order signed with a key that is not approved yet', () => {
  it('does not verify; once another admin approves the key, the same order does', async () => {
    const admin = await createStaff(t, ['ADMIN']);
    const court = await registerAuthority(t, admin);
    // A planted key: proposed by one admin, not approved.
    const planted = proposal(
      await send(a, 'POST', `/authorities/${court.id}/keys`, { kind: 'X509', certificate: pki.caPem }),
    );
    const created = await createRequest(t, intake, validRequest(court.id, { statementOfReasons: 'Fraud' }));
    const document = orderPdf();
    const uploaded = await uploadDocument(t, intake, created.id, document, { signature: pki.sign(document) });
    await okAs(
      t,
      TransitionRequestRoute,
      { params: { id: created.id }, body: { to: 'IN_REVIEW', version: created.version } },
      reviewer,
    );
    const verify = () =>
      callAs(
        t,
        RecordSignatureVerificationRoute,
        { params: { id: created.id }, body: { documentId: uploaded.id } },
        reviewer,
      );
    const before = await verify();
    expect(before.status).toBe(201);
    expect(before.body.verification.result).toBe('UNREGISTERED_KEY');

    await approve(planted.id);
    const after = await verify();
    expect(after.body.verification.result).toBe('VALID');
  });
});

describe('the database repeats the rule', () => {
  /** Runs `statements` as the API's database role in a transaction that is rolled back; answers the error. */
  async function asApp(statements: (query: (sql: string, values?: unknown[]) => Promise<unknown>) => Promise<void>) {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE writ_app');
      await statements((sql, values) => client.query(sql, values));
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('refuses a key, a channel, a kind change or an activation written without an approved change', async () => {
    const court = await activeAuthority('POLICE');
    const key = ED25519_KEY();
    const insertKey = (changeId: string | null) => (query: (sql: string, values?: unknown[]) => Promise<unknown>) =>
      query(
        `INSERT INTO authority_key (id, authority_id, kind, material, fingerprint, valid_from, valid_to, registry_change_id)
         VALUES (gen_random_uuid(), $1, 'ED25519', $2, md5($2) || md5($2), now(), now() + interval '1 year', $3)`,
        [court.id, key.publicKey, changeId],
      ).then(() => undefined);
    expect(await asApp(insertKey(null))).toMatch(/ADD_KEY registry change/);
    // A pending change does not do either.
    const pending = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, key));
    expect(await asApp(insertKey(pending.id))).toMatch(/ADD_KEY registry change/);
    expect(
      await asApp((query) =>
        query(
          `INSERT INTO authority_contact_channel (id, authority_id, kind, value, verified_at)
           VALUES (gen_random_uuid(), $1, 'PHONE', '+4930555', now())`,
          [court.id],
        ).then(() => undefined),
      ),
    ).toMatch(/ADD_CHANNEL registry change/);
    expect(
      await asApp((query) =>
        query(`UPDATE authority SET kind = 'COURT' WHERE id = $1`, [court.id]).then(() => undefined),
      ),
    ).toMatch(/UPDATE_AUTHORITY registry change/);
    expect(
      await asApp(async (query) => {
        await query(`UPDATE authority SET status = 'SUSPENDED' WHERE id = $1`, [court.id]);
        await query(`UPDATE authority SET status = 'ACTIVE' WHERE id = $1`, [court.id]);
      }),
    ).toMatch(/ACTIVATE_AUTHORITY registry change/);
    expect(
      await asApp((query) =>
        query(
          `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
           VALUES (gen_random_uuid(), 'Planted court', 'COURT', 'DE', 'x', now())`,
        ).then(() => undefined),
      ),
    ).toMatch(/starts SUSPENDED/);
  });

  it('refuses a decision by the proposer, a change born approved, and editing a decided change (CHECK, trigger)', async () => {
    const court = await activeAuthority();
    const change = proposal(await send(a, 'POST', `/authorities/${court.id}/keys`, ED25519_KEY()));
    // Even the table owner: the CHECK holds for everyone.
    await expect(
      t.db.query(
        `UPDATE registry_change SET status = 'APPROVED', decided_by = proposed_by, decided_at = now() WHERE id = $1`,
        [change.id],
      ),
    ).rejects.toThrow(/registry_change_four_eyes/);
    expect(
      await asApp((query) =>
        query(
          `INSERT INTO registry_change (id, kind, authority_id, proposed_by, expires_at, status, decided_by, decided_at)
           VALUES (gen_random_uuid(), 'ADD_KEY', $1, $2, now() + interval '1 day', 'APPROVED', $3, now())`,
          [court.id, a.id, b.id],
        ).then(() => undefined),
      ),
    ).toMatch(/proposed PENDING/);
    await approve(change.id);
    expect(
      await asApp((query) =>
        query(`UPDATE registry_change SET reason = 'rewritten' WHERE id = $1`, [change.id]).then(() => undefined),
      ),
    ).toMatch(/cannot change any more/);
    expect(
      await asApp((query) => query(`DELETE FROM registry_change WHERE id = $1`, [change.id]).then(() => undefined)),
    ).toMatch(/permission denied/);
    // A registered key is only ever revoked.
    expect(
      await asApp((query) =>
        query(`UPDATE authority_key SET valid_to = now() + interval '50 years' WHERE authority_id = $1`, [
          court.id,
        ]).then(() => undefined),
      ),
    ).toMatch(/only ever revoked/);
  });
});
