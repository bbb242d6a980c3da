import type { AuditService } from '../audit/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';

/** Consecutive failed passwords or second factors before the account is held back. */
export const MAX_FAILED_ATTEMPTS = 5;
/** The first hold lasts this long; each further failure after it doubles the next one, up to LOCKOUT_MAX_MS. */
export const LOCKOUT_BASE_MS = 30_000;
export const LOCKOUT_MAX_MS = 15 * 60_000;

/**
 * Counts one failed password or second factor, atomically (two parallel guesses cannot both slip under the
 * limit). From the MAX_FAILED_ATTEMPTS-th failure in a row, each failure holds the account back for a delay that
 * doubles with every further one (30 s, 1 min, 2 min … 15 min): someone mistyping waits seconds, a guesser ever
 * longer, and anyone who merely knows an email cannot shut its owner out for long. Attempts during a hold are not
 * counted (they are refused before the password is weighed). Returns the hold's end when this failure started
 * one. updated_at and version are left alone: they track changes an admin makes.
 */
export async function registerFailure(tx: Tx, staffId: string, now: Date): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ until: Date | null }[]>`
    UPDATE staff
       SET failed_logins = failed_logins + 1,
           locked_until  = CASE WHEN failed_logins + 1 >= ${MAX_FAILED_ATTEMPTS}
                                THEN ${now}::timestamptz + make_interval(secs => LEAST(
                                       ${LOCKOUT_MAX_MS / 1000}::float8,
                                       ${LOCKOUT_BASE_MS / 1000}::float8 * power(2, LEAST(failed_logins + 1 - ${MAX_FAILED_ATTEMPTS}, 30))))
                                ELSE locked_until END
     WHERE id = ${staffId}::uuid
 RETURNING CASE WHEN failed_logins >= ${MAX_FAILED_ATTEMPTS} THEN locked_until END AS until`;
  return rows[0]?.until ?? null;
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
