import type { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { Tx } from '../database/prisma.service.js';

/** Consecutive failed passwords or second factors before the account locks. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * Counts one failed password or second factor, atomically (two parallel guesses cannot both slip under the
 * limit). The failure that reaches the limit locks the account and restarts the count. Returns the lock's end
 * when this failure locked it. updated_at and version are left alone: they track changes an admin makes.
 */
export async function registerFailure(tx: Tx, staffId: string, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + LOCKOUT_MS);
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`
    UPDATE staff
       SET failed_logins = CASE WHEN failed_logins + 1 >= ${MAX_FAILED_ATTEMPTS} THEN 0 ELSE failed_logins + 1 END,
           locked_until  = CASE WHEN failed_logins + 1 >= ${MAX_FAILED_ATTEMPTS} THEN ${until}::timestamptz ELSE locked_until END
     WHERE id = ${staffId}::uuid
 RETURNING locked_until IS NOT DISTINCT FROM ${until}::timestamptz AS locked`;
  return rows[0]?.locked ? until : null;
}

/** A full login (password and second factor) wipes the slate. */
export async function clearFailures(tx: Tx, staffId: string): Promise<void> {
  await tx.$executeRaw`UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ${staffId}::uuid`;
}

export function isLocked(lockedUntil: Date | null, now: Date): lockedUntil is Date {
  return lockedUntil !== null && lockedUntil > now;
}

export function accountLocked(until: Date): AppError {
  return new AppError(
    'ACCOUNT_LOCKED',
    `Too many failed attempts: this account is locked until ${until.toISOString()}. Try again then, or ask an admin.`,
    { lockedUntil: until.toISOString() },
  );
}

/**
 * The failure that locked the account is in the log, and the session that was guessing (if any) ends with it:
 * after the lock, the password is needed again. Returns the error to answer.
 */
export async function recordLock(
  tx: Tx,
  audit: AuditService,
  lock: { staffId: string; until: Date; after: string; sessionHash?: string | undefined; now: Date },
): Promise<AppError> {
  if (lock.sessionHash) {
    await tx.session.updateMany({
      where: { tokenHash: lock.sessionHash, revokedAt: null },
      data: { revokedAt: lock.now },
    });
  }
  await audit.record(tx, {
    actor: { system: 'auth' },
    action: 'auth.account_locked',
    subjectType: 'staff',
    subjectId: lock.staffId,
    details: { lockedUntil: lock.until.toISOString(), after: lock.after },
  });
  return accountLocked(lock.until);
}
