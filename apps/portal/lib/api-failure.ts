// How the portal reads a refusal from the API, on the server (lib/staff-api.ts) and in the browser
// (app/staff/login/api-call.ts) alike: the API's own words, so people see what it says they can do.

export type ApiFailure = { ok: false; status: number; code?: string; message: string };

export const UNREACHABLE: ApiFailure = { ok: false, status: 0, message: 'The Writ API cannot be reached right now.' };

/** A non-2xx answer: its `{ error: { code, message } }` body, or the bare status when it has none. */
export function apiFailure(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  return { ok: false, status, code: error?.code, message: error?.message ?? `The server answered ${status}.` };
}
