// Calls from the browser to the API through the portal's /api route (app/api/[...path]/route.ts), so the session
// cookie (Path=/, SameSite=Strict, HttpOnly) belongs to the portal's origin and rides along on these same-origin
// calls; writes carry the session's CSRF token. Never throws: a page shows the failure instead.
// zod-jitless first: the contracts build schemas as they load, and the page's CSP forbids zod's eval probe.
import './zod-jitless';
import { GetMe, type JsonRoute, type RouteInput, type RouteReply, sendRoute } from '@writ/contracts';
import { type ApiFailure, failureOf } from './api-failure';

export type Outcome<T> = { ok: true; data: T; status: number; headers: Headers } | ApiFailure;

const UNKNOWN_ANSWER =
  'The API accepted this but answered in a form this page does not know. Reload to see where it stands.';

/**
 * No answer at all (the browser is offline, or the portal is down): a write may or may not have arrived, so the
 * person is told how to find out before trying again, rather than only that something failed.
 */
export const OFFLINE = {
  read: 'This browser cannot reach Writ right now. Check the connection, then try again.',
  write:
    'This browser cannot reach Writ right now, so this may not have been recorded. Check the connection, reload the page to see whether it was, and try again if not.',
} as const;

/**
 * A page holds the CSRF token of the session it was rendered in. When that session ends and the person logs in again
 * in another tab (lib/api-failure.ts SESSION_ENDED tells them to), the browser sends the new session's cookie with
 * the old token, and the API refuses every write with CSRF_TOKEN_INVALID before doing anything. The new session's
 * token is then read from GET /auth/me (same-origin: another site cannot read the answer, so this opens nothing a
 * forged request could use) and kept here for the page's later writes.
 */
let renewed: { stale: string; current: string } | null = null;

/** The token to send for a page rendered with `token`: the renewed one once the page's own was refused. */
export function csrfFor(token: string): string {
  return renewed?.stale === token ? renewed.current : token;
}

/**
 * After CSRF_TOKEN_INVALID: the current session's token, or null if it is the one that was refused (or none), or if
 * the session is now someone else's. A shared computer where a colleague logged in meanwhile must not send, under
 * the colleague's name, what this person typed or chose: four eyes would count them as the second pair.
 */
export async function renewCsrfToken(pageToken: string): Promise<string | null> {
  const me = await callFromBrowser(GetMe, {});
  if (!me.ok) return null;
  const renderedFor = document.querySelector('[data-writ-staff]')?.getAttribute('data-writ-staff');
  if (!renderedFor || renderedFor !== me.data.staff.id) return null;
  const current = me.data.csrfToken ?? null;
  if (!current || current === csrfFor(pageToken)) return null;
  renewed = { stale: pageToken, current };
  return current;
}

async function send<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
  headers: Record<string, string>,
): Promise<Outcome<RouteReply<R>['data']>> {
  try {
    const reply = await sendRoute(route, input, {
      baseUrl: '/api',
      headers,
      fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
    });
    return { ok: true, data: reply.data as RouteReply<R>['data'], status: reply.status, headers: reply.headers };
  } catch (error) {
    const failure = failureOf(error, UNKNOWN_ANSWER);
    if (failure.status !== 0) return failure;
    return { ...failure, message: route.method === 'get' ? OFFLINE.read : OFFLINE.write };
  }
}

/**
 * Calls `route` and reads its answer with the route's contract (for a four-eyes route, `data` is the change made
 * or the proposal: `status` 202 says which). A write the API refused for a stale CSRF token is sent once more with
 * the current one: the refusal came before anything was done.
 */
export async function callFromBrowser<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
  options: { csrfToken?: string; headers?: Record<string, string> } = {},
): Promise<Outcome<RouteReply<R>['data']>> {
  const { csrfToken } = options;
  const withToken = (token: string | undefined) =>
    token ? { ...options.headers, 'x-csrf-token': token } : { ...options.headers };
  const outcome = await send(route, input, withToken(csrfToken && csrfFor(csrfToken)));
  if (outcome.ok || outcome.code !== 'CSRF_TOKEN_INVALID' || !csrfToken) return outcome;
  const current = await renewCsrfToken(csrfToken);
  return current ? send(route, input, withToken(current)) : outcome;
}
