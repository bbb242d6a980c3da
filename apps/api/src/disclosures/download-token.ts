import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../common/index.js';

/**
 * A one-time link's token: `<disclosure id>.<32 random bytes, base64url>`. The id finds the package; the secret is
 * stored only as its SHA-256, and compared in constant time, so neither the database nor the timing of an answer
 * gives it away.
 */
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function newDownloadToken(disclosureId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${disclosureId}.${secret}`, hash: secretHash(secret) };
}

/** null for anything that is not a token's shape (a truncated or mangled link). */
export function parseDownloadToken(token: string): { disclosureId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { disclosureId: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string | null): boolean {
  // Compared even when there is no stored hash, so that case takes as long as a wrong secret.
  const expected = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(secretHash(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== null;
}

function secretHash(secret: string): string {
  return sha256Hex(secret);
}
