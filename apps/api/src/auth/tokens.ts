import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../common/index.js';

export const SESSION_COOKIE = 'writ_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'writ_';

const MINUTE = 60_000;
/** A session that has passed the password but not the second factor has this long to finish. */
export const PRE_MFA_SESSION_TTL_MS = 10 * MINUTE;
/** Absolute lifetime of a full session, counted from the second factor. */
export const SESSION_TTL_MS = 12 * 60 * MINUTE;
/** A session unused for this long is dead (rolling idle timeout). */
export const SESSION_IDLE_MS = 30 * MINUTE;
/** lastSeenAt / lastUsedAt are written at most this often, not on every request. */
export const TOUCH_INTERVAL_MS = MINUTE;

/** 256 bits from the CSPRNG, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only hashes of bearer secrets are stored: a database leak must not hand out live sessions. */
export function hashSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Compares two secrets without leaking, through timing, how much of a guess was right. */
export function sameSecret(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false;
  return timingSafeEqual(
    createHash('sha256').update(presented).digest(),
    createHash('sha256').update(expected).digest(),
  );
}
