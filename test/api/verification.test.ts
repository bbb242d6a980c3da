// Verification evidence over HTTP with real artefacts: a court CA registered in the authority registry, an order
// signed with `openssl cms`, call-backs through registry channels, and four eyes.
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import {
  AddTargetsRoute,
  ConfirmVerificationRoute,
  ListVerificationsRoute,
  RecordOutOfBandVerificationRoute,
  RecordSignatureVerificationRoute,
  type RouteInput,
  RevokeAuthorityKey,
  TransitionRequestRoute,
  UpdateRequestRoute,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { type Cast, castWithCourt, type InReviewOptions, requestInReview as inReview } from '../support/cast';
import { callAs, okAs } from '../support/client';
import {
  makeCourtPki,
  orderPdf,
  registerAuthority,
  type RegisteredAuthority,
  uploadDocument,
} from '../support/court-pki';
import { startTestApp, type TestApp } from '../support/test-app';
import { auditEvents, callRaw, createRequest, personalValue, requestRow, validRequest } from './requests.fixtures';

let t: TestApp;
let cast: Cast;
let intake: TestStaff;
let reviewer: TestStaff;
let approver: TestStaff;
let auditor: TestStaff;
let reviewerApprover: TestStaff;
let admin: TestStaff;
let court: RegisteredAuthority;
let otherCourt: RegisteredAuthority;

beforeAll(async () => {
  t = await startTestApp();
  cast = await castWithCourt(t);
  ({ intake, reviewer, approver, auditor, admin, court } = cast);
  reviewerApprover = await createStaff(t, ['REVIEWER', 'APPROVER'], 'both');
  otherCourt = await registerAuthority(t, admin);
}, 60_000);
afterAll(async () => {
  await t.close();
  cast.pki.close();
});

/** A request of the court with an order document (signed by the court unless told otherwise), moved IN_REVIEW. */
const requestInReview = (options: InReviewOptions = {}) => inReview(t, cast, options);

type OutOfBand = NonNullable<RouteInput<typeof RecordOutOfBandVerificationRoute>['body']>;
const callBack = (): OutOfBand => ({
  contactChannelId: court.channelId,
  contactPerson: 'Frau Schmidt, Geschäftsstelle',
  contactedAt: new Date(Date.now() - 60_000).toISOString(),
  outcome: 'CONFIRMED',
  note: 'Called the registry office number from the authority registry; the order was confirmed.',
});

const recordSignature = (id: string, documentId: string, as = reviewer) =>
  callAs(t, RecordSignatureVerificationRoute, { params: { id }, body: { documentId } }, as);
const confirm = (id: string, verificationId: string, as = approver) =>
  callAs(t, ConfirmVerificationRoute, { params: { id, verificationId } }, as);
const outOfBand = (id: string, body: Partial<OutOfBand>, as = reviewer) =>
  callAs(t, RecordOutOfBandVerificationRoute, { params: { id }, body: { ...callBack(), ...body } }, as);

async function verificationCount(requestId: string): Promise<number> {
  const { rows } = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM verification WHERE request_id = $1`, [
    requestId,
  ]);
  return Number(rows[0]!.n);
}

describe('POST /requests/{id}/verifications/signature', () => {
  it('verifies a detached Ed25519 signature against the key the registry holds for the court, and names that key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    // The raw 32-byte key, base64, as the registry takes it: the last 32 bytes of its SPKI DER encoding.
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
    const edCourt = await registerAuthority(t, admin, { ed25519PublicKey: raw, name: 'Tribunal Ed25519' });
    expect(edCourt.keyId).not.toBeNull();
    const document = orderPdf('Ordonnance');
    const signed = (signature: Buffer) =>
      requestInReview({ authorityId: edCourt.id, document, signature, signatureFormat: 'ED25519' });
    const good = await signed(sign(null, document, privateKey));
    const reply = await recordSignature(good.id, good.documentId);
    expect(reply.status).toBe(201);
    expect(reply.body.verification).toMatchObject({
      method: 'SIGNATURE',
      result: 'VALID',
      signature: {
        documentId: good.documentId,
        format: 'ED25519',
        // Named as the registry lists it, by fingerprint: the SHA-256 of the raw key.
        signer: {
          keyId: edCourt.keyId,
          fingerprint: createHash('sha256').update(Buffer.from(raw, 'base64')).digest('hex'),
        },
        message: 'Valid Ed25519 signature by a key registered for this court.',
      },
    });

    // The same key over other bytes: a signature that does not fit the order is evidence of nothing.
    const other = await signed(sign(null, orderPdf('Something else'), privateKey));
    const refused = await recordSignature(other.id, other.documentId);
    expect(refused.status).toBe(201);
    // A bare Ed25519 signature names no signer: one that fits none of the court's keys over these bytes is not
    // from a key the registry vouches for. Evidence of nothing either way, and stored as such.
    expect(refused.body.verification.result).toBe('UNREGISTERED_KEY');
  });

  it('verifies the stored detached signature against the registered court CA and stores the evidence', async () => {
    const { id, documentId } = await requestInReview();
    const reply = await recordSignature(id, documentId);
    expect(reply.status).toBe(201);
    const body = reply.body;
    expect(body.verification).toMatchObject({
      method: 'SIGNATURE',
      result: 'VALID',
      recordedById: reviewer.id,
      confirmedById: null,
      signature: {
        documentId,
        format: 'CMS',
        signer: {
          keyId: court.keyId,
          fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
          subject: expect.stringContaining('CN=Amtsgericht Test'),
        },
      },
    });
    // Recorded, not yet confirmed: the request stays IN_REVIEW and the engine says why.
    expect(body.requestStatus).toBe('IN_REVIEW');
    expect(body.assessment.verified).toBe(false);
    expect(body.assessment.reasons.map((r) => r.code)).toEqual(['ORDER_NOT_VERIFIED', 'VERIFICATION_NOT_CONFIRMED']);

    const { rows } = await t.db.query(
      `SELECT method, result, document_id, recorded_by_id, details FROM verification WHERE request_id = $1`,
      [id],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        method: 'SIGNATURE',
        result: 'VALID',
        document_id: documentId,
        recorded_by_id: reviewer.id,
      }),
    ]);
    expect(rows[0].details.signer.certificateSha256).toMatch(/^[0-9a-f]{64}$/);

    const events = await auditEvents(t, id, 'verification.recorded');
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({
      method: 'SIGNATURE',
      result: 'VALID',
      keyId: court.keyId,
      matchesIntakeHash: true,
    });
    // The signer's certificate names a person: only a commitment reaches the public log.
    expect(events[0]!.leaf.toString('utf8')).not.toContain('Amtsgericht Test');
    expect(personalValue(events[0]!.details, 'signerSubject')).toContain('CN=Amtsgericht Test');
    const reads = await t.db.query(
      `SELECT details FROM audit_event WHERE action = 'document.read' AND subject_id = $1`,
      [documentId],
    );
    expect(reads.rows.map((r) => r.details.part).sort()).toEqual(['content', 'signature']);
  });

  it('stores a check of an altered document as BAD_SIGNATURE evidence (201), which blocks verification', async () => {
    const original = orderPdf();
    const tampered = Buffer.from(original);
    tampered[100] = tampered[100]! ^ 0xff;
    const { id, documentId } = await requestInReview({ document: tampered, signature: cast.pki.sign(original) });
    const reply = await recordSignature(id, documentId);
    expect(reply.status).toBe(201);
    const body = reply.body;
    expect(body.verification.result).toBe('BAD_SIGNATURE');

    const confirmed = (await confirm(id, body.verification.id)).body;
    expect(confirmed.verification.confirmedById).toBe(approver.id);
    expect(confirmed.requestStatus).toBe('IN_REVIEW');
    expect(confirmed.assessment.reasons.map((r) => r.code)).toEqual(['SIGNATURE_BAD', 'ORDER_NOT_VERIFIED']);
    // Even a confirmed call-back does not outweigh a signature that does not match.
    const called = (await outOfBand(id, {})).body;
    const afterCall = (await confirm(id, called.verification.id)).body;
    expect(afterCall.requestStatus).toBe('IN_REVIEW');
    expect(afterCall.assessment.reasons.map((r) => r.code)).toEqual(['SIGNATURE_BAD']);
    expect((await requestRow(t, id)).status).toBe('IN_REVIEW');
  });

  it('reports UNREGISTERED_KEY for a signer the registry does not vouch for, and for a revoked key', async () => {
    const document = orderPdf();
    const impostor = await requestInReview({ document, signature: cast.pki.signAsImpostor(document) });
    const reply = await recordSignature(impostor.id, impostor.documentId);
    expect(reply.status).toBe(201);
    expect(reply.body.verification.result).toBe('UNREGISTERED_KEY');

    // Another court's registry entry holds no key for this order.
    const elsewhere = await requestInReview({ authorityId: otherCourt.id });
    expect((await recordSignature(elsewhere.id, elsewhere.documentId)).body.verification.result).toBe(
      'UNREGISTERED_KEY',
    );

    const pki2 = makeCourtPki();
    try {
      const revokedCourt = await registerAuthority(t, admin, { certificate: pki2.caPem });
      const doc = orderPdf();
      const created = await createRequest(t, intake, validRequest(revokedCourt.id));
      const uploaded = await uploadDocument(t, intake, created.id, doc, { signature: pki2.sign(doc) });
      await okAs(
        t,
        TransitionRequestRoute,
        { params: { id: created.id }, body: { to: 'IN_REVIEW', version: created.version } },
        reviewer,
      );
      const revoke = await callAs(
        t,
        RevokeAuthorityKey,
        { params: { id: revokedCourt.id, keyId: revokedCourt.keyId! }, body: { reason: 'Key compromised' } },
        admin,
      );
      expect(revoke.status).toBe(200);
      const result = (await recordSignature(created.id, uploaded.id)).body;
      expect(result.verification.result).toBe('UNREGISTERED_KEY');
    } finally {
      pki2.close();
    }
  });

  it('refuses what cannot be checked and stores nothing', async () => {
    const unsigned = await requestInReview({ signature: null });
    const noSignature = await recordSignature(unsigned.id, unsigned.documentId);
    expect(noSignature.status).toBe(400);
    expect(noSignature.error.code).toBe('VALIDATION_FAILED');
    expect(noSignature.error.message).toMatch(/no detached signature/);

    const { id } = await requestInReview();
    const supporting = await uploadDocument(t, intake, id, orderPdf(), { kind: 'SUPPORTING' });
    const notOrder = await recordSignature(id, supporting.id);
    expect(notOrder.status).toBe(400);
    expect(notOrder.error.message).toMatch(/only the order itself/);

    const other = await requestInReview();
    const elsewhere = await recordSignature(id, other.documentId);
    expect(elsewhere.status).toBe(404);

    const received = await requestInReview({ start: false });
    const early = await recordSignature(received.id, received.documentId);
    expect(early.status).toBe(409);
    expect(early.error).toMatchObject({ code: 'CONFLICT', details: { status: 'RECEIVED' } });

    const unknown = await recordSignature(randomUUID(), received.documentId);
    expect(unknown.status).toBe(404);
    for (const requestId of [unsigned.id, id, received.id]) expect(await verificationCount(requestId)).toBe(0);
  });
});

describe('POST /requests/{id}/verifications/{verificationId}/confirm', () => {
  it('refuses the recorder (four eyes), then lets another person confirm and moves the request to VERIFIED', async () => {
    const { id, documentId } = await requestInReview();
    // One person with both roles records; the same person cannot confirm.
    const recorded = (await recordSignature(id, documentId, reviewerApprover)).body;
    const own = await confirm(id, recorded.verification.id, reviewerApprover);
    expect(own.status).toBe(403);
    expect(own.error.code).toBe('SEPARATION_OF_DUTIES');
    const untouched = await t.db.query(`SELECT confirmed_by_id FROM verification WHERE id = $1`, [
      recorded.verification.id,
    ]);
    expect(untouched.rows[0].confirmed_by_id).toBeNull();
    expect((await requestRow(t, id)).status).toBe('IN_REVIEW');

    const reply = await confirm(id, recorded.verification.id);
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body.verification).toMatchObject({ confirmedById: approver.id, confirmedAt: expect.any(String) });
    expect(body).toMatchObject({ requestStatus: 'VERIFIED', assessment: { verified: true, reasons: [] } });

    const transitions = await t.db.query(
      `SELECT from_status, to_status, actor_id FROM request_transition WHERE request_id = $1 ORDER BY at`,
      [id],
    );
    expect(transitions.rows.at(-1)).toEqual({ from_status: 'IN_REVIEW', to_status: 'VERIFIED', actor_id: approver.id });
    const actions = (await auditEvents(t, id)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['verification.recorded', 'verification.confirmed', 'request.transitioned']),
    );
    expect(actions.indexOf('verification.confirmed')).toBeLessThan(actions.lastIndexOf('request.transitioned'));

    const again = await confirm(id, recorded.verification.id, reviewerApprover);
    expect(again.status).toBe(403);
    const twice = await confirm(id, recorded.verification.id, await createStaff(t, ['APPROVER']));
    expect(twice.status).toBe(409);
    expect(twice.error.code).toBe('CONFLICT');
  });

  it('answers 404 for evidence of another request', async () => {
    const a = await requestInReview();
    const b = await requestInReview();
    const recorded = (await recordSignature(a.id, a.documentId)).body;
    expect((await confirm(b.id, recorded.verification.id)).status).toBe(404);
  });
});

describe('POST /requests/{id}/verifications/out-of-band', () => {
  it('records a call-back through a registry channel; confirmed by another person it verifies the order', async () => {
    const { id } = await requestInReview({ signature: null });
    const reply = await outOfBand(id, {});
    expect(reply.status).toBe(201);
    const body = reply.body;
    expect(body.verification).toMatchObject({
      method: 'OUT_OF_BAND',
      result: 'CONFIRMED',
      outOfBand: {
        contactChannel: { id: court.channelId, kind: 'PHONE' },
        contactPerson: 'Frau Schmidt, Geschäftsstelle',
      },
    });
    const events = await auditEvents(t, id, 'verification.recorded');
    expect(events[0]!.details).toMatchObject({ method: 'OUT_OF_BAND', contactChannelId: court.channelId });
    expect(events[0]!.leaf.toString('utf8')).not.toContain('Schmidt');

    const confirmed = (await confirm(id, body.verification.id)).body;
    expect(confirmed.requestStatus).toBe('VERIFIED');
  });

  it('freezes the order once evidence exists: no target added, removed or detail edited after a call-back', async () => {
    const { id } = await requestInReview({ signature: null });
    expect((await outOfBand(id, {})).status).toBe(201);
    const { version } = (await requestRow(t, id)) as { version: number };
    const before = await requestRow(t, id);
    const added = await callAs(
      t,
      AddTargetsRoute,
      {
        params: { id },
        body: { version, targets: [{ selectorType: 'USERNAME', value: 'added_later', role: 'SUSPECT' }] },
      },
      reviewer,
    );
    expect(added.status).toBe(409);
    expect(added.error).toMatchObject({ code: 'NOT_EDITABLE' });
    expect(added.error.message).toMatch(/evidence/);
    const edited = await callAs(
      t,
      UpdateRequestRoute,
      { params: { id }, body: { version, caseNumber: 'AZ other' } },
      reviewer,
    );
    expect(edited.status).toBe(409);
    expect(await requestRow(t, id)).toEqual(before);
  });

  it('refuses a channel that is not in the issuing authority registry entry, and stores nothing', async () => {
    const { id } = await requestInReview({ signature: null });
    for (const contactChannelId of [otherCourt.channelId, randomUUID()]) {
      const reply = await outOfBand(id, { contactChannelId });
      expect(reply.status).toBe(400);
      expect(reply.error.code).toBe('CHANNEL_NOT_IN_REGISTRY');
    }
    // A free-text channel from the order has no field to go in.
    const { contactChannelId: _none, ...withoutChannel } = callBack();
    const freeText = await callRaw(t, 'POST', `/requests/${id}/verifications/out-of-band`, {
      as: reviewer,
      body: { ...withoutChannel, channel: '+49 30 555 0100 (from the order letterhead)' },
    });
    expect(freeText.status).toBe(400);
    expect(freeText.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(await verificationCount(id)).toBe(0);
  });

  it('keeps a repudiation as evidence of forgery: confirmed, it blocks verification for good', async () => {
    const { id, documentId } = await requestInReview();
    const repudiated = (await outOfBand(id, { outcome: 'REPUDIATED', note: 'The court has no such case.' })).body;
    await confirm(id, repudiated.verification.id);
    const signed = (await recordSignature(id, documentId)).body;
    const after = (await confirm(id, signed.verification.id)).body;
    expect(after.requestStatus).toBe('IN_REVIEW');
    expect(after.assessment.reasons.map((r) => r.code)).toEqual(['ORDER_REPUDIATED_BY_AUTHORITY']);
  });

  it.each([
    ['before the order was issued', '1901-01-01T00:00:00Z', 'issued'],
    ['before the order was issued, by a minute', '2026-01-10T08:59:00Z', 'issued'],
    ['after the order, before the request was received', '2026-01-11T12:00:00Z', 'received'],
  ])('refuses a call-back %s, and records nothing', async (_name, contactedAt, mentions) => {
    const { id } = await requestInReview({ signature: null });
    const reply = await outOfBand(id, { contactedAt });
    expect({ status: reply.status, code: reply.error.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(reply.error.message).toMatch(new RegExp(`contactedAt: .*${mentions}`));
    expect(await verificationCount(id)).toBe(0);
  });

  it('accepts a call-back on the day the request was received', async () => {
    const { id } = await requestInReview({ signature: null });
    expect((await outOfBand(id, { contactedAt: '2026-01-12T10:30:00+01:00' })).status).toBe(201);
  });

  it('refuses a contact time in the future', async () => {
    const { id } = await requestInReview({ signature: null });
    const reply = await outOfBand(id, { contactedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(reply.status).toBe(400);
    expect(reply.error.message).toMatch(/contactedAt/);
  });
});

describe('GET /requests/{id}/verifications', () => {
  it('lists the evidence oldest first with the assessment, for reviewers, approvers and auditors, and audits the read', async () => {
    const { id, documentId } = await requestInReview();
    const first = (await recordSignature(id, documentId)).body;
    const second = (await outOfBand(id, { outcome: 'NOT_CONFIRMED' })).body;
    for (const who of [reviewer, approver, auditor]) {
      const reply = await callAs(t, ListVerificationsRoute, { params: { id } }, who);
      expect(reply.status).toBe(200);
      const list = reply.body;
      expect(list.items.map((item) => item.id)).toEqual([first.verification.id, second.verification.id]);
      expect(list.assessment.verified).toBe(false);
    }
    expect(await auditEvents(t, id, 'verifications.read')).toHaveLength(3);
    expect((await callAs(t, ListVerificationsRoute, { params: { id } }, intake)).status).toBe(403);
  });
});
