import { z } from 'zod';
import { Uuid } from '../requests/fields.js';
import { StaffEmail, StaffPassword } from '../auth/auth.contract.js';
import { StaffRole } from '../domain.js';
import { Page, PageQuery } from '../pagination.js';
import { defineRoute } from '../route.js';

// Staff accounts, managed by ADMIN (DOMAIN.md). Every account must enrol a TOTP authenticator at its first login,
// and replace the password an admin chose for it (at creation, or a reset) with one of its own.

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
  q: z.string().trim().min(1).max(200).optional(),
});
export type ListStaffQuery = z.infer<typeof ListStaffQuery>;

export const StaffPage = Page(StaffAccount);
export type StaffPage = z.infer<typeof StaffPage>;

export const CreateStaffRequest = z.strictObject({
  email: StaffEmail,
  displayName: z.string().trim().min(1).max(200),
  roles: Roles,
  /**
   * Initial password (not the email address). Left out, a temporary one is generated and returned once. Either
   * way the person must replace it after their first login.
   */
  password: StaffPassword.optional(),
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

export const CreatedStaff = z.object({
  staff: StaffAccount,
  /** Only when no password was given: hand it to the person over a trusted channel. Shown this once. */
  temporaryPassword: z.string().nullable(),
});
export type CreatedStaff = z.infer<typeof CreatedStaff>;

export const ResetStaffPasswordRequest = z.strictObject({
  /** The temporary password (not the email address). Left out, one is generated and returned once. */
  password: StaffPassword.optional(),
});
export type ResetStaffPasswordRequest = z.infer<typeof ResetStaffPasswordRequest>;

export const StaffPasswordReset = z.object({
  staff: StaffAccount,
  /** Only when no password was given: hand it to the person over a trusted channel. Shown this once. */
  temporaryPassword: z.string().nullable(),
});
export type StaffPasswordReset = z.infer<typeof StaffPasswordReset>;

export const UpdateStaffRequest = z
  .strictObject({
    version: z.number().int().positive(),
    displayName: z.string().trim().min(1).max(200).optional(),
    roles: Roles.optional(),
  })
  .refine((body) => body.displayName !== undefined || body.roles !== undefined, 'name displayName or roles to change');
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const ListStaff = defineRoute({
  method: 'get',
  path: '/staff',
  summary: 'Staff accounts, by email; search by email or name',
  tag: 'staff',
  access: { roles: ADMIN },
  query: ListStaffQuery,
  response: StaffPage,
});

export const CreateStaff = defineRoute({
  method: 'post',
  path: '/staff',
  summary: 'Create a staff account; the person enrols a TOTP authenticator at first login',
  tag: 'staff',
  access: { roles: ADMIN },
  body: CreateStaffRequest,
  response: CreatedStaff,
  status: 201,
  errors: ['ALREADY_EXISTS'],
});

export const UpdateStaff = defineRoute({
  method: 'patch',
  path: '/staff/{id}',
  summary: 'Change display name or roles',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  body: UpdateStaffRequest,
  response: StaffAccount,
  errors: ['NOT_FOUND', 'VERSION_CONFLICT', 'SELF_LOCKOUT'],
});

export const DisableStaff = defineRoute({
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
  method: 'post',
  path: '/staff/{id}/enable',
  summary: 'Enable a disabled account again (also lifts a lockout); revoked tokens stay revoked',
  tag: 'staff',
  access: { roles: ADMIN },
  params: StaffParams,
  response: StaffAccount,
  errors: ['NOT_FOUND'],
});

export const ResetStaffSecondFactor = defineRoute({
  method: 'post',
  path: '/staff/{id}/reset-second-factor',
  summary:
    'Forget the authenticator and recovery codes; the person enrols again at next login (logged-in session only)',
  tag: 'staff',
  // With a password reset this hands over the account: only a person at the keyboard, never a (leaked) token.
  access: { roles: ADMIN, session: 'interactive' },
  params: StaffParams,
  response: StaffAccount,
  errors: ['NOT_FOUND', 'INTERACTIVE_SESSION_REQUIRED', 'CSRF_TOKEN_INVALID'],
});

export const ResetStaffPassword = defineRoute({
  method: 'post',
  path: '/staff/{id}/reset-password',
  summary:
    'Set a temporary password for another account (not your own); ends its sessions, lifts a lockout, and the person must choose a new password at next login (logged-in session only)',
  tag: 'staff',
  // The answer can carry the new password: a token that could call this could take over any account.
  access: { roles: ADMIN, session: 'interactive' },
  params: StaffParams,
  body: ResetStaffPasswordRequest,
  response: StaffPasswordReset,
  errors: ['NOT_FOUND', 'OWN_PASSWORD_RESET', 'INTERACTIVE_SESSION_REQUIRED', 'CSRF_TOKEN_INVALID'],
});
