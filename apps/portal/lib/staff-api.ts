import 'server-only';
import { callRoute, GetMe, type JsonRoute, type MeResponse, type RouteInput, type RouteResult } from '@writ/contracts';
import { cookies } from 'next/headers';
import { API_URL, noStore } from './api';
import { type ApiFailure, failureOf } from './api-failure';

// Server components acting for the person in front of the browser: the session cookie is forwarded to the API,
// never read or stored here, so the API alone decides what this person may see.

export type StaffResult<T> = { ok: true; data: T } | ApiFailure;

export type Caller = { state: 'in'; me: MeResponse } | { state: 'out' } | { state: 'unavailable' };

/** Calls a reading route with the caller's session and the route's contract; never throws (pages show a state). */
export async function getAsStaff<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
): Promise<StaffResult<RouteResult<R>>> {
  const session = (await cookies()).get('writ_session');
  if (!session) return { ok: false, status: 401, code: 'UNAUTHENTICATED', message: 'You are not logged in.' };
  try {
    const data = await callRoute(route, input, {
      baseUrl: API_URL,
      headers: { cookie: `writ_session=${encodeURIComponent(session.value)}` },
      fetch: noStore,
      signal: AbortSignal.timeout(5000),
    });
    return { ok: true, data };
  } catch (error) {
    return failureOf(error, 'Unexpected answer from the API.');
  }
}

/** Asks the API who the session cookie belongs to. */
export async function currentStaff(): Promise<Caller> {
  const me = await getAsStaff(GetMe, {});
  if (me.ok) return { state: 'in', me: me.data };
  return me.status === 401 ? { state: 'out' } : { state: 'unavailable' };
}
