import { z } from 'zod';
import { Change, Id, Iso, Text, defineAction } from './define-action.js';

/** Effects applied on a second admin's approval name the change and its proposer. */
const Approved = { changeId: Id.optional(), proposedBy: Id.optional() };
const Ended = { sessionsEnded: z.number().int(), tokensRevoked: z.number().int() };

export const STAFF_ACTIONS = {
  'staff.created': defineAction({
    subject: 'staff',
    summary: 'A staff account was created (on a second admin’s approval) with a temporary password.',
    details: z.strictObject({ roles: z.array(z.string()), temporaryPassword: z.boolean(), ...Approved }),
    personal: z.strictObject({ email: Text, displayName: Text }),
  }),
  'staff.updated': defineAction({
    subject: 'staff',
    summary: 'A staff account’s roles or display name changed.',
    details: z.strictObject({
      version: z.number().int(),
      roles: Change(z.array(z.string())).optional(),
      displayNameChanged: z.boolean(),
      /** Tokens carrying a removed role are revoked, so a later grant cannot revive them. */
      tokensRevoked: z.number().int().optional(),
      ...Approved,
    }),
    personal: z.strictObject({ displayName: Text.optional() }),
  }),
  'staff.disabled': defineAction({
    subject: 'staff',
    summary: 'A staff account was disabled; its sessions and tokens ended.',
    details: z.strictObject(Ended),
  }),
  'staff.enabled': defineAction({
    subject: 'staff',
    summary: 'A staff account was enabled again (on a second admin’s approval), lifting any lock.',
    details: z.strictObject({ wasDisabled: z.boolean(), wasLocked: z.boolean(), ...Approved }),
  }),
  'staff.password_reset': defineAction({
    subject: 'staff',
    summary: 'A staff password was reset (on a second admin’s approval); sessions and tokens ended.',
    details: z.strictObject({ generated: z.boolean(), wasLocked: z.boolean(), ...Ended, ...Approved }),
  }),
  'staff.second_factor_reset': defineAction({
    subject: 'staff',
    summary: 'A staff second factor was reset (on a second admin’s approval); sessions and tokens ended.',
    details: z.strictObject({ ...Ended, ...Approved }),
  }),
  'staff_change.proposed': defineAction({
    subject: 'staff_change',
    summary: 'An admin proposed a change that grants or restores access; it waits for a second admin.',
    details: z.strictObject({
      kind: z.string(),
      staffId: Id.nullable(),
      targetVersion: z.number().int().nullable(),
      roles: z.array(z.string()).optional(),
      rolesAdded: z.array(z.string()).optional(),
      expiresAt: Iso,
    }),
    personal: z.strictObject({ email: Text.optional(), displayName: Text.optional() }),
  }),
  'staff_change.approved': defineAction({
    subject: 'staff_change',
    summary: 'A second admin approved a staff change, which was applied.',
    details: z.strictObject({ kind: z.string(), staffId: Id, proposedBy: Id, ...Ended }),
  }),
  'staff_change.rejected': defineAction({
    subject: 'staff_change',
    summary: 'A staff change was rejected with a reason.',
    details: z.strictObject({ kind: z.string(), staffId: Id.nullable(), proposedBy: Id }),
    personal: z.strictObject({ reason: Text }),
  }),
  'staff_change.cancelled': defineAction({
    subject: 'staff_change',
    summary: 'A staff change was cancelled by its proposer.',
    details: z.strictObject({ kind: z.string(), staffId: Id.nullable() }),
    personal: z.strictObject({ reason: Text.optional() }),
  }),
  'staff_change.expired': defineAction({
    subject: 'staff_change',
    summary: 'A staff change was not approved in time and expired.',
    details: z.strictObject({ kind: z.string(), staffId: Id.nullable(), proposedBy: Id }),
  }),
};
