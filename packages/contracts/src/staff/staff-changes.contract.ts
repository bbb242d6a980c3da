import { z } from 'zod';
import { Page, PageQuery } from '../pagination.js';
import { OptionalText, Text, Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { StaffChange, StaffChangeKind, StaffChangeStatus } from './staff-change.js';
import { StaffAccount } from './staff.contract.js';

// The queue of proposed account changes (staff-change.ts), for ADMIN: look, approve, reject, or withdraw one's own.

const ADMIN = ['ADMIN'] as const;

export const StaffChangeParams = z.strictObject({ id: Uuid });
export type StaffChangeParams = z.infer<typeof StaffChangeParams>;

export const ListStaffChangesQuery = PageQuery.extend({
  status: StaffChangeStatus.optional(),
  kind: StaffChangeKind.optional(),
  /** Changes to this account. */
  staffId: Uuid.optional(),
});
export type ListStaffChangesQuery = z.infer<typeof ListStaffChangesQuery>;

export const StaffChangePage = Page(StaffChange);
export type StaffChangePage = z.infer<typeof StaffChangePage>;

export const RejectStaffChangeRequest = z.strictObject({
  /** Why: the proposer and the audit log see it. */
  reason: Text(1000),
});
export type RejectStaffChangeRequest = z.infer<typeof RejectStaffChangeRequest>;

/** May be left out entirely. */
export const CancelStaffChangeRequest = z.strictObject({ reason: OptionalText(1000).optional() }).optional();
export type CancelStaffChangeRequest = z.infer<typeof CancelStaffChangeRequest>;

export const StaffChangeApproval = z.object({
  change: StaffChange,
  /** The account as the change left it. */
  staff: StaffAccount,
  /**
   * CREATE_ACCOUNT and RESET_PASSWORD: the temporary password, generated now and shown this once, to the approver
   * only (never stored, never shown to the proposer). Hand it to the person over a trusted channel; they must
   * replace it after their next login.
   */
  temporaryPassword: z.string().nullable(),
  /** Sessions of the account ended by the change (password and second-factor resets end them all). */
  sessionsEnded: z.number().int().nonnegative(),
  /** API tokens of the account revoked by the change (password and second-factor resets revoke them all). */
  tokensRevoked: z.number().int().nonnegative(),
});
export type StaffChangeApproval = z.infer<typeof StaffChangeApproval>;

export const ListStaffChanges = defineRoute({
  operationId: 'listStaffChanges',
  method: 'get',
  path: '/staff-changes',
  summary: 'Proposed changes to staff accounts, newest first (EXPIRED: pending past STAFF_CHANGE_TTL_HOURS)',
  tag: 'staff',
  access: { roles: ADMIN },
  query: ListStaffChangesQuery,
  response: StaffChangePage,
});

export const GetStaffChange = defineRoute({
  operationId: 'getStaffChange',
  method: 'get',
  path: '/staff-changes/{id}',
  summary: 'One proposed change to a staff account',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffChangeParams,
  response: StaffChange,
  errors: ['NOT_FOUND'],
});

export const ApproveStaffChange = defineRoute({
  operationId: 'approveStaffChange',
  method: 'post',
  path: '/staff-changes/{id}/approve',
  summary:
    'Approve and apply a change another admin proposed (not to your own account); re-checked now, in one transaction (logged-in session only)',
  tag: 'staff',
  // The answer can carry a new password, and the change hands out access: a person at the keyboard, never a token.
  access: { roles: ADMIN, session: 'interactive' },
  params: StaffChangeParams,
  response: StaffChangeApproval,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'FOUR_EYES_REQUIRED',
    'SEPARATION_OF_DUTIES',
    'STAFF_CHANGE_NOT_PENDING',
    'STAFF_CHANGE_EXPIRED',
    'STAFF_CHANGE_STALE',
    'ALREADY_EXISTS',
    'INTERACTIVE_SESSION_REQUIRED',
    'CSRF_TOKEN_INVALID',
  ],
});

export const RejectStaffChange = defineRoute({
  operationId: 'rejectStaffChange',
  method: 'post',
  path: '/staff-changes/{id}/reject',
  summary: 'Reject a change another admin proposed, with a reason; the account stays as it is',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffChangeParams,
  body: RejectStaffChangeRequest,
  response: StaffChange,
  errors: [
    'NOT_FOUND',
    'FOUR_EYES_REQUIRED',
    'SEPARATION_OF_DUTIES',
    'STAFF_CHANGE_NOT_PENDING',
    'STAFF_CHANGE_EXPIRED',
  ],
});

export const CancelStaffChange = defineRoute({
  operationId: 'cancelStaffChange',
  method: 'post',
  path: '/staff-changes/{id}/cancel',
  summary: 'Withdraw a change you proposed; the account stays as it is',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffChangeParams,
  body: CancelStaffChangeRequest,
  response: StaffChange,
  errors: ['NOT_FOUND', 'NOT_PROPOSER', 'STAFF_CHANGE_NOT_PENDING', 'STAFF_CHANGE_EXPIRED'],
});

export const STAFF_CHANGE_ROUTES = [
  ListStaffChanges,
  GetStaffChange,
  ApproveStaffChange,
  RejectStaffChange,
  CancelStaffChange,
] as const;
