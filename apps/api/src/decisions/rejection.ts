import type { RejectionReason } from '@writ/contracts';
import type { ReasonCode } from '@writ/policy';

/*
 * Why a request as a whole is refused when none of its decisions releases anything: the outcome REJECTED_<code>
 * of docs/DOMAIN.md ("Outcomes") that transparency reports count. Pure; one table, so a new reason code in the engine
 * fails `tsc` here until someone decides where it belongs.
 */

export type ReasonClass = 'RELEASE' | RejectionReason;

/** Which docs/DOMAIN.md outcome each engine reason code (docs/POLICY.md rule in brackets) speaks for. */
export const REASON_CLASS: Readonly<Record<ReasonCode, ReasonClass>> = {
  ALL_CONDITIONS_MET: 'RELEASE',
  // Unreadable input: the request cannot be acted on as recorded.
  INVALID_INPUT: 'INVALID',
  // (1) Not a court order: the process itself can never lead to a release.
  NOT_A_COURT_ORDER: 'NOT_COURT_ORDER',
  NOT_A_DISCLOSURE_REQUEST: 'NOT_COURT_ORDER',
  AUTHORITY_NOT_REGISTERED: 'NOT_COURT_ORDER',
  AUTHORITY_NOT_A_COURT: 'NOT_COURT_ORDER',
  // (2) Authenticity not established.
  ORDER_NOT_VERIFIED: 'UNVERIFIED',
  VERIFICATION_NOT_CONFIRMED: 'UNVERIFIED',
  FOUR_EYES_VIOLATION: 'UNVERIFIED',
  EVIDENCE_FOR_OTHER_AUTHORITY: 'UNVERIFIED',
  EVIDENCE_FOR_OTHER_DOCUMENT: 'UNVERIFIED',
  SIGNATURE_UNREGISTERED_KEY: 'UNVERIFIED',
  SIGNATURE_BAD: 'UNVERIFIED',
  SIGNATURE_CERTIFICATE_EXPIRED: 'UNVERIFIED',
  SIGNATURE_MALFORMED: 'UNVERIFIED',
  OUT_OF_BAND_NOT_CONFIRMED: 'UNVERIFIED',
  OUT_OF_BAND_CHANNEL_NOT_FROM_REGISTRY: 'UNVERIFIED',
  ORDER_REPUDIATED_BY_AUTHORITY: 'UNVERIFIED',
  // Completeness, (3) in force, (5) window: docs/DOMAIN.md's "incomplete, expired, out of jurisdiction".
  ORDER_MISSING_LEGAL_BASIS: 'INVALID',
  ORDER_MISSING_CASE_NUMBER: 'INVALID',
  ORDER_MISSING_ISSUE_DATE: 'INVALID',
  ORDER_MISSING_NAMED_TARGETS: 'INVALID',
  ORDER_MISSING_STATEMENT_OF_REASONS: 'INVALID',
  ORDER_FUTURE_DATED: 'INVALID',
  ORDER_EXPIRED: 'INVALID',
  ORDER_WITHDRAWN: 'INVALID',
  AUTHORITY_SUSPENDED: 'INVALID',
  JURISDICTION_NOT_ACCEPTED: 'INVALID',
  WINDOW_UNBOUNDED: 'INVALID',
  WINDOW_INVERTED: 'INVALID',
  WINDOW_TOO_LONG: 'INVALID',
  // (4) and the categories: the order asks for what Writ does not release (people who are not named suspects,
  // data other than IP addresses and phone numbers).
  TARGET_NOT_NAMED: 'SCOPE',
  TARGET_IS_VICTIM: 'SCOPE',
  TARGET_IS_WITNESS: 'SCOPE',
  TARGET_ROLE_UNSPECIFIED: 'SCOPE',
  CONTENT_NEVER_DISCLOSED: 'SCOPE',
  CATEGORY_NOT_RELEASABLE: 'SCOPE',
};

const CATEGORY_CODES: ReadonlySet<string> = new Set<ReasonCode>(['CONTENT_NEVER_DISCLOSED', 'CATEGORY_NOT_RELEASABLE']);

/** A code the table does not know (a stored decision from a newer engine?) counts as INVALID, never as a release. */
export function reasonClass(code: string): ReasonClass {
  return Object.hasOwn(REASON_CLASS, code) ? REASON_CLASS[code as ReasonCode] : 'INVALID';
}

export interface DecidedItem {
  outcome: 'RELEASE' | 'DENY';
  reasons: ReadonlyArray<{ code: string }>;
}

/**
 * null when something is released (the disclosure settles the outcome). Otherwise, in order:
 * NOT_COURT_ORDER when the process or the authority can never lead to a release; SCOPE when only non-releasable
 * categories were asked for (docs/DOMAIN.md); UNVERIFIED when authenticity was not established; INVALID when the order
 * is incomplete, not in force or its window is unusable; SCOPE when only the targets are out of reach (not named,
 * not suspects). Anything else, and an empty list (nothing to decide on), is INVALID.
 */
export function rejectionFor(decisions: readonly DecidedItem[]): RejectionReason | null {
  if (decisions.length === 0) return 'INVALID';
  if (decisions.some((decision) => decision.outcome === 'RELEASE')) return null;
  const classes = new Set(decisions.flatMap((decision) => decision.reasons.map((reason) => reasonClass(reason.code))));
  if (classes.has('NOT_COURT_ORDER')) return 'NOT_COURT_ORDER';
  if (decisions.every((decision) => decision.reasons.some((reason) => CATEGORY_CODES.has(reason.code)))) return 'SCOPE';
  if (classes.has('UNVERIFIED')) return 'UNVERIFIED';
  if (classes.has('INVALID')) return 'INVALID';
  if (classes.has('SCOPE')) return 'SCOPE';
  // A denial whose reasons say nothing usable.
  return 'INVALID';
}
