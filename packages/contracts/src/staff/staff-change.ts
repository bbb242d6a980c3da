import { z } from 'zod';
import { StaffRole } from '../domain.js';

// Four eyes on account administration: a change that grants or restores access to Writ (a new account, more roles,
// enabling an account, a password or second-factor reset) is proposed by one admin and takes effect only when a
// different admin approves it. Changes that only take access away (disabling, removing roles) need no second pair
// of eyes: cutting access fast is the safer direction. (The routes: staff-changes.contract.ts and staff.contract.ts.)

export const StaffChangeKind = z.enum([
  'CREATE_ACCOUNT',
  'GRANT_ROLES',
  'ENABLE_ACCOUNT',
  'RESET_PASSWORD',
  'RESET_SECOND_FACTOR',
]);
export type StaffChangeKind = z.infer<typeof StaffChangeKind>;

/** EXPIRED: still PENDING STAFF_CHANGE_TTL_HOURS (default 72) after it was proposed; it can no longer be approved. */
export const StaffChangeStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED']);
export type StaffChangeStatus = z.infer<typeof StaffChangeStatus>;

/** What the change would set. Never a password: one is generated at approval and shown once, to the approver. */
export const StaffChangeProposal = z.object({
  /** CREATE_ACCOUNT: the new account's email. */
  email: z.string().optional(),
  /** CREATE_ACCOUNT: the new account's name; GRANT_ROLES: a new name, when the same PATCH named one. */
  displayName: z.string().optional(),
  /** CREATE_ACCOUNT and GRANT_ROLES: every role the account would hold. */
  roles: z.array(StaffRole).optional(),
  /** GRANT_ROLES: the roles it adds. */
  rolesAdded: z.array(StaffRole).optional(),
});
export type StaffChangeProposal = z.infer<typeof StaffChangeProposal>;

export const StaffChange = z.object({
  id: z.uuid(),
  kind: StaffChangeKind,
  /** The account it changes; for CREATE_ACCOUNT null until the approval creates it. */
  staffId: z.uuid().nullable(),
  proposed: StaffChangeProposal,
  /** The account's version when proposed: the approval is refused (STAFF_CHANGE_STALE) if an admin changed it since. */
  targetVersion: z.number().int().nullable(),
  status: StaffChangeStatus,
  proposedBy: z.uuid(),
  proposedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The admin who approved or rejected it; null while pending, and after a cancellation or expiry. */
  decidedBy: z.uuid().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  /** Why it was rejected or cancelled. */
  reason: z.string().nullable(),
});
export type StaffChange = z.infer<typeof StaffChange>;
