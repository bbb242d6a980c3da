import 'server-only';
import type { z } from 'zod';

/** Where server components reach the API. The browser goes through the portal's /api/* route instead. */
export const API_URL = process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * Fetches and validates a public API response against its contract. Never throws: a page shows a clear
 * "unavailable" state instead of crashing when the API is down.
 */
export async function getJson<T extends z.ZodType>(path: string, schema: T): Promise<ApiResult<z.infer<T>>> {
  try {
    const response = await fetch(`${API_URL}${path}`, { cache: 'no-store', signal: AbortSignal.timeout(5000) });
    const body: unknown = await response.json();
    if (!response.ok) {
      const message = (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
      return { ok: false, message };
    }
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, data: parsed.data } : { ok: false, message: 'Unexpected answer from the API.' };
  } catch {
    return { ok: false, message: 'The Writ API cannot be reached right now.' };
  }
}
