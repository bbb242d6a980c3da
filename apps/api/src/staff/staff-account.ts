import type { StaffAccount } from '@writ/contracts';
import { z } from 'zod';
import { cursorText, keysetCursor } from '../common/index.js';
import type { Staff } from '../generated/prisma/client.js';

/** An account's columns but the secrets: the view never sees a password hash or a TOTP secret. */
type StaffRow = Omit<Staff, 'passwordHash' | 'totpSecret' | 'failedLogins'>;

/** The admin's view of an account: never a hash or a secret. */
export function staffAccount(row: StaffRow, now = new Date()): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    secondFactorEnrolled: row.totpEnrolledAt !== null,
    recoveryCodesLeft: row.recoveryCodeHashes.length,
    passwordChangeRequired: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

/** Page cursor: the last email of the previous page (emails are unique and the sort key). */
const cursor = keysetCursor(z.tuple([cursorText(320)]));

export function encodeCursor(email: string): string {
  return cursor.encode([email]);
}

export function decodeCursor(value: string): string {
  return cursor.decode(value)[0];
}
