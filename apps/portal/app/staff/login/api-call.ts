// The browser reaches the API through the portal's own /api/* rewrite, so the session cookie (Path=/,
// SameSite=Strict, HttpOnly) belongs to the portal's origin and rides along on these same-origin calls.

import { apiFailure, type ApiFailure, UNREACHABLE } from '@/lib/api-failure';

export type ApiOutcome<T> = { ok: true; data: T } | ApiFailure;

export async function callApi<T>(
  path: string,
  init: { body?: unknown; csrfToken?: string; method?: 'POST' | 'PATCH' | 'DELETE' } = {},
): Promise<ApiOutcome<T>> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.csrfToken) headers['x-csrf-token'] = init.csrfToken;
  try {
    const response = await fetch(`/api${path}`, {
      method: init.method ?? 'POST',
      credentials: 'same-origin',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (response.status === 204) return { ok: true, data: undefined as T };
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: body as T };
    return apiFailure(response.status, body);
  } catch {
    return UNREACHABLE;
  }
}
