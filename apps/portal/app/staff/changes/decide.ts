import {
  ApproveStaffChange,
  buildPath,
  CancelStaffChange,
  RejectStaffChange,
  StaffChange,
  StaffChangeApproval,
} from '@writ/contracts';
import type { z } from 'zod';
import { type ApiOutcome, callApi } from '../login/api-call';

// The three decisions on a staff change, from the browser (through the portal's /api route, with the session's
// CSRF token). Answers are checked against the contract: this one can carry a password, so it is read exactly as
// the API declares it, not guessed at.

async function post<T extends z.ZodType>(
  path: string,
  schema: T,
  csrfToken: string,
  body?: unknown,
): Promise<ApiOutcome<z.infer<T>>> {
  const result = await callApi<unknown>(path, { body, csrfToken });
  if (!result.ok) return result;
  const parsed = schema.safeParse(result.data);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : {
        ok: false,
        status: 200,
        message: 'The API accepted this but answered in a form this page does not know. Reload to see where it stands.',
      };
}

export function approve(id: string, csrfToken: string): Promise<ApiOutcome<StaffChangeApproval>> {
  return post(buildPath(ApproveStaffChange.path, { id }), StaffChangeApproval, csrfToken);
}

export function reject(id: string, reason: string, csrfToken: string): Promise<ApiOutcome<StaffChange>> {
  return post(buildPath(RejectStaffChange.path, { id }), StaffChange, csrfToken, { reason });
}

export function cancel(id: string, csrfToken: string): Promise<ApiOutcome<StaffChange>> {
  return post(buildPath(CancelStaffChange.path, { id }), StaffChange, csrfToken);
}
