import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadTotpKey, totpKeyId, TotpSecretBox, totpSecretBox, TotpSecretUnreadable } from './totp-secret-box.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** What `open` threw, for asserting on its reason and key id. */
function unreadable(run: () => unknown): TotpSecretUnreadable {
  try {
    run();
  } catch (error) {
    if (error instanceof TotpSecretUnreadable) return error;
    throw error;
  }
  throw new Error('expected TotpSecretUnreadable, but the value opened');
}

/** Flips one bit of the ciphertext-and-tag part (the last one) of a sealed value. */
function tampered(sealed: string): string {
  const parts = sealed.split(':');
  const body = Buffer.from(parts.at(-1)!, 'base64url');
  body[0] = body[0]! ^ 1;
  return [...parts.slice(0, -1), body.toString('base64url')].join(':');
}

describe('TotpSecretBox', () => {
  const current = randomBytes(32);
  const previous = randomBytes(32);
  const box = new TotpSecretBox(current, [previous]);
  const staffId = randomUUID();

  it('seals under the current key into a v2 value naming its key id, not containing the secret, and opens it', () => {
    const sealed = box.seal(staffId, SECRET);
    expect(sealed).toMatch(new RegExp(`^v2:${totpKeyId(current)}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    expect(box.keyId).toBe(totpKeyId(current));
    expect(sealed).not.toContain(SECRET);
    expect(box.open(staffId, sealed)).toEqual({ secret: SECRET, state: 'current', keyId: box.keyId });
    expect(box.resealed(staffId, sealed)).toBeNull();
    // A fresh IV every time: the same secret never looks the same twice.
    expect(box.seal(staffId, SECRET)).not.toBe(sealed);
  });

  it('names a key by the first 4 bytes of its SHA-256, as `base64 -d | sha256sum | cut -c1-8` prints them', () => {
    expect(totpKeyId(Buffer.alloc(32, 0x11))).toBe('02d449a3');
    expect(box.keyIds).toEqual([totpKeyId(current), totpKeyId(previous)]);
  });

  it('opens a plain base32 secret from before encryption, says so, and seals it', () => {
    expect(box.open(staffId, SECRET)).toEqual({ secret: SECRET, state: 'plain', keyId: null });
    const sealed = box.resealed(staffId, SECRET)!;
    expect(box.open(staffId, sealed)).toEqual({ secret: SECRET, state: 'current', keyId: box.keyId });
  });

  it('opens a v1 value (sealed before keys had ids) under the current or a previous key, and asks for a reseal', () => {
    // Written by the v1 implementation under the key 0x11 × 32.
    const v1StaffId = '3f2b8a52-7c1e-4d93-9a0b-5e6f7a8b9c0d';
    const v1 = 'v1:v6X6lYnZ9HJAbDfV:Zm34Xy3yK8kWG-ocDvLexVUQ8Je4tmQjwwY-d7g_Hylfono1byoUbKgXv8fXCwwt';
    const old = Buffer.alloc(32, 0x11);
    for (const keys of [new TotpSecretBox(old), new TotpSecretBox(randomBytes(32), [randomBytes(32), old])]) {
      expect(keys.open(v1StaffId, v1)).toEqual({ secret: SECRET, state: 'stale', keyId: '02d449a3' });
      const resealed = keys.resealed(v1StaffId, v1)!;
      expect(resealed.startsWith(`v2:${keys.keyId}:`)).toBe(true);
      expect(keys.open(v1StaffId, resealed).state).toBe('current');
    }
    // No configured key opens it: the error cannot name a key, since v1 does not say which one it was.
    const error = unreadable(() => box.open(v1StaffId, v1));
    expect(error).toMatchObject({ reason: 'DOES_NOT_DECRYPT', keyId: null, staffId: v1StaffId });
    expect(error.message).toContain('TOTP_ENCRYPTION_KEYS_PREVIOUS');
    expect(unreadable(() => new TotpSecretBox(old).open(randomUUID(), v1)).reason).toBe('DOES_NOT_DECRYPT');
  });

  it('opens a value sealed under a previous key, reports it stale, and reseals it under the current key', () => {
    const sealedBefore = new TotpSecretBox(previous).seal(staffId, SECRET);
    expect(box.open(staffId, sealedBefore)).toEqual({ secret: SECRET, state: 'stale', keyId: totpKeyId(previous) });
    const resealed = box.resealed(staffId, sealedBefore)!;
    expect(resealed.startsWith(`v2:${box.keyId}:`)).toBe(true);
    expect(box.open(staffId, resealed)).toEqual({ secret: SECRET, state: 'current', keyId: box.keyId });
    // Once retired from the list, the old key opens nothing: the current key alone reads the resealed value.
    expect(new TotpSecretBox(current).open(staffId, resealed).secret).toBe(SECRET);
  });

  it('refuses a value whose key is not configured with an error naming the key id, never a key', () => {
    const gone = randomBytes(32);
    const sealed = new TotpSecretBox(gone).seal(staffId, SECRET);
    const error = unreadable(() => box.open(staffId, sealed));
    expect(error).toMatchObject({ reason: 'KEY_NOT_CONFIGURED', keyId: totpKeyId(gone), staffId });
    expect(error.message).toContain(totpKeyId(gone));
    for (const key of [gone, current, previous]) {
      expect(error.message).not.toContain(key.toString('base64'));
      expect(error.message).not.toContain(key.toString('hex'));
    }
    expect(() => box.resealed(staffId, sealed)).toThrow(TotpSecretUnreadable);
  });

  it('refuses a value sealed for another account, altered, relabelled with another key id, or cut short', () => {
    const sealed = box.seal(staffId, SECRET);
    expect(unreadable(() => box.open(randomUUID(), sealed))).toMatchObject({
      reason: 'DOES_NOT_DECRYPT',
      keyId: box.keyId,
    });
    expect(unreadable(() => box.open(staffId, tampered(sealed))).reason).toBe('DOES_NOT_DECRYPT');
    const relabelled = sealed.replace(box.keyId, totpKeyId(previous));
    expect(unreadable(() => box.open(staffId, relabelled)).reason).toBe('DOES_NOT_DECRYPT');
    const [version, keyId, iv] = sealed.split(':');
    expect(unreadable(() => box.open(staffId, `${version}:${keyId}:${iv}`)).reason).toBe('DAMAGED');
    expect(unreadable(() => box.open(staffId, `${sealed}:extra`)).reason).toBe('DAMAGED');
    expect(unreadable(() => box.open(staffId, sealed.replace(box.keyId, 'NOT-HEX!'))).reason).toBe('DAMAGED');
    expect(unreadable(() => box.open(staffId, 'v1:abc')).reason).toBe('DAMAGED');
    expect(unreadable(() => box.open(staffId, 'v3:abc:def')).reason).toBe('UNKNOWN_FORMAT');
    expect(unreadable(() => box.open(staffId, 'lowercase-secret')).reason).toBe('UNKNOWN_FORMAT');
  });

  it('refuses a previous key equal to the current one, a key listed twice, and keys of the wrong length', () => {
    expect(() => new TotpSecretBox(current, [Buffer.from(current)])).toThrow(/lists the current key/);
    expect(() => new TotpSecretBox(current, [previous, Buffer.from(previous)])).toThrow(/twice/);
    expect(() => new TotpSecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new TotpSecretBox(current, [randomBytes(31)])).toThrow(/32 bytes/);
  });

  it('opens what any configured key sealed, for any secret and account, and reseals only what is not current', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        fc.uuid(),
        fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 16, maxLength: 64 }),
        (raw, sealer, opener, id, secret) => {
          const keys = [...new Map(raw.map((bytes) => [totpKeyId(Buffer.from(bytes)), Buffer.from(bytes)])).values()];
          const sealedBy = keys[sealer % keys.length]!;
          const current = keys[opener % keys.length]!;
          const sealed = new TotpSecretBox(sealedBy).seal(id, secret);
          const rotated = new TotpSecretBox(
            current,
            keys.filter((key) => key !== current),
          );
          const opened = rotated.open(id, sealed);
          expect(opened).toEqual({
            secret,
            state: sealedBy === current ? 'current' : 'stale',
            keyId: totpKeyId(sealedBy),
          });
          const resealed = rotated.resealed(id, sealed);
          if (sealedBy === current) expect(resealed).toBeNull();
          else expect(new TotpSecretBox(current).open(id, resealed!)).toMatchObject({ secret, state: 'current' });
          // Without the key that sealed it, the value names that key in the refusal.
          if (keys.length > 1) {
            const without = keys.filter((key) => key !== sealedBy);
            expect(unreadable(() => new TotpSecretBox(without[0]!, without.slice(1)).open(id, sealed))).toMatchObject({
              reason: 'KEY_NOT_CONFIGURED',
              keyId: totpKeyId(sealedBy),
            });
          }
        },
      ),
      { numRuns: Math.min(Number(process.env.FC_NUM_RUNS ?? 200), 1000) },
    );
  });
});

describe('loadTotpKey and totpSecretBox', () => {
  it('uses TOTP_ENCRYPTION_KEY when set', () => {
    const key = randomBytes(32);
    expect(
      loadTotpKey({ NODE_ENV: 'production', STORAGE_DIR: '/nonexistent', TOTP_ENCRYPTION_KEY: key.toString('base64') }),
    ).toEqual(key);
  });

  it('seals with TOTP_ENCRYPTION_KEY and opens with TOTP_ENCRYPTION_KEYS_PREVIOUS too', () => {
    const [key, old] = [randomBytes(32), randomBytes(32)];
    const box = totpSecretBox({
      NODE_ENV: 'production',
      STORAGE_DIR: '/nonexistent',
      TOTP_ENCRYPTION_KEY: key.toString('base64'),
      TOTP_ENCRYPTION_KEYS_PREVIOUS: [old.toString('base64')],
    });
    expect(box.keyIds).toEqual([totpKeyId(key), totpKeyId(old)]);
    const staffId = randomUUID();
    expect(box.open(staffId, new TotpSecretBox(old).seal(staffId, SECRET)).state).toBe('stale');
  });

  it('outside production, creates one key per data folder, private to its owner, and keeps it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-totp-key-'));
    const first = loadTotpKey({ NODE_ENV: 'development', STORAGE_DIR: dir });
    expect(first).toHaveLength(32);
    expect(loadTotpKey({ NODE_ENV: 'test', STORAGE_DIR: dir })).toEqual(first);
    const file = path.join(dir, 'totp-encryption-key');
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('never generates one in production, nor when told not to (the reseal command)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-totp-key-'));
    expect(() => loadTotpKey({ NODE_ENV: 'production', STORAGE_DIR: dir })).toThrow(/TOTP_ENCRYPTION_KEY is required/);
    expect(() => loadTotpKey({ NODE_ENV: 'development', STORAGE_DIR: dir }, { create: false })).toThrow(
      /TOTP_ENCRYPTION_KEY is not set and .* does not exist/,
    );
  });
});
