import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// argon2id with the library's defaults (19 MiB, 2 passes, 1 lane): OWASP's minimum recommendation for argon2id.
// Spelled out, so a change of default in the library cannot silently weaken new hashes.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * A hash of nothing anyone knows. Verifying against it when the email is unknown makes a wrong email cost the
 * same time as a wrong password, so response times do not tell which accounts exist.
 */
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('hex'));
  return dummy;
}

/** false for an unknown account (null hash) too, after the same amount of work. Never throws on a bad hash. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash?.startsWith('$argon2') ? passwordHash : await dummyHash();
  const ok = await verify(target, password).catch(() => false);
  return ok && target === passwordHash;
}

/** 32 characters that cannot be mistaken for one another (no 0/o, 1/l): 5 bits each, no modulo bias. */
export const READABLE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A temporary password for a new account: 120 bits, easy to read out. */
export function temporaryPassword(): string {
  const chars = Array.from(randomBytes(24), (byte) => READABLE_ALPHABET[byte % READABLE_ALPHABET.length]);
  return [0, 6, 12, 18].map((start) => chars.slice(start, start + 6).join('')).join('-');
}
