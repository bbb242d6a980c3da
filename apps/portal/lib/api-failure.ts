// How the portal reads a refusal from the API, on the server (lib/staff-api.ts) and in the browser
// (lib/browser-api.ts) alike: the API's own words, so people see what it says they can do.
import { ApiError } from '@writ/contracts';

/** A field the API refused, by its path in the body ("targets.0.value"), in the contract's words. */
export type ApiIssue = { path: readonly PropertyKey[]; message: string };

/** `issues`: what a VALIDATION_FAILED (or a refusal that names a field) said per field, for a form to show beside it. */
export type ApiFailure = { ok: false; status: number; code?: string; message: string; issues?: ApiIssue[] };

/** The per-field issues of an error body's details, when it has well-formed ones. */
function issuesIn(details: unknown): ApiIssue[] | undefined {
  const issues = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const wellFormed = issues.filter(
    (issue): issue is ApiIssue =>
      Array.isArray((issue as ApiIssue | null)?.path) && typeof (issue as ApiIssue).message === 'string',
  );
  return wellFormed.length ? wellFormed : undefined;
}

export const UNREACHABLE: ApiFailure = { ok: false, status: 0, message: 'The Writ API cannot be reached right now.' };

/** A non-2xx answer read by hand (the upload's XMLHttpRequest, the intake form): its error body, or the status. */
export function apiFailure(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return { ok: false, status, code: error?.code, message: error?.message ?? `The server answered ${status}.` };
}

/**
 * What callRoute threw, as a page shows it: a refusal in the API's words (or its bare status when it sent no error
 * body), UNREACHABLE without an answer, and `unexpected` for a success the contract does not describe.
 */
export function failureOf(error: unknown, unexpected: string): ApiFailure {
  if (!(error instanceof ApiError) || error.code === 'UNREACHABLE') return UNREACHABLE;
  if (error.status >= 200 && error.status < 300) return { ok: false, status: error.status, message: unexpected };
  if (error.code === 'UNEXPECTED_RESPONSE') {
    return { ok: false, status: error.status, message: `The server answered ${error.status}.` };
  }
  const issues = issuesIn(error.details);
  return { ok: false, status: error.status, code: error.code, message: error.message, ...(issues ? { issues } : {}) };
}

/**
 * The staff area's one answer to an ended session. Logging in again in another tab keeps what this page holds (a
 * reload would lose it), and the page's next send then carries the new session.
 */
export const SESSION_ENDED = 'Your session has ended. Log in again in another tab, then send again.';

/** A write refused for its CSRF token even after looking for the current session's (lib/browser-api.ts). */
export const ANOTHER_SESSION =
  'This page was opened in a session that has ended, and the one open in this browser now is not yours, so nothing was sent. Reload the page.';

/**
 * A refusal as a staff form shows it: the API's own words, except for an ended session, where the API speaks to
 * developers ("send an API token as Authorization: Bearer …").
 */
export function refusalText(failure: Pick<ApiFailure, 'status' | 'message'> & { code?: string }): string {
  if (failure.status === 401) return SESSION_ENDED;
  // Still refused after lib/browser-api.ts looked for the current session's token: the session open now is not
  // the one this page was made in, and not this person's (or none could be read).
  if (failure.code === 'CSRF_TOKEN_INVALID') return ANOTHER_SESSION;
  return failure.message;
}
