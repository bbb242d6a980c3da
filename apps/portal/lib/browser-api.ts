// Calls from the browser to the API through the portal's /api route (app/api/[...path]/route.ts), so the session
// cookie (Path=/, SameSite=Strict, HttpOnly) belongs to the portal's origin and rides along on these same-origin
// calls; writes carry the session's CSRF token. Never throws: a page shows the failure instead.
// zod-jitless first: the contracts build schemas as they load, and the page's CSP forbids zod's eval probe.
import './zod-jitless';
import { type JsonRoute, type RouteInput, type RouteReply, sendRoute } from '@writ/contracts';
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
 * Calls `route` and reads its answer with the route's contract (for a four-eyes route, `data` is the change made
 * or the proposal: `status` 202 says which).
 */
export async function callFromBrowser<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
  options: { csrfToken?: string; headers?: Record<string, string> } = {},
): Promise<Outcome<RouteReply<R>['data']>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
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
