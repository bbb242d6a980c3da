import { ApproveStaffChange, CancelStaffChange, RejectStaffChange } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';

// The three decisions on a staff change, from the browser (through the portal's /api route, with the session's
// CSRF token). Answers are checked against the contract: this one can carry a password, so it is read exactly as
// the API declares it, not guessed at.

export function approve(id: string, csrfToken: string) {
  return callFromBrowser(ApproveStaffChange, { params: { id } }, { csrfToken });
}

export function reject(id: string, reason: string, csrfToken: string) {
  return callFromBrowser(RejectStaffChange, { params: { id }, body: { reason } }, { csrfToken });
}

export function cancel(id: string, csrfToken: string) {
  return callFromBrowser(CancelStaffChange, { params: { id } }, { csrfToken });
}
