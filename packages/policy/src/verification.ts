import { VerificationMethod } from '@writ/contracts';
import { z } from 'zod';
import { Sha256Hex } from './order.js';
import { SignatureStatus } from './signature-status.js';

const StaffId = z.string().trim().min(1).max(128);

/** What the court said when called back on a channel from the registry (docs/POLICY.md, "Verification"). */
export const OutOfBandOutcome = z.enum([
  'CONFIRMED',
  /** Nobody could confirm (no answer, wrong desk…): not evidence either way. */
  'NOT_CONFIRMED',
  /** The court says it did not issue this order: evidence of forgery. */
  'REPUDIATED',
]);
export type OutOfBandOutcome = z.infer<typeof OutOfBandOutcome>;

const recorded = {
  /** The registry id of the authority this evidence is about. */
  authorityId: z.string().min(1).max(128),
  recordedBy: StaffId,
  /** The second staff member (four eyes); null until someone confirms. */
  confirmedBy: StaffId.nullable(),
};

export const SignatureEvidence = z.strictObject({
  method: z.literal(VerificationMethod.enum.SIGNATURE),
  /** The document the signature was checked against; must be the order's own document. */
  documentSha256: Sha256Hex,
  status: SignatureStatus,
  ...recorded,
});
export type SignatureEvidence = z.infer<typeof SignatureEvidence>;

export const OutOfBandEvidence = z.strictObject({
  method: z.literal(VerificationMethod.enum.OUT_OF_BAND),
  /** True when the channel used came from the authority registry, never from the order itself. */
  channelFromRegistry: z.boolean(),
  outcome: OutOfBandOutcome,
  ...recorded,
});
export type OutOfBandEvidence = z.infer<typeof OutOfBandEvidence>;

export const VerificationEvidence = z.discriminatedUnion('method', [SignatureEvidence, OutOfBandEvidence]);
export type VerificationEvidence = z.infer<typeof VerificationEvidence>;

/** Every piece of verification evidence recorded for the order, failed attempts included. */
export const VerificationSummary = z.strictObject({
  evidence: z.array(VerificationEvidence).max(100),
});
export type VerificationSummary = z.infer<typeof VerificationSummary>;
