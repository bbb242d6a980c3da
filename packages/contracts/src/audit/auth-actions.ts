import { z } from 'zod';
import { Id, Iso, Text, defineAction } from './define-action.js';

const Counts = z.record(z.string(), z.number().int());

export const AUTH_ACTIONS = {
  'auth.login_failed': defineAction({
    subject: 'staff',
    summary:
      'A login step failed. A wrong password looks the same for known and unknown emails: no subject; the email, the reason and any lock it started only as commitments.',
    details: z.strictObject({ reason: z.string().optional() }),
    personal: z.strictObject({ email: Text.optional(), reason: Text.optional(), heldUntil: Text.optional() }),
  }),
  'auth.password_accepted': defineAction({
    subject: 'staff',
    summary: 'The password was right; the session can now only pass the second factor (or enrol one).',
    details: z.strictObject({ next: z.string() }),
  }),
  'auth.login_succeeded': defineAction({
    subject: 'staff',
    summary: 'The second factor was passed and a full session opened.',
    details: z.strictObject({
      method: z.enum(['TOTP', 'RECOVERY_CODE', 'TOTP_ENROLMENT']),
      totpTimeStep: z.number().int().optional(),
      recoveryCodesLeft: z.number().int().optional(),
    }),
  }),
  'auth.logout': defineAction({ subject: 'staff', summary: 'A session was ended by its owner.' }),
  'auth.totp_enrolment_started': defineAction({
    subject: 'staff',
    summary: 'An authenticator enrolment began (the secret is never logged).',
  }),
  'auth.totp_enrolled': defineAction({
    subject: 'staff',
    summary: 'An authenticator was enrolled and recovery codes issued.',
    details: z.strictObject({ recoveryCodesIssued: z.number().int() }),
  }),
  'auth.account_locked': defineAction({
    subject: 'staff',
    summary: 'An account was locked after repeated failures.',
    details: z.strictObject({ lockedUntil: Iso, after: z.string() }),
  }),
  'auth.password_changed': defineAction({
    subject: 'staff',
    summary: 'A person changed their own password; their other sessions ended.',
    details: z.strictObject({ requiredByAdmin: z.boolean(), otherSessionsEnded: z.number().int() }),
  }),
  'auth.password_change_failed': defineAction({
    subject: 'staff',
    summary: 'A password change gave the wrong current password.',
    details: z.strictObject({ reason: z.string() }),
  }),
  'auth.token_created': defineAction({
    subject: 'api_token',
    summary: 'An API token was created with some of its owner’s roles and an expiry.',
    details: z.strictObject({ roles: z.array(z.string()), expiresAt: Iso }),
  }),
  'auth.token_revoked': defineAction({ subject: 'api_token', summary: 'An API token was revoked.' }),
  'auth.totp_secret_batch_resealed': defineAction({
    subject: 'staff',
    summary: 'A batch of TOTP secrets was sealed again under the current key (npm run totp:reseal).',
    details: z.strictObject({
      keyId: z.string(),
      plainSealed: z.number().int(),
      resealed: z.number().int(),
      resealedFrom: Counts,
      staffIds: z.array(Id),
    }),
  }),
  'auth.totp_secrets_resealed': defineAction({
    subject: 'staff',
    summary: 'A run of npm run totp:reseal ended; counts and key ids only.',
    details: z.strictObject({
      completed: z.boolean(),
      keyId: z.string(),
      previousKeyIds: z.array(z.string()),
      read: z.number().int(),
      plainSealed: z.number().int(),
      resealed: z.number().int(),
      resealedFrom: Counts,
      alreadyCurrent: z.number().int(),
      changedMeanwhile: z.number().int(),
      failed: z.number().int(),
      failedBy: Counts,
    }),
  }),
};
