// The whole path over HTTP with real artefacts: a court CA in the registry, an order signed with `openssl cms`,
// the signature verified and confirmed by a second person, then the policy engine's decisions previewed and
// recorded once, with the published policy hash and an audit event per decision.
import { randomUUID } from 'node:crypto';
import {
  ConfirmVerificationRoute,
  GetPolicy,
  ListDecisionsRoute,
  PreviewDecisionsRoute,
  RecordDecisionsRoute,
  RecordOutOfBandVerificationRoute,
  TransitionRequestRoute,
} from '@writ/contracts';
import type { TestStaff } from '../support/auth';
import {
  type Cast,
  castWithCourt,
  type InReviewOptions,
  requestInReview as inReview,
  verifySignature as verify,
} from '../support/cast';
import { callAs, okAs } from '../support/client';
import { registerAuthority, type RegisteredAuthority } from '../support/court-pki';
import { startTestApp, type TestApp } from '../support/test-app';
import { auditEvents, createRequest, forceStatus, requestRow, validRequest } from './requests.fixtures';

let t: TestApp;
let cast: Cast;
let intake: TestStaff;
let reviewer: TestStaff;
let approver: TestStaff;
let auditor: TestStaff;
let court: RegisteredAuthority;
let police: RegisteredAuthority;
let policyHash: string;

beforeAll(async () => {
  t = await startTestApp();
  cast = await castWithCourt(t);
  ({ intake, reviewer, approver, auditor, court } = cast);
  police = await registerAuthority(t, cast.admin, { kind: 'POLICE', name: 'Landeskriminalamt Test' });
  policyHash = (await okAs(t, GetPolicy, {})).hash;
  // The platform's account store (seeded demo data in a real deployment).
  await t.db.query(
    `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ('acct_alice', 'alice_1', '+4915112345678')`,
  );
}, 60_000);
afterAll(async () => {
  await t.close();
  cast.pki.close();
});

const WINDOW = { windowStart: '2025-12-01T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' };
const ORDER = {
  statementOfReasons: 'Suspected fraud through the platform.',
  targets: [
    { selectorType: 'USERNAME', value: '@alice_1', role: 'SUSPECT', ...WINDOW },
    { selectorType: 'USERNAME', value: 'bob_2', role: 'VICTIM', ...WINDOW },
    { selectorType: 'ACCOUNT_ID', value: 'acct_unknown', role: 'SUSPECT' },
  ],
  categories: [
    { category: 'IP_ADDRESS' },
    { category: 'PHONE_NUMBER' },
    { category: 'MESSAGE_CONTENT', asWritten: 'Chats' },
  ],
};

/** A request with a signed order (ORDER with `overrides`), moved IN_REVIEW; `tamper` flips a byte after signing. */
const requestInReview = (overrides: Record<string, unknown> = {}, tamper = false) =>
  inReview(t, cast, { order: { ...ORDER, ...overrides }, tamper } satisfies InReviewOptions);
const verifySignature = (id: string, documentId: string) => verify(t, cast, id, documentId);
const record = (id: string, as = reviewer) => callAs(t, RecordDecisionsRoute, { params: { id } }, as);
const preview = (id: string, as = reviewer) => callAs(t, PreviewDecisionsRoute, { params: { id } }, as);

async function decisionRows(requestId: string) {
  const { rows } = await t.db.query(
    `SELECT d.category, d.outcome, d.reasons, d.policy_hash, d.decided_by_id, t.value
       FROM decision d JOIN target t ON t.id = d.target_id WHERE d.request_id = $1 ORDER BY t.value, d.category`,
    [requestId],
  );
  return rows as Array<{
    category: string;
    outcome: string;
    reasons: Array<{ code: string }>;
    policy_hash: string;
    decided_by_id: string;
    value: string;
  }>;
}

const byTargetAndCategory = (
  items: Array<{ target: { value: string }; category: string; outcome: string; reasons: Array<{ code: string }> }>,
) =>
  Object.fromEntries(
    items.map((item) => [`${item.target.value} ${item.category}`, [item.outcome, ...item.reasons.map((r) => r.code)]]),
  );

const EXPECTED = {
  'alice_1 IP_ADDRESS': ['RELEASE', 'ALL_CONDITIONS_MET'],
  'alice_1 PHONE_NUMBER': ['RELEASE', 'ALL_CONDITIONS_MET'],
  'alice_1 MESSAGE_CONTENT': ['DENY', 'CONTENT_NEVER_DISCLOSED'],
  'bob_2 IP_ADDRESS': ['DENY', 'TARGET_IS_VICTIM'],
  'bob_2 PHONE_NUMBER': ['DENY', 'TARGET_IS_VICTIM'],
  'bob_2 MESSAGE_CONTENT': ['DENY', 'CONTENT_NEVER_DISCLOSED', 'TARGET_IS_VICTIM'],
  'acct_unknown IP_ADDRESS': ['DENY', 'WINDOW_UNBOUNDED'],
  'acct_unknown PHONE_NUMBER': ['RELEASE', 'ALL_CONDITIONS_MET'],
  'acct_unknown MESSAGE_CONTENT': ['DENY', 'CONTENT_NEVER_DISCLOSED'],
};

describe('the age of the registry entry that verified an order', () => {
  it('is shown per verification, and a key or channel registered within REGISTRY_KEY_MIN_AGE_HOURS is flagged', async () => {
    const { id, documentId } = await requestInReview();
    const verified = await verifySignature(id, documentId);
    const contactedAt = new Date(Date.now() - 60_000).toISOString();
    const callBack = await callAs(
      t,
      RecordOutOfBandVerificationRoute,
      {
        params: { id },
        body: {
          contactChannelId: court.channelId,
          contactPerson: 'Registry office',
          contactedAt,
          outcome: 'CONFIRMED',
          note: 'Called the registered number.',
        },
      },
      reviewer,
    );
    expect(callBack.status).toBe(201);
    const channelEvidence = callBack.body.verification.id;
    // The key as if registered 30 days before the verification (the table owner may write the registry directly).
    const { rows } = await t.db.query<{ created_at: Date }>(
      `UPDATE authority_key SET created_at = now() - interval '30 days' WHERE id = $1 RETURNING created_at`,
      [court.keyId],
    );
    try {
      const previewed = (await preview(id)).body;
      const byId = new Map(previewed.verifications.map((v) => [v.verificationId, v]));
      const key = byId.get(verified.verification.id)!;
      expect(key.registryEntry).toMatchObject({
        type: 'KEY',
        id: court.keyId,
        registeredAt: rows[0]!.created_at.toISOString(),
        recentlyRegistered: false,
      });
      expect(key.registryEntry!.ageAtVerificationHours).toBeGreaterThan(24 * 29);
      const channel = byId.get(channelEvidence)!;
      expect(channel).toMatchObject({
        method: 'OUT_OF_BAND',
        verifiedAt: new Date(contactedAt).toISOString(),
        registryEntry: { type: 'CHANNEL', id: court.channelId, recentlyRegistered: true },
      });
    } finally {
      await t.db.query(`UPDATE authority_key SET created_at = now() WHERE id = $1`, [court.keyId]);
    }
  });
});

describe('signed order → verified → decided', () => {
  it('releases only IP addresses (bounded window) and phone numbers of named suspects, once, under the published policy', async () => {
    const { id, documentId } = await requestInReview();
    const verified = await verifySignature(id, documentId);
    expect(verified).toMatchObject({
      requestStatus: 'VERIFIED',
      verification: { result: 'VALID', confirmedById: approver.id },
    });

    // Preview: the same decisions, nothing stored, the read of the targets audited.
    const previewReply = await preview(id, auditor);
    expect(previewReply.status).toBe(200);
    const previewed = previewReply.body;
    expect(previewed.policyHash).toBe(policyHash);
    expect(byTargetAndCategory(previewed.decisions)).toEqual(EXPECTED);
    const ip = previewed.decisions.find((d) => d.target.value === 'alice_1' && d.category === 'IP_ADDRESS')!;
    expect(ip.release).toEqual({
      category: 'IP_ADDRESS',
      window: { start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' },
    });
    expect(await decisionRows(id)).toEqual([]);
    expect(await auditEvents(t, id, 'decision.previewed')).toHaveLength(1);

    // The key that vouched for the order was registered moments ago (by this suite): flagged for the reviewer.
    expect(previewed.registryKeyMinAgeHours).toBe(24);
    expect(previewed.verifications).toEqual([
      {
        verificationId: verified.verification.id,
        method: 'SIGNATURE',
        result: 'VALID',
        verifiedAt: verified.verification.recordedAt,
        registryEntry: {
          type: 'KEY',
          id: court.keyId,
          registeredAt: expect.any(String),
          ageAtVerificationHours: expect.any(Number),
          recentlyRegistered: true,
        },
      },
    ]);
    expect(previewed.verifications[0]!.registryEntry!.ageAtVerificationHours).toBeLessThan(1);

    // Only a reviewer records decisions.
    expect((await record(id, approver)).status).toBe(403);

    const reply = await record(id);
    expect(reply.status).toBe(201);
    const recorded = reply.body;
    expect(recorded).toMatchObject({
      requestStatus: 'DECIDED',
      outcome: 'PENDING',
      policyHash,
      summary: { total: 9, released: 3, denied: 6, rejection: null },
    });
    expect(byTargetAndCategory(recorded.items)).toEqual(EXPECTED);

    const rows = await decisionRows(id);
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((row) => row.policy_hash))).toEqual(new Set([policyHash]));
    expect(new Set(rows.map((row) => row.decided_by_id))).toEqual(new Set([reviewer.id]));
    expect(await requestRow(t, id)).toMatchObject({ status: 'DECIDED', outcome: 'PENDING' });

    // One audit event per decision; the selector only as a commitment in the public leaf.
    const { rows: events } = await t.db.query(
      `SELECT details, leaf FROM audit_event WHERE action = 'decision.recorded' AND details->>'requestId' = $1`,
      [id],
    );
    expect(events).toHaveLength(9);
    for (const event of events) {
      expect(event.details).toMatchObject({ policyHash, outcome: expect.stringMatching(/^(RELEASE|DENY)$/) });
      expect(event.details.personal.selector.value).toMatch(
        /^(USERNAME:alice_1|USERNAME:bob_2|ACCOUNT_ID:acct_unknown)$/,
      );
      const leaf = JSON.parse(event.leaf.toString('utf8'));
      expect(leaf.commitments.selector).toMatch(/^[0-9a-f]{64}$/);
      expect(event.leaf.toString('utf8')).not.toMatch(/alice_1|bob_2|acct_unknown/);
    }
    const actions = (await auditEvents(t, id)).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['decisions.recorded', 'request.transitioned']));

    // Targets something may be released for were looked up in the subscriber store; the victim was not.
    const { rows: targets } = await t.db.query(
      `SELECT value, lookup_result, resolved_account_id FROM target WHERE request_id = $1 ORDER BY value`,
      [id],
    );
    expect(targets).toEqual([
      { value: 'acct_unknown', lookup_result: 'NOT_FOUND', resolved_account_id: null },
      { value: 'alice_1', lookup_result: 'FOUND', resolved_account_id: 'acct_alice' },
      { value: 'bob_2', lookup_result: null, resolved_account_id: null },
    ]);

    // Once only: a second run is refused and writes nothing.
    const eventsBefore = (await auditEvents(t, id)).length;
    const again = await record(id);
    expect(again.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'ALREADY_EXISTS', details: { decisions: 9 } });
    expect(await decisionRows(id)).toHaveLength(9);
    expect((await auditEvents(t, id)).length).toBe(eventsBefore);

    const list = await callAs(t, ListDecisionsRoute, { params: { id } }, approver);
    expect(list.status).toBe(200);
    const stored = list.body;
    expect(stored.items.map((item) => item.id).sort()).toEqual(recorded.items.map((item) => item.id).sort());
    expect(stored.summary).toEqual(recorded.summary);
    expect(await auditEvents(t, id, 'decisions.read')).toHaveLength(1);
  });

  it('never releases on a tampered document: BAD_SIGNATURE is stored and every decision denies', async () => {
    const { id, documentId } = await requestInReview({}, true);
    const evidence = await verifySignature(id, documentId);
    expect(evidence.verification.result).toBe('BAD_SIGNATURE');
    expect(evidence.requestStatus).toBe('IN_REVIEW');

    const refused = await record(id);
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('VERIFICATION_INCOMPLETE');
    expect(await decisionRows(id)).toEqual([]);

    const previewed = (await preview(id)).body;
    expect(previewed.summary).toMatchObject({ released: 0, rejection: 'UNVERIFIED' });
    for (const decision of previewed.decisions) expect(decision.reasons.map((r) => r.code)).toContain('SIGNATURE_BAD');

    // Even if the request reached VERIFIED some other way, the engine still refuses every release.
    await forceStatus(t, id, 'VERIFIED');
    const recorded = (await record(id)).body;
    expect(recorded.summary).toMatchObject({ released: 0, rejection: 'UNVERIFIED' });
    expect(recorded.outcome).toBe('REJECTED_UNVERIFIED');
    expect(
      (await decisionRows(id)).every(
        (row) => row.outcome === 'DENY' && row.reasons.some((r) => r.code === 'SIGNATURE_BAD'),
      ),
    ).toBe(true);
  });

  it('denies a subpoena from a police authority with NOT_A_COURT_ORDER, even when confirmed by call-back', async () => {
    const created = await createRequest(
      t,
      intake,
      validRequest(police.id, {
        legalProcess: 'SUBPOENA',
        statementOfReasons: 'Investigation',
        targets: [{ selectorType: 'USERNAME', value: 'alice_1', role: 'SUSPECT', ...WINDOW }],
      }),
    );
    await okAs(
      t,
      TransitionRequestRoute,
      { params: { id: created.id }, body: { to: 'IN_REVIEW', version: created.version } },
      reviewer,
    );
    const called = await callAs(
      t,
      RecordOutOfBandVerificationRoute,
      {
        params: { id: created.id },
        body: {
          contactChannelId: police.channelId,
          contactPerson: 'KHK Weber',
          contactedAt: new Date().toISOString(),
          outcome: 'CONFIRMED',
          note: 'Confirmed by the duty desk.',
        },
      },
      reviewer,
    );
    expect(called.status).toBe(201);
    const confirmed = await okAs(
      t,
      ConfirmVerificationRoute,
      { params: { id: created.id, verificationId: called.body.verification.id } },
      approver,
    );
    expect(confirmed.requestStatus).toBe('VERIFIED');

    const recorded = (await record(created.id)).body;
    expect(recorded.items.map((item) => [item.category, item.outcome, ...item.reasons.map((r) => r.code)])).toEqual([
      ['IP_ADDRESS', 'DENY', 'NOT_A_COURT_ORDER', 'AUTHORITY_NOT_A_COURT'],
      ['PHONE_NUMBER', 'DENY', 'NOT_A_COURT_ORDER', 'AUTHORITY_NOT_A_COURT'],
    ]);
    expect(recorded).toMatchObject({
      requestStatus: 'DECIDED',
      outcome: 'REJECTED_NOT_COURT_ORDER',
      summary: { rejection: 'NOT_COURT_ORDER' },
    });
    expect(await requestRow(t, created.id)).toMatchObject({ status: 'DECIDED', outcome: 'REJECTED_NOT_COURT_ORDER' });
    // Nothing was released, so nobody was looked up.
    const { rows } = await t.db.query(`SELECT lookup_result FROM target WHERE request_id = $1`, [created.id]);
    expect(rows).toEqual([{ lookup_result: null }]);
  });

  it('records REJECTED_SCOPE when only content was asked for', async () => {
    const { id, documentId } = await requestInReview({
      targets: [{ selectorType: 'USERNAME', value: 'alice_1', role: 'SUSPECT', ...WINDOW }],
      categories: [{ category: 'MESSAGE_CONTENT' }, { category: 'CONTACTS' }],
    });
    await verifySignature(id, documentId);
    const recorded = (await record(id)).body;
    expect(recorded.items.map((item) => item.reasons.map((r) => r.code))).toEqual([
      ['CONTENT_NEVER_DISCLOSED'],
      ['CONTENT_NEVER_DISCLOSED'],
    ]);
    expect(recorded.outcome).toBe('REJECTED_SCOPE');
  });
});

describe('POST /requests/{id}/decisions refusals', () => {
  it('refuses unverified, finished and unknown requests, and writes nothing', async () => {
    const received = await createRequest(t, intake, validRequest(court.id, ORDER));
    const early = await record(received.id);
    expect(early.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'VERIFICATION_INCOMPLETE', details: { status: 'RECEIVED' } });

    const { id } = await requestInReview();
    expect((await record(id)).error.code).toBe('VERIFICATION_INCOMPLETE');

    await forceStatus(t, id, 'WITHDRAWN');
    const withdrawn = await record(id);
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.error.code).toBe('ILLEGAL_TRANSITION');

    expect((await record(randomUUID())).status).toBe(404);
    expect((await preview(randomUUID())).status).toBe(404);
    expect((await callAs(t, ListDecisionsRoute, { params: { id: randomUUID() } }, reviewer)).status).toBe(404);
    for (const requestId of [received.id, id]) expect(await decisionRows(requestId)).toEqual([]);
  });

  it('reports an incomplete order in the preview with the ORDER_MISSING_* codes', async () => {
    const created = await createRequest(
      t,
      intake,
      validRequest(court.id, {
        ...ORDER,
        caseNumber: undefined,
        legalBasis: undefined,
        issuedAt: undefined,
        statementOfReasons: undefined,
      }),
    );
    const previewed = (await preview(created.id)).body;
    const codes = new Set(previewed.decisions.flatMap((d) => d.reasons.map((r) => r.code)));
    for (const code of [
      'ORDER_MISSING_LEGAL_BASIS',
      'ORDER_MISSING_CASE_NUMBER',
      'ORDER_MISSING_ISSUE_DATE',
      'ORDER_MISSING_STATEMENT_OF_REASONS',
      'ORDER_NOT_VERIFIED',
    ]) {
      expect(codes).toContain(code);
    }
    expect(previewed.summary.released).toBe(0);
  });
});
