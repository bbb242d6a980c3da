import type { StaffAccount, StaffRole } from '@writ/contracts';
import { z } from 'zod';
import { cursorText, keysetCursor } from '../common/index.js';

interface StaffRow {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  totpEnrolledAt: Date | null;
  recoveryCodeHashes: string[];
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The admin's view of an account: never a hash or a secret. */
export function staffAccount(row: StaffRow, now = new Date()): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles as StaffRole[],
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
