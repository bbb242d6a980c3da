import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../config/env.js';

/**
 * TOTP secrets at rest. Unlike a password, a TOTP secret must be readable to check a code, so it cannot be hashed:
 * it is encrypted with AES-256-GCM under a key that lives outside the database (TOTP_ENCRYPTION_KEY), so a copy of
 * the database (a backup, a replica, a SQL injection) does not hand out everyone's second factor.
 *
 * Stored form: `v1:<12-byte IV, base64url>:<ciphertext + 16-byte tag, base64url>`. The version names the format
 * and key, so a later key rotation can tell old values from new. The staff id is bound in as associated data:
 * a ciphertext copied into another account's row does not decrypt there. Rows from before encryption hold the
 * plain base32 secret; those still work and are re-encrypted the next time the second factor succeeds.
 */
const VERSION = 'v1';
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, random, fine for far fewer than 2^32 encryptions per key
const TAG_BYTES = 16;
const BASE32 = /^[A-Z2-7]+=*$/;

export class TotpSecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes');
  }

  seal(staffId: string, secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(staffId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
  }

  /** A secret stored in the clear, from before encryption: to be sealed at its next use. Never throws. */
  isPlain(stored: string): boolean {
    return BASE32.test(stored);
  }

  /** Throws when the value is neither: a server fault (wrong key, damaged row), not the caller's. */
  open(staffId: string, stored: string): string {
    const [version, iv, sealed, ...rest] = stored.split(':');
    if (version !== VERSION) {
      if (this.isPlain(stored)) return stored;
      throw new Error(`The TOTP secret of staff ${staffId} is stored in an unknown format.`);
    }
    const ivBytes = Buffer.from(iv ?? '', 'base64url');
    const bytes = Buffer.from(sealed ?? '', 'base64url');
    if (rest.length > 0 || ivBytes.length !== IV_BYTES || bytes.length <= TAG_BYTES) {
      throw new Error(`The TOTP secret of staff ${staffId} is damaged.`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, ivBytes, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(staffId));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const secret = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
      return secret.toString('utf8');
    } catch (error) {
      throw new Error(
        `The TOTP secret of staff ${staffId} does not decrypt with the configured TOTP_ENCRYPTION_KEY (without it: ` +
          'the key file in STORAGE_DIR). Restore the key it was stored with, or have an admin reset the second factor.',
        { cause: error },
      );
    }
  }
}

function associatedData(staffId: string): Buffer {
  return Buffer.from(`writ:totp-secret:${VERSION}:${staffId}`, 'utf8');
}

/**
 * TOTP_ENCRYPTION_KEY, or in development and tests one key per data folder, created on first start and kept
 * (the same arrangement as the log's signing key; env.ts refuses to start production without the variable).
 */
export function loadTotpKey(env: Pick<Env, 'NODE_ENV' | 'STORAGE_DIR' | 'TOTP_ENCRYPTION_KEY'>): Buffer {
  if (env.TOTP_ENCRYPTION_KEY) return Buffer.from(env.TOTP_ENCRYPTION_KEY, 'base64');
  if (env.NODE_ENV === 'production') {
    throw new Error('TOTP_ENCRYPTION_KEY is required in production: 32 random bytes, base64');
  }
  const file = path.resolve(env.STORAGE_DIR, 'totp-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': two processes starting on one data folder must not each write a different key.
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) {
    throw new Error(
      `${file} does not hold a 32-byte base64 key (deleting it makes a new one; enrolled authenticators then need a reset)`,
    );
  }
  return key;
}
