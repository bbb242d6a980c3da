import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTotpKey, TotpSecretBox } from './totp-secret-box.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('TotpSecretBox', () => {
  const box = new TotpSecretBox(randomBytes(32));
  const staffId = randomUUID();

  it('seals a secret into a versioned value that does not contain it, and opens it again', () => {
    const sealed = box.seal(staffId, SECRET);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(box.open(staffId, sealed)).toBe(SECRET);
    expect(box.isPlain(sealed)).toBe(false);
    // A fresh IV every time: the same secret never looks the same twice.
    expect(box.seal(staffId, SECRET)).not.toBe(sealed);
  });

  it('opens a plain base32 secret from before encryption and says it is one', () => {
    expect(box.open(staffId, SECRET)).toBe(SECRET);
    expect(box.isPlain(SECRET)).toBe(true);
  });

  it('refuses a value sealed for another account, under another key, or altered', () => {
    const sealed = box.seal(staffId, SECRET);
    expect(() => box.open(randomUUID(), sealed)).toThrow(/does not decrypt/);
    expect(() => new TotpSecretBox(randomBytes(32)).open(staffId, sealed)).toThrow(/does not decrypt/);
    const [version, iv, body] = sealed.split(':') as [string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open(staffId, `${version}:${iv}:${flipped.toString('base64url')}`)).toThrow(/does not decrypt/);
    expect(() => box.open(staffId, `${version}:${iv}`)).toThrow(/damaged/);
    expect(() => box.open(staffId, 'v2:abc:def')).toThrow(/unknown format/);
  });
});

describe('loadTotpKey', () => {
  it('uses TOTP_ENCRYPTION_KEY when set', () => {
    const key = randomBytes(32);
    expect(
      loadTotpKey({ NODE_ENV: 'production', STORAGE_DIR: '/nonexistent', TOTP_ENCRYPTION_KEY: key.toString('base64') }),
    ).toEqual(key);
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

  it('never generates one in production', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-totp-key-'));
    expect(() => loadTotpKey({ NODE_ENV: 'production', STORAGE_DIR: dir })).toThrow(/TOTP_ENCRYPTION_KEY is required/);
  });
});
