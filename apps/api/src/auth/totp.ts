import { verify as verifyHash } from '@node-rs/argon2';
import { generateSecret, generateURI, verify } from 'otplib';
import { randomBytes } from 'node:crypto';
import { hashPassword, READABLE_ALPHABET } from './passwords.js';

/** RFC 6238 defaults, which every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'Writ';
export const RECOVERY_CODE_COUNT = 10;

/** 160-bit secret (RFC 4226 §4 recommends at least 128, 160 is the SHA-1 block size), base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, account: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret, period: TOTP_PERIOD_SECONDS });
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ''));
}

/**
 * The time step the code belongs to, or null when it is wrong. One step either side is accepted for clock drift.
 * A code whose step is not after `afterTimeStep` is refused even when it is right: RFC 6238 §5.2 forbids accepting
 * the same code twice.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  afterTimeStep: number | null,
  now = new Date(),
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code.replace(/\s+/g, ''),
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  }).catch(() => ({ valid: false as const }));
  // The TOTP strategy always reports the matching step; the union type also covers HOTP, which does not.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Recovery codes look like "k7m2p-xq9rt": 50 bits each, no look-alike characters, never 6 digits. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(randomBytes(10), (byte) => READABLE_ALPHABET[byte % READABLE_ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a person types a recovery code. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

export function hashRecoveryCode(code: string): Promise<string> {
  return hashPassword(normaliseRecoveryCode(code));
}

/** The stored hash the code matches, or null. */
export async function matchRecoveryCode(code: string, hashes: readonly string[]): Promise<string | null> {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[a-z0-9]{10}$/.test(normalised)) return null;
  for (const stored of hashes) {
    if (await verifyHash(stored, normalised).catch(() => false)) return stored;
  }
  return null;
}
