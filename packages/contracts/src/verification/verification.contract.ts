import { z } from 'zod';
import { RequestStatus, VerificationMethod } from '../domain.js';
import { defineRoute } from '../route.js';
import { IsoDateTime, Text, Uuid } from '../requests/fields.js';

// Verification evidence (docs/POLICY.md, "Verification"): a detached signature checked against the authority
// registry, or an out-of-band confirmation through a channel taken from the registry, each confirmed by a second
// staff member. Failed checks are evidence too and are stored like successful ones.

const tag = 'verification';

/** What the court said when called back (the policy engine's OutOfBandOutcome; API code asserts they agree). */
export const OutOfBandResult = z.enum([
  'CONFIRMED',
  /** Nobody could confirm (no answer, wrong desk…): not evidence either way. */
  'NOT_CONFIRMED',
  /** The court says it did not issue this order. */
  'REPUDIATED',
]);
export type OutOfBandResult = z.infer<typeof OutOfBandResult>;

export const RecordSignatureVerification = z.strictObject({
  /** The order document (kind ORDER) of this request whose stored detached signature is checked. */
  documentId: Uuid,
});
export type RecordSignatureVerification = z.infer<typeof RecordSignatureVerification>;

export const RecordOutOfBandVerification = z.strictObject({
  /** One of the issuing authority's registry channels; never a channel printed on the order. */
  contactChannelId: Uuid,
  /** Who at the authority answered. */
  contactPerson: Text(200, 'give the name of the person who answered'),
  contactedAt: IsoDateTime,
  outcome: OutOfBandResult,
  /** What was asked and answered, and how the number or address was reached: the second person checks it. */
  note: Text(4000, 'say what was asked and what they answered'),
});
export type RecordOutOfBandVerification = z.infer<typeof RecordOutOfBandVerification>;

export const VerificationParams = z.strictObject({ id: Uuid, verificationId: Uuid });
export type VerificationParams = z.infer<typeof VerificationParams>;

const RequestParams = z.strictObject({ id: Uuid });

/** A rule of the policy that fired: a stable code (see GET /policy) and a sentence. */
export const PolicyReason = z.object({ code: z.string(), message: z.string() });
export type PolicyReason = z.infer<typeof PolicyReason>;

export const SignatureSigner = z.object({
  /** The registry key (authority_key id) that vouches for the signer. */
  keyId: z.string(),
  /**
   * That key's fingerprint as the registry lists it (SHA-256, hex, of the raw key or DER certificate); absent on
   * evidence recorded before it was kept.
   */
  fingerprint: z.string().optional(),
  subject: z.string().optional(),
  serialNumber: z.string().optional(),
  certificateSha256: z.string().optional(),
});
export type SignatureSigner = z.infer<typeof SignatureSigner>;

export const VerificationView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  method: VerificationMethod,
  /** SIGNATURE: VALID, UNREGISTERED_KEY, BAD_SIGNATURE, CERTIFICATE_EXPIRED or MALFORMED. OUT_OF_BAND: the outcome. */
  result: z.string(),
  signature: z
    .object({
      documentId: z.uuid(),
      /** SHA-256 of the bytes that were checked. */
      documentSha256: z.string(),
      format: z.string(),
      /** The verifier's explanation. */
      message: z.string(),
      signer: SignatureSigner.nullable(),
      checkedAt: z.iso.datetime(),
    })
    .nullable(),
  outOfBand: z
    .object({
      contactChannel: z.object({ id: z.uuid(), kind: z.string(), value: z.string(), label: z.string().nullable() }),
      contactPerson: z.string(),
      contactedAt: z.iso.datetime(),
      note: z.string(),
    })
    .nullable(),
  recordedById: z.uuid(),
  recordedAt: z.iso.datetime(),
  confirmedById: z.uuid().nullable(),
  confirmedAt: z.iso.datetime().nullable(),
});
export type VerificationView = z.infer<typeof VerificationView>;

/** Whether the policy engine counts the order as verified (docs/POLICY.md rule 2), and why not. */
export const VerificationAssessment = z.object({
  verified: z.boolean(),
  /** Empty when verified; otherwise the verification rules that fired. */
  reasons: z.array(PolicyReason),
});
export type VerificationAssessment = z.infer<typeof VerificationAssessment>;

export const VerificationList = z.object({
  items: z.array(VerificationView),
  assessment: VerificationAssessment,
});
export type VerificationList = z.infer<typeof VerificationList>;

export const RecordedVerification = z.object({
  verification: VerificationView,
  /** The request's status after this step (a confirmation may move it IN_REVIEW → VERIFIED). */
  requestStatus: RequestStatus,
  assessment: VerificationAssessment,
});
export type RecordedVerification = z.infer<typeof RecordedVerification>;

export const RecordSignatureVerificationRoute = defineRoute({
  operationId: 'recordSignatureVerification',
  method: 'post',
  path: '/requests/{id}/verifications/signature',
  summary:
    "Check the order document's stored detached signature against the issuing authority's registered keys and " +
    'certificates, now, and store the result as evidence (a failed check is stored too and answers 201)',
  tag,
  access: { roles: ['REVIEWER'] },
  params: RequestParams,
  body: RecordSignatureVerification,
  response: RecordedVerification,
  status: 201,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

export const RecordOutOfBandVerificationRoute = defineRoute({
  operationId: 'recordOutOfBandVerification',
  method: 'post',
  path: '/requests/{id}/verifications/out-of-band',
  summary:
    'Record a confirmation with the issuing authority through one of its registry channels (who, when, what they ' +
    'said, a note)',
  tag,
  access: { roles: ['REVIEWER'] },
  params: RequestParams,
  body: RecordOutOfBandVerification,
  response: RecordedVerification,
  status: 201,
  errors: ['CHANNEL_NOT_IN_REGISTRY', 'CONFLICT'],
});

export const ConfirmVerificationRoute = defineRoute({
  operationId: 'confirmVerification',
  method: 'post',
  path: '/requests/{id}/verifications/{verificationId}/confirm',
  summary:
    'Confirm evidence as a second person (four eyes: not the one who recorded it). When the order is then ' +
    'verified and the request IN_REVIEW, it moves to VERIFIED',
  tag,
  access: { roles: ['APPROVER'] },
  params: VerificationParams,
  response: RecordedVerification,
  errors: ['SEPARATION_OF_DUTIES', 'CONFLICT', 'NOT_FOUND'],
});

export const ListVerificationsRoute = defineRoute({
  operationId: 'listVerifications',
  method: 'get',
  path: '/requests/{id}/verifications',
  summary: "A request's verification evidence, oldest first, and whether it verifies the order (the read is audited)",
  tag,
  access: { roles: ['REVIEWER', 'APPROVER', 'AUDITOR'] },
  params: RequestParams,
  response: VerificationList,
  errors: ['NOT_FOUND'],
});

export const VERIFICATION_ROUTES = [
  RecordSignatureVerificationRoute,
  RecordOutOfBandVerificationRoute,
  ConfirmVerificationRoute,
  ListVerificationsRoute,
] as const;
