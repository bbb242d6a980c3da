import { z } from 'zod';
import { Page, PageQuery } from '../pagination.js';
import { OptionalText, Text, Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { AuthorityDetail } from './authorities.contract.js';
import { RegistryChange, RegistryChangeKind, RegistryChangeStatus } from './registry-change.js';

// The queue of proposed registry changes (registry-change.ts), for ADMIN: look, approve, reject, or withdraw
// one's own.

const ADMIN = ['ADMIN'] as const;
const tag = 'authorities';

export const RegistryChangeParams = z.strictObject({ id: Uuid });
export type RegistryChangeParams = z.infer<typeof RegistryChangeParams>;

export const ListRegistryChangesQuery = PageQuery.extend({
  status: RegistryChangeStatus.optional(),
  kind: RegistryChangeKind.optional(),
  /** Changes to this authority. */
  authorityId: Uuid.optional(),
});
export type ListRegistryChangesQuery = z.infer<typeof ListRegistryChangesQuery>;

export const RegistryChangePage = Page(RegistryChange);
export type RegistryChangePage = z.infer<typeof RegistryChangePage>;

export const RejectRegistryChangeRequest = z.strictObject({
  /** Why: the proposer and the audit log see it. */
  reason: Text(1000),
});
export type RejectRegistryChangeRequest = z.infer<typeof RejectRegistryChangeRequest>;

/** May be left out entirely. */
export const CancelRegistryChangeRequest = z.strictObject({ reason: OptionalText(1000).optional() }).optional();
export type CancelRegistryChangeRequest = z.infer<typeof CancelRegistryChangeRequest>;

export const RegistryChangeApproval = z.object({
  change: RegistryChange,
  /** The authority as the change left it. */
  authority: AuthorityDetail,
});
export type RegistryChangeApproval = z.infer<typeof RegistryChangeApproval>;

export const ListRegistryChanges = defineRoute({
  operationId: 'listRegistryChanges',
  method: 'get',
  path: '/registry-changes',
  summary: 'Proposed changes to the authority registry, newest first (EXPIRED: pending past REGISTRY_CHANGE_TTL_HOURS)',
  tag,
  access: { roles: ADMIN },
  query: ListRegistryChangesQuery,
  response: RegistryChangePage,
});

export const GetRegistryChange = defineRoute({
  operationId: 'getRegistryChange',
  method: 'get',
  path: '/registry-changes/{id}',
  summary: 'One proposed change to the authority registry',
  tag,
  access: { roles: ADMIN },
  params: RegistryChangeParams,
  response: RegistryChange,
  errors: ['NOT_FOUND'],
});

export const ApproveRegistryChange = defineRoute({
  operationId: 'approveRegistryChange',
  method: 'post',
  path: '/registry-changes/{id}/approve',
  summary:
    'Approve and apply a registry change another admin proposed; re-checked now, in one transaction (logged-in session only)',
  tag,
  // The change decides which orders count as verified: a person at the keyboard, never a token.
  access: { roles: ADMIN, session: 'interactive' },
  params: RegistryChangeParams,
  response: RegistryChangeApproval,
  errors: [
    'NOT_FOUND',
    'FORBIDDEN',
    'FOUR_EYES_REQUIRED',
    'REGISTRY_CHANGE_NOT_PENDING',
    'REGISTRY_CHANGE_EXPIRED',
    'REGISTRY_CHANGE_STALE',
    'ALREADY_EXISTS',
    'ILLEGAL_TRANSITION',
    'INTERACTIVE_SESSION_REQUIRED',
    'CSRF_TOKEN_INVALID',
  ],
});

export const RejectRegistryChange = defineRoute({
  operationId: 'rejectRegistryChange',
  method: 'post',
  path: '/registry-changes/{id}/reject',
  summary: 'Reject a registry change another admin proposed, with a reason; the registry stays as it is',
  tag,
  access: { roles: ADMIN },
  params: RegistryChangeParams,
  body: RejectRegistryChangeRequest,
  response: RegistryChange,
  errors: ['NOT_FOUND', 'FOUR_EYES_REQUIRED', 'REGISTRY_CHANGE_NOT_PENDING', 'REGISTRY_CHANGE_EXPIRED'],
});

export const CancelRegistryChange = defineRoute({
  operationId: 'cancelRegistryChange',
  method: 'post',
  path: '/registry-changes/{id}/cancel',
  summary: 'Withdraw a registry change you proposed; the registry stays as it is',
  tag,
  access: { roles: ADMIN },
  params: RegistryChangeParams,
  body: CancelRegistryChangeRequest,
  response: RegistryChange,
  errors: ['NOT_FOUND', 'NOT_PROPOSER', 'REGISTRY_CHANGE_NOT_PENDING', 'REGISTRY_CHANGE_EXPIRED'],
});

export const REGISTRY_CHANGE_ROUTES = [
  ListRegistryChanges,
  GetRegistryChange,
  ApproveRegistryChange,
  RejectRegistryChange,
  CancelRegistryChange,
] as const;
