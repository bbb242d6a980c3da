import type { StaffAccount, StaffRole } from '@writ/contracts';

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

/** Opaque page cursor: the last email of the previous page (emails are unique and the sort key). */
export function encodeCursor(email: string): string {
  return Buffer.from(email, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | null {
  const email = Buffer.from(cursor, 'base64url').toString('utf8');
  return email.includes('@') && encodeCursor(email) === cursor ? email : null;
}
