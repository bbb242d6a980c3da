// Calls from the browser to the API through the portal's /api route, with the session's CSRF token on writes.
// Unlike app/staff/login/api-call.ts this takes any method and extra headers (Idempotency-Key).

import { apiFailure, type ApiFailure, UNREACHABLE } from '@/lib/api-failure';
import type { z } from 'zod';

export type Outcome<T> = { ok: true; data: T; status: number; headers: Headers } | ApiFailure;

export async function send<T extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: T,
  options: { body?: unknown; csrfToken: string; headers?: Record<string, string> },
): Promise<Outcome<z.infer<T>>> {
  const headers: Record<string, string> = { 'x-csrf-token': options.csrfToken, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    return UNREACHABLE;
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return apiFailure(response.status, body);
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { ok: true, data: parsed.data, status: response.status, headers: response.headers }
    : {
        ok: false,
        status: response.status,
        message: 'The API accepted this but answered in a form this page does not know. Reload to see where it stands.',
      };
}

/** A refusal in words a person can act on; an ended session says how to get back. */
export function refusalText(failure: ApiFailure): string {
  if (failure.status === 401) return 'Your session has ended. Reload the page and log in again to continue.';
  return failure.message;
}
