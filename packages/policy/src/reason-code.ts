import { z } from 'zod';

/**
 * Stable machine codes for every rule of docs/POLICY.md. Stored with each decision and counted in transparency
 * reports, so a code is never renamed or reused: add new ones, and bump POLICY_VERSION when you do.
 * Grouped by the numbered conditions of docs/POLICY.md, "The invariant".
 */
export const ReasonCode = z.enum([
  // The only code a RELEASE carries: every condition below was checked and none fired.
  'ALL_CONDITIONS_MET',

  // "Deny by default": anything the engine cannot read is a denial, never an exception.
  'INVALID_INPUT',

  // (1) It is a court order.
  'NOT_A_COURT_ORDER',
  'NOT_A_DISCLOSURE_REQUEST',
  'AUTHORITY_NOT_REGISTERED',
  'AUTHORITY_NOT_A_COURT',

  // (2) The order is verified.
  'ORDER_NOT_VERIFIED',
  'VERIFICATION_NOT_CONFIRMED',
  'FOUR_EYES_VIOLATION',
  'EVIDENCE_FOR_OTHER_AUTHORITY',
  'EVIDENCE_FOR_OTHER_DOCUMENT',
  'SIGNATURE_UNREGISTERED_KEY',
  'SIGNATURE_BAD',
  'SIGNATURE_CERTIFICATE_EXPIRED',
  'SIGNATURE_MALFORMED',
  'OUT_OF_BAND_NOT_CONFIRMED',
  'OUT_OF_BAND_CHANNEL_NOT_FROM_REGISTRY',
  'ORDER_REPUDIATED_BY_AUTHORITY',

  // Completeness (docs/POLICY.md, "Verification": DSA Art. 10(2)-style).
  'ORDER_MISSING_LEGAL_BASIS',
  'ORDER_MISSING_CASE_NUMBER',
  'ORDER_MISSING_ISSUE_DATE',
  'ORDER_MISSING_NAMED_TARGETS',
  'ORDER_MISSING_STATEMENT_OF_REASONS',

  // (3) The order is in force.
  'ORDER_FUTURE_DATED',
  'ORDER_EXPIRED',
  'ORDER_WITHDRAWN',
  'AUTHORITY_SUSPENDED',
  'JURISDICTION_NOT_ACCEPTED',

  // (4) The target is named and is a suspect.
  'TARGET_NOT_NAMED',
  'TARGET_IS_VICTIM',
  'TARGET_IS_WITNESS',
  'TARGET_ROLE_UNSPECIFIED',

  // (5) The window is bounded.
  'WINDOW_UNBOUNDED',
  'WINDOW_INVERTED',
  'WINDOW_TOO_LONG',

  // The categories that no role, flag or configuration can release.
  'CONTENT_NEVER_DISCLOSED',
  'CATEGORY_NOT_RELEASABLE',
]);
export type ReasonCode = z.infer<typeof ReasonCode>;

/** One rule that fired (or, for RELEASE, the summary of the rules that held): a stable code and a sentence. */
export const Reason = z.strictObject({
  code: ReasonCode,
  message: z.string().min(1),
});
export type Reason = z.infer<typeof Reason>;

export function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}
