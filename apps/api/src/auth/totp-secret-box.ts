import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../config/index.js';

/**
 * TOTP secrets at rest. Unlike a password, a TOTP secret must be readable to check a code, so it cannot be hashed:
 * it is encrypted with AES-256-GCM under a key that lives outside the database (TOTP_ENCRYPTION_KEY), so a copy of
 * the database (a backup, a replica, a SQL injection) does not hand out everyone's second factor.
 *
 * Stored forms:
 * - `v2:<key id>:<12-byte IV, base64url>:<ciphertext + 16-byte tag, base64url>`, what `seal` writes. The key id
 *   (`totpKeyId`) names the key without revealing it, so that after a rotation the current key seals and the
 *   previous ones (TOTP_ENCRYPTION_KEYS_PREVIOUS) still open what they sealed.
 * - `v1:<IV>:<ciphertext + tag>`, from before rotation: it does not say which key sealed it, so every configured
 *   key is tried, the current one first.
 * - the plain base32 secret, from before encryption.
 * The staff id (and in v2 the key id) is bound in as associated data: a ciphertext copied into another account's
 * row does not decrypt there. Anything but v2 under the current key is sealed again at the next successful login
 * (second-factor.service.ts) or by `npm run totp:reseal`.
 */
const V1 = 'v1';
const V2 = 'v2';
const IV_BYTES = 12; // NIST SP 800-38D §8.2: 96-bit IVs, random, fine for far fewer than 2^32 encryptions per key
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE32 = /^[A-Z2-7]+=*$/;
const KEY_ID = /^[0-9a-f]{8}$/;

/**
 * The first 4 bytes of SHA-256(key), in hex: `printf %s "$KEY" | base64 -d | sha256sum | cut -c1-8` gives the same,
 * so an operator can tell which key a log line or a stored value names. It reveals nothing usable about a random
 * 256-bit key.
 */
export function totpKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** How a stored value was kept: `current` needs nothing; `plain` and `stale` (v1, or a previous key) are resealed. */
export type TotpSecretState = 'plain' | 'stale' | 'current';

export interface OpenedTotpSecret {
  secret: string;
  state: TotpSecretState;
  /** The key that opened it; null for a plain secret. */
  keyId: string | null;
}

export type UnreadableReason = 'KEY_NOT_CONFIGURED' | 'DOES_NOT_DECRYPT' | 'DAMAGED' | 'UNKNOWN_FORMAT';

/** A stored secret that none of the configured keys opens: a server fault (key missing, damaged row), not the caller's. */
export class TotpSecretUnreadable extends Error {
  constructor(
    readonly staffId: string,
    readonly reason: UnreadableReason,
    /** The key the value names (v2), or null when it does not say (v1, damaged, unknown format). */
    readonly keyId: string | null,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'TotpSecretUnreadable';
  }
}

export class TotpSecretBox {
  /** Id of the key that seals. */
  readonly keyId: string;
  /** Every configured key by id, the current one first: the order v1 values are tried in. */
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    if (current.length !== KEY_BYTES) throw new Error('TOTP_ENCRYPTION_KEY must be 32 bytes');
    this.keyId = totpKeyId(current);
    this.keys.set(this.keyId, current);
    for (const key of previous) {
      if (key.length !== KEY_BYTES) throw new Error('each key in TOTP_ENCRYPTION_KEYS_PREVIOUS must be 32 bytes');
      const id = totpKeyId(key);
      const known = this.keys.get(id);
      if (known?.equals(current)) {
        throw new Error(`TOTP_ENCRYPTION_KEYS_PREVIOUS lists the current key (key id ${id}): list only retired keys`);
      }
      if (known?.equals(key)) throw new Error(`TOTP_ENCRYPTION_KEYS_PREVIOUS lists key ${id} twice`);
      // 1 in 2^32 per pair: replace one key rather than guess which a stored value means.
      if (known) throw new Error(`two TOTP encryption keys share the key id ${id}: replace one of them`);
      this.keys.set(id, key);
    }
  }

  /** Every configured key id, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(staffId: string, secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(staffId, this.keyId));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${V2}:${this.keyId}:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
  }

  /** Throws TotpSecretUnreadable when no configured key opens the value. */
  open(staffId: string, stored: string): OpenedTotpSecret {
    const parts = stored.split(':');
    if (parts[0] === V2) return this.openV2(staffId, parts);
    if (parts[0] === V1) return this.openV1(staffId, parts);
    if (BASE32.test(stored)) return { secret: stored, state: 'plain', keyId: null };
    throw new TotpSecretUnreadable(
      staffId,
      'UNKNOWN_FORMAT',
      null,
      `The TOTP secret of staff ${staffId} is stored in an unknown format. Have an admin reset the second factor.`,
    );
  }

  /** The value to store instead of `stored`, sealed under the current key; null when it already is. */
  resealed(staffId: string, stored: string): string | null {
    const opened = this.open(staffId, stored);
    return opened.state === 'current' ? null : this.seal(staffId, opened.secret);
  }

  private openV2(staffId: string, parts: string[]): OpenedTotpSecret {
    const [, keyId = '', iv, sealed, ...rest] = parts;
    const bytes = decodeParts(iv, sealed);
    if (!KEY_ID.test(keyId) || !bytes || rest.length > 0) throw damaged(staffId);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new TotpSecretUnreadable(
        staffId,
        'KEY_NOT_CONFIGURED',
        keyId,
        `The TOTP secret of staff ${staffId} is sealed under key ${keyId}, which is configured neither as ` +
          'TOTP_ENCRYPTION_KEY nor in TOTP_ENCRYPTION_KEYS_PREVIOUS. Add that key to TOTP_ENCRYPTION_KEYS_PREVIOUS, ' +
          'or have an admin reset the second factor.',
      );
    }
    const secret = decrypt(key, bytes, associatedData(staffId, keyId));
    if (secret === null) {
      throw new TotpSecretUnreadable(
        staffId,
        'DOES_NOT_DECRYPT',
        keyId,
        `The TOTP secret of staff ${staffId} does not decrypt under its key ${keyId}: it was altered or belongs to ` +
          'another account. Have an admin reset the second factor.',
      );
    }
    return { secret, state: keyId === this.keyId ? 'current' : 'stale', keyId };
  }

  private openV1(staffId: string, parts: string[]): OpenedTotpSecret {
    const [, iv, sealed, ...rest] = parts;
    const bytes = decodeParts(iv, sealed);
    if (!bytes || rest.length > 0) throw damaged(staffId);
    for (const [keyId, key] of this.keys) {
      const secret = decrypt(key, bytes, associatedData(staffId));
      if (secret !== null) return { secret, state: 'stale', keyId };
    }
    throw new TotpSecretUnreadable(
      staffId,
      'DOES_NOT_DECRYPT',
      null,
      `The TOTP secret of staff ${staffId} (format v1, which does not name its key) does not decrypt under any ` +
        `configured key (${this.keyIds.join(', ')}). Add the key it was sealed with to TOTP_ENCRYPTION_KEYS_PREVIOUS ` +
        '(without TOTP_ENCRYPTION_KEY, the current key is the key file in STORAGE_DIR), or have an admin reset the ' +
        'second factor.',
    );
  }
}

function damaged(staffId: string): TotpSecretUnreadable {
  return new TotpSecretUnreadable(
    staffId,
    'DAMAGED',
    null,
    `The TOTP secret of staff ${staffId} is damaged. Have an admin reset the second factor.`,
  );
}

function decodeParts(iv: string | undefined, sealed: string | undefined): { iv: Buffer; sealed: Buffer } | null {
  const ivBytes = Buffer.from(iv ?? '', 'base64url');
  const sealedBytes = Buffer.from(sealed ?? '', 'base64url');
  if (ivBytes.length !== IV_BYTES || sealedBytes.length <= TAG_BYTES) return null;
  return { iv: ivBytes, sealed: sealedBytes };
}

/** The plaintext, or null when the tag does not verify (wrong key, wrong account, altered bytes). */
function decrypt(key: Buffer, bytes: { iv: Buffer; sealed: Buffer }, aad: Buffer): string | null {
  const { iv, sealed } = bytes;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}

/** v1 bound the staff id; v2 binds the key id as well. */
function associatedData(staffId: string, keyId?: string): Buffer {
  const label = keyId === undefined ? `${V1}:${staffId}` : `${V2}:${keyId}:${staffId}`;
  return Buffer.from(`writ:totp-secret:${label}`, 'utf8');
}

type KeyEnv = Pick<Env, 'NODE_ENV' | 'STORAGE_DIR' | 'TOTP_ENCRYPTION_KEY'> & {
  TOTP_ENCRYPTION_KEYS_PREVIOUS?: readonly string[];
};

/** The box for this environment: the current key (see loadTotpKey) seals, TOTP_ENCRYPTION_KEYS_PREVIOUS only open. */
export function totpSecretBox(env: KeyEnv, options: { create?: boolean } = {}): TotpSecretBox {
  const previous = (env.TOTP_ENCRYPTION_KEYS_PREVIOUS ?? []).map((key) => Buffer.from(key, 'base64'));
  return new TotpSecretBox(loadTotpKey(env, options), previous);
}

/**
 * TOTP_ENCRYPTION_KEY, or in development and tests one key per data folder, created on first start (unless
 * `create` is false) and kept (the same arrangement as the log's signing key; env.ts refuses to start production
 * without the variable).
 */
export function loadTotpKey(env: KeyEnv, { create = true }: { create?: boolean } = {}): Buffer {
  if (env.TOTP_ENCRYPTION_KEY) return Buffer.from(env.TOTP_ENCRYPTION_KEY, 'base64');
  if (env.NODE_ENV === 'production') {
    throw new Error('TOTP_ENCRYPTION_KEY is required in production: 32 random bytes, base64');
  }
  const file = path.resolve(env.STORAGE_DIR, 'totp-encryption-key');
  if (!existsSync(file)) {
    if (!create) {
      throw new Error(
        `TOTP_ENCRYPTION_KEY is not set and ${file} does not exist: set the key the API uses (or STORAGE_DIR to its data folder)`,
      );
    }
    mkdirSync(path.dirname(file), { recursive: true });
    // 'wx': two processes starting on one data folder must not each write a different key.
    try {
      writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(
      `${file} does not hold a 32-byte base64 key (deleting it makes a new one; enrolled authenticators then need a reset)`,
    );
  }
  return key;
}
