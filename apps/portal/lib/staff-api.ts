import 'server-only';
import { MeResponse } from '@writ/contracts';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import { API_URL } from './api';
import { apiFailure, type ApiFailure, UNREACHABLE } from './api-failure';

// Server components acting for the person in front of the browser: the session cookie is forwarded to the API,
// never read or stored here, so the API alone decides what this person may see.

export type StaffResult<T> = { ok: true; data: T } | ApiFailure;

export type Caller = { state: 'in'; me: MeResponse } | { state: 'out' } | { state: 'unavailable' };

/** GETs `path` with the caller's session and validates the answer; never throws (pages show a state instead). */
export async function getAsStaff<T extends z.ZodType>(path: string, schema: T): Promise<StaffResult<z.infer<T>>> {
  const session = (await cookies()).get('writ_session');
  if (!session) return { ok: false, status: 401, code: 'UNAUTHENTICATED', message: 'You are not logged in.' };
  try {
    const response = await fetch(`${API_URL}${path}`, {
      headers: { cookie: `writ_session=${encodeURIComponent(session.value)}` },
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) return apiFailure(response.status, body);
    const parsed = schema.safeParse(body);
    return parsed.success
      ? { ok: true, data: parsed.data }
      : { ok: false, status: response.status, message: 'Unexpected answer from the API.' };
  } catch {
    return UNREACHABLE;
  }
}

/** Asks the API who the session cookie belongs to. */
export async function currentStaff(): Promise<Caller> {
  const me = await getAsStaff('/auth/me', MeResponse);
  if (me.ok) return { state: 'in', me: me.data };
  return me.status === 401 ? { state: 'out' } : { state: 'unavailable' };
}
