import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'writ_session';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'writ_';

/** 256 bits from the CSPRNG, URL-safe. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only hashes of bearer secrets are stored: a database leak must not hand out live sessions. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
