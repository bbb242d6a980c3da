import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { decodePoint, ed25519KeyProblem } from './ed25519-point';

function rawPublicKey(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

describe('ed25519KeyProblem', () => {
  it('accepts the public key of RFC 8032 test 1', () => {
    const key = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
    expect(ed25519KeyProblem(key)).toBeNull();
  });

  it('accepts every key node:crypto generates', () => {
    for (let i = 0; i < 50; i++) expect(ed25519KeyProblem(rawPublicKey())).toBeNull();
  });

  it.each([
    ['all zeros (order 4)', Buffer.alloc(32)],
    ['the identity (order 1)', Buffer.concat([Buffer.from([1]), Buffer.alloc(31)])],
    ['p − 1 (order 2)', Buffer.from('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex')],
  ])('refuses %s as a small-order key', (_name, key) => {
    expect(ed25519KeyProblem(key)).toBe('SMALL_ORDER');
  });

  it('refuses a non-canonical y (y = p) and wrong lengths', () => {
    expect(
      ed25519KeyProblem(Buffer.from('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', 'hex')),
    ).toBe('NOT_A_POINT');
    expect(decodePoint(Buffer.alloc(31))).toBeNull();
  });

  it('finds that random bytes are often not a point at all', () => {
    const problems = Array.from({ length: 64 }, () => ed25519KeyProblem(randomBytes(32)));
    expect(problems).toContain('NOT_A_POINT');
  });
});
