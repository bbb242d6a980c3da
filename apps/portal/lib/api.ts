import 'server-only';
import { ApiError, callRoute, type JsonRoute, type RouteInput, type RouteResult } from '@writ/contracts';

/** Where server components reach the API. The browser goes through the portal's /api/* route instead. */
export const API_URL = process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';

/** Next.js's fetch caches by default in some versions: every answer here is read fresh. */
export const noStore: typeof fetch = (url, init) => fetch(url, { ...init, cache: 'no-store' });

export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string };

const UNREACHABLE_TEXT = 'The Writ API cannot be reached right now.';

/**
 * Calls a public route and reads its answer with the route's contract. Never throws: a page shows a clear
 * "unavailable" state instead of crashing when the API is down.
 */
export async function getJson<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
): Promise<ApiResult<RouteResult<R>>> {
  try {
    const data = await callRoute(route, input, { baseUrl: API_URL, fetch: noStore, signal: AbortSignal.timeout(5000) });
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code === 'UNREACHABLE') return { ok: false, message: UNREACHABLE_TEXT };
    if (error.status >= 200 && error.status < 300) return { ok: false, message: 'Unexpected answer from the API.' };
    // A refusal without the API's error body was not the API speaking (a proxy, a crash): as good as unreachable.
    if (error.code === 'UNEXPECTED_RESPONSE') return { ok: false, message: UNREACHABLE_TEXT };
    return { ok: false, message: error.message };
  }
}
