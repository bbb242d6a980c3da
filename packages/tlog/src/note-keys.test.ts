import { createHash, createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import { FormatError } from './errors.js';
import {
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  keyId,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFromSigner,
} from './note-keys.js';

// The example key pair of golang.org/x/mod/sumdb/note (its documentation and tests), for interoperability.
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

/** Ed25519 public key from a 32-byte seed, computed with node:crypto (independent of @noble). */
function nodePublicKey(seed: Uint8Array): Uint8Array {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const der = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
  return der.subarray(der.length - 32);
}

describe('key IDs', () => {
  it('are the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), computed by hand', () => {
    const publicKey = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from('PeterNeumann\n'), Buffer.from([0x01]), publicKey]))
      .digest();
    expect(digest.subarray(0, 4).toString('hex')).toBe('c74f20a3');
    expect(keyId('PeterNeumann', publicKey)).toBe(0xc74f20a3);
  });
});

describe('verifier and signer keys', () => {
  it('parse the Go reference key pair, and derive the same verifier key from the signer key', () => {
    const v = parseVerifierKey(GO_VKEY);
    expect(v.name).toBe('PeterNeumann');
    expect(v.keyId).toBe(0xc74f20a3);
    expect(parseSignerKey(GO_SKEY).keyId).toBe(0xc74f20a3);
    expect(verifierKeyFromSigner(GO_SKEY)).toBe(GO_VKEY);
  });

  it('generated keys have the documented text forms and sign verifiably', () => {
    const skey = generateSignerKey('log.example/writ');
    expect(skey).toMatch(/^PRIVATE\+KEY\+log\.example\/writ\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const vkey = verifierKeyFromSigner(skey);
    expect(vkey).toMatch(/^log\.example\/writ\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const message = new TextEncoder().encode('hello\n');
    expect(parseVerifierKey(vkey).verify(message, parseSignerKey(skey).sign(message))).toBe(true);
  });

  it('signatures made with node:crypto from the same seed verify (the key formats mean what they say)', () => {
    const seed = Buffer.from(GO_SKEY.split('+').slice(4).join('+'), 'base64').subarray(1);
    expect(formatVerifierKey('PeterNeumann', nodePublicKey(seed))).toBe(GO_VKEY);
    expect(formatSignerKey('PeterNeumann', seed)).toBe(GO_SKEY);
    const message = Buffer.from('text\n');
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const sig = nodeSign(null, message, createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
    expect(parseVerifierKey(GO_VKEY).verify(message, sig)).toBe(true);
    expect(parseVerifierKey(GO_VKEY).verify(Buffer.from('texT\n'), sig)).toBe(false);
  });

  it.each([
    ['wrong key ID', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['other name, same key', 'PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['short key ID', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['upper-case / non-hex key ID', 'PeterNeumann+C74F20AZ+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['wrong algorithm byte', 'PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['truncated key', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10'],
    ['missing fields', 'PeterNeumann+c74f20a3'],
    ['empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'],
    ['a signer key', GO_SKEY],
  ])('rejects a verifier key with %s', (_why, vkey) => {
    expect(() => parseVerifierKey(vkey)).toThrow(FormatError);
  });

  it.each([
    ['no PRIVATE+KEY prefix', GO_SKEY.slice('PRIVATE+KEY+'.length)],
    ['wrong key ID', GO_SKEY.replace('c74f20a3', 'c74f20a4')],
    ['a verifier key', GO_VKEY],
  ])('rejects a signer key with %s', (_why, skey) => {
    expect(() => parseSignerKey(skey)).toThrow(FormatError);
  });

  it('refuses key names with spaces or plus signs', () => {
    expect(() => generateSignerKey('has space')).toThrow(FormatError);
    expect(() => generateSignerKey('a+b')).toThrow(FormatError);
    expect(() => generateSignerKey('')).toThrow(FormatError);
  });
});
