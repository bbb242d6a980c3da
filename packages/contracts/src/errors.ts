import { z } from 'zod';

/**
 * Stable error codes. Clients branch on these, so a code is never renamed or reused; add new ones at the end.
 * The HTTP status for each lives here too, so the API maps errors to HTTP in one place.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 423,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  SECOND_FACTOR_INVALID: 401,
  ACCOUNT_DISABLED: 403,
  SEPARATION_OF_DUTIES: 403,
  NOT_EDITABLE: 409,
  ALREADY_EXISTS: 409,
  UNKNOWN_COUNTRY: 400,
  UNSUPPORTED_DOCUMENT_TYPE: 415,
  VERIFICATION_INCOMPLETE: 409,
  POLICY_DENIED: 409,
  /** An admin may not remove their own ADMIN role or disable their own account. */
  SELF_LOCKOUT: 409,
  /** Out-of-band verification named a contact channel that is not in the issuing authority's registry entry. */
  CHANNEL_NOT_IN_REGISTRY: 400,
  /** The route is for a person's logged-in session (cookie, second factor passed); an API token cannot call it. */
  INTERACTIVE_SESSION_REQUIRED: 403,
  /**
   * An admin chose this account's password (new account, or a reset): until the person sets their own with
   * POST /auth/password, the session can only do that, ask who it is, and log out.
   */
  PASSWORD_CHANGE_REQUIRED: 403,
  /** POST /auth/password: the current password given is not the account's password. */
  CURRENT_PASSWORD_INVALID: 403,
  /** An admin reset their own password through the admin route; one's own goes through POST /auth/password. */
  OWN_PASSWORD_RESET: 403,
  /**
   * The server cannot read this account's TOTP secret (it is sealed under an encryption key that is not configured,
   * or damaged): an operator's fault, not the caller's. Recovery codes still work; an admin can reset the factor.
   */
  SECOND_FACTOR_UNAVAILABLE: 503,
  /**
   * Four eyes on account administration and on the authority registry: the admin who proposed a change cannot
   * also approve or reject it; another admin must (the proposer may cancel it instead).
   */
  FOUR_EYES_REQUIRED: 409,
  /** A change of this kind already awaits approval for this account (or this new email); details.changeId names it. */
  STAFF_CHANGE_PENDING: 409,
  /** The staff change was already approved, rejected, cancelled or expired: it can no longer be decided. */
  STAFF_CHANGE_NOT_PENDING: 409,
  /** The staff change waited longer than STAFF_CHANGE_TTL_HOURS: propose it again if it is still wanted. */
  STAFF_CHANGE_EXPIRED: 409,
  /**
   * Since the change was proposed, the account was changed by an admin (or the proposer lost their ADMIN role or
   * account): approving it could undo that, so it is refused; propose it again from the account as it is now.
   */
  STAFF_CHANGE_STALE: 409,
  /** Only the admin who proposed a staff change may cancel it (another admin rejects it instead). */
  NOT_PROPOSER: 403,
  /** A change of this kind already awaits approval for this authority; details.changeId names it. */
  REGISTRY_CHANGE_PENDING: 409,
  /** The registry change was already approved, rejected, cancelled or expired: it can no longer be decided. */
  REGISTRY_CHANGE_NOT_PENDING: 409,
  /** The registry change waited longer than REGISTRY_CHANGE_TTL_HOURS: propose it again if it is still wanted. */
  REGISTRY_CHANGE_EXPIRED: 409,
  /**
   * Since the registry change was proposed, the authority was changed (or the proposer lost their ADMIN role or
   * account): approving it could undo that, so it is refused; propose it again from the authority as it is now.
   */
  REGISTRY_CHANGE_STALE: 409,
  /** A disclosure package is prepared from RELEASE decisions; this request has none (or none left to prepare). */
  NOTHING_TO_RELEASE: 409,
  /** The package was already approved, rejected or delivered: it can no longer be approved or rejected. */
  DISCLOSURE_NOT_PENDING: 409,
  /** Only an approved package can be delivered (a download link or an export). */
  DISCLOSURE_NOT_APPROVED: 409,
  /** The download link was used, or expired, and the package files are deleted. */
  DOWNLOAD_GONE: 410,
  /**
   * The person who made the download link may no longer deliver (disabled, or without REVIEWER/APPROVER): the link
   * is void; staff must make a new one.
   */
  DOWNLOAD_LINK_REVOKED: 410,
  /** A report is drafted only for a period that has ended: figures of a running period would still change. */
  REPORT_PERIOD_OPEN: 409,
  /** A draft of this period's report already waits for approval; details.draftId names it (approve or discard it). */
  REPORT_DRAFT_PENDING: 409,
  /** A period's warrant canary repeats its published report's totals, so that report must be published first. */
  REPORT_NOT_PUBLISHED: 409,
  /** A correction (a report's second or later version) must say what changed and why. */
  CHANGELOG_REQUIRED: 400,
  /**
   * GET /audit/events: the actor filter's email belongs to no staff account. Refused rather than answered with no
   * events, which would read as "this person did nothing" when the email was mistyped.
   */
  UNKNOWN_ACTOR: 400,
} as const;

export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The one error shape of the whole API (docs/STYLE.md, "Errors and bad input"). */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
