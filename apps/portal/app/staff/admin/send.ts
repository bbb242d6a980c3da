import type { z } from 'zod';
import { type ApiOutcome, callApi } from '../login/api-call';

// A change from an admin screen, sent from the browser through the portal's /api route with the session's CSRF
// token. The answer is read against the route's contract; one the page cannot read is reported, not guessed at.

export async function send<T extends z.ZodType>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  schema: T,
  csrfToken: string,
  body?: unknown,
): Promise<ApiOutcome<z.infer<T>>> {
  const result = await callApi<unknown>(path, { method, body, csrfToken });
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.data);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : {
        ok: false,
        status: 200,
        message: 'Writ accepted this but answered in a form this page does not know. Reload to see where it stands.',
      };
}

/** The first message per field of a failed zod parse: shown next to the field it is about. */
export function issuesByField(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}
