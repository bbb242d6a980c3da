import { z } from 'zod';
import { Uuid } from '../requests/fields.js';
import { textLine } from '../authorities/authority-fields.js';
import { StaffEmail } from '../auth/auth.contract.js';
import { StaffRole } from '../domain.js';
import { Page, PageQuery } from '../pagination.js';
import { defineRoute } from '../route.js';
import { StaffChange } from './staff-change.js';

// Staff accounts, managed by ADMIN (docs/DOMAIN.md). Every account must enrol a TOTP authenticator at its first login,
// and replace the password an admin chose for it (at creation, or a reset) with one of its own.
// Four eyes (staff-change.ts): what grants or restores access (create, add roles, enable, the two resets) answers
// 202 with a proposal that another admin approves (staff-changes.contract.ts); disabling and removing roles act at
// once.

const ADMIN = ['ADMIN'] as const;

const Roles = z
  .array(StaffRole)
  .min(1, 'must name at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role');

export const StaffAccount = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(StaffRole),
  /** false until the person has enrolled an authenticator (first login, or after a reset). */
  secondFactorEnrolled: z.boolean(),
  recoveryCodesLeft: z.number().int().nonnegative(),
  /** true while the password is one an admin chose: the person must replace it at their next login. */
  passwordChangeRequired: z.boolean(),
  lockedUntil: z.iso.datetime().nullable(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Send back on PATCH: a stale version is refused with VERSION_CONFLICT. */
  version: z.number().int().positive(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export const StaffParams = z.strictObject({ id: Uuid });
export type StaffParams = z.infer<typeof StaffParams>;

export const ListStaffQuery = PageQuery.extend({
  /** Part of an email address or a display name, any case. */
  q: textLine(200).optional(),
});
export type ListStaffQuery = z.infer<typeof ListStaffQuery>;

export const StaffPage = Page(StaffAccount);
export type StaffPage = z.infer<typeof StaffPage>;

/**
 * The proposer never chooses a password (whoever knows it could use the account before the person does): the
 * approval generates one and shows it once, to the approving admin.
 */
const NO_PASSWORD =
  'is not accepted: a temporary password is generated when another admin approves the change, and shown only to them';
const NoPassword = z.never({ error: NO_PASSWORD }).optional().describe(`Leave out: a password ${NO_PASSWORD}.`);

/** The name colleagues and the audit log know the person by. */
const DisplayName = z
  .string({ error: "give the person's name" })
  .trim()
  .min(1, "give the person's name")
  .max(200, 'must be at most 200 characters');

export const CreateStaffRequest = z.strictObject({
  email: StaffEmail,
  displayName: DisplayName,
  roles: Roles,
  password: NoPassword,
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

export const ResetStaffPasswordRequest = z.strictObject({ password: NoPassword });
export type ResetStaffPasswordRequest = z.infer<typeof ResetStaffPasswordRequest>;

export const UpdateStaffRequest = z
  .strictObject({
    version: z.number().int().positive(),
    displayName: DisplayName.optional(),
    roles: Roles.optional(),
  })
  .refine((body) => body.displayName !== undefined || body.roles !== undefined, 'name displayName or roles to change');
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const ListStaff = defineRoute({
  operationId: 'listStaff',
  method: 'get',
  path: '/staff',
  summary: 'Staff accounts, by email; search by email or name',
  tag: 'staff',
  access: { roles: ADMIN },
  query: ListStaffQuery,
  response: StaffPage,
});

export const GetStaff = defineRoute({
  operationId: 'getStaff',
  method: 'get',
  path: '/staff/{id}',
  summary: 'One staff account, by id (the accounts named in staff changes and audit events)',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  response: StaffAccount,
  errors: ['NOT_FOUND'],
});

export const CreateStaff = defineRoute({
  operationId: 'createStaff',
  method: 'post',
  path: '/staff',
  summary:
    'Propose a staff account (202): another admin approves it and receives its temporary password; the person enrols a TOTP authenticator at first login',
  tag: 'staff',
  access: { roles: ADMIN },
  body: CreateStaffRequest,
  response: StaffChange,
  status: 202,
  errors: ['ALREADY_EXISTS', 'STAFF_CHANGE_PENDING', 'SEPARATION_OF_DUTIES'],
});

export const UpdateStaff = defineRoute({
  operationId: 'updateStaff',
  method: 'patch',
  path: '/staff/{id}',
  summary:
    'Change display name or roles: at once (200) unless it adds a role, which is proposed (202) for another admin to approve',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  body: UpdateStaffRequest,
  response: StaffAccount,
  accepted: StaffChange,
  errors: ['NOT_FOUND', 'VERSION_CONFLICT', 'SELF_LOCKOUT', 'SEPARATION_OF_DUTIES', 'STAFF_CHANGE_PENDING'],
});

export const DisableStaff = defineRoute({
  operationId: 'disableStaff',
  method: 'post',
  path: '/staff/{id}/disable',
  summary: 'Disable an account: it cannot log in, and its sessions and API tokens are revoked',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  response: StaffAccount,
  errors: ['NOT_FOUND', 'SELF_LOCKOUT'],
});

export const EnableStaff = defineRoute({
  operationId: 'enableStaff',
  method: 'post',
  path: '/staff/{id}/enable',
  summary:
    'Propose enabling a disabled or locked-out account (202) for another admin to approve; revoked tokens stay revoked. 200 with the account when there is nothing to enable',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  response: StaffAccount,
  accepted: StaffChange,
  errors: ['NOT_FOUND', 'STAFF_CHANGE_PENDING'],
});

export const ResetStaffSecondFactor = defineRoute({
  operationId: 'resetStaffSecondFactor',
  method: 'post',
  path: '/staff/{id}/reset-second-factor',
  summary:
    'Propose forgetting the authenticator and recovery codes (202); once another admin approves, the sessions end, the API tokens are revoked and the person enrols again at next login (logged-in session only)',
  tag: 'staff',
  // With a password reset this hands over the account: only a person at the keyboard, never a (leaked) token.
  access: { roles: ADMIN, session: 'interactive' },
  params: StaffParams,
  response: StaffChange,
  status: 202,
  errors: ['NOT_FOUND', 'STAFF_CHANGE_PENDING', 'INTERACTIVE_SESSION_REQUIRED', 'CSRF_TOKEN_INVALID'],
});

export const ResetStaffPassword = defineRoute({
  operationId: 'resetStaffPassword',
  method: 'post',
  path: '/staff/{id}/reset-password',
  summary:
    'Propose a temporary password for another account (202, not your own): the approving admin receives it; then the sessions end, the API tokens are revoked, a lockout is lifted, and the person must choose a new password at next login (logged-in session only)',
  tag: 'staff',
  // It hands over the account: a token that could call this could start taking over any account.
  access: { roles: ADMIN, session: 'interactive' },
  params: StaffParams,
  body: ResetStaffPasswordRequest,
  response: StaffChange,
  status: 202,
  errors: [
    'NOT_FOUND',
    'OWN_PASSWORD_RESET',
    'STAFF_CHANGE_PENDING',
    'INTERACTIVE_SESSION_REQUIRED',
    'CSRF_TOKEN_INVALID',
  ],
});
