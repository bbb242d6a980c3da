import { generate } from 'otplib';
import {
  hashRecoveryCode,
  looksLikeTotpCode,
  matchRecoveryCode,
  newRecoveryCodes,
  otpauthUri,
  verifyTotp,
} from './totp.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = new Date('2026-03-01T12:00:10Z');
const epoch = Math.floor(NOW.getTime() / 1000);
const step = Math.floor(epoch / 30);
const codeAt = (steps: number) => generate({ secret: SECRET, epoch: epoch + steps * 30 });

describe('verifyTotp', () => {
  it('accepts the current code and one step of clock drift either way, and says which step matched', async () => {
    expect(await verifyTotp(SECRET, await codeAt(0), null, NOW)).toBe(step);
    expect(await verifyTotp(SECRET, await codeAt(-1), null, NOW)).toBe(step - 1);
    expect(await verifyTotp(SECRET, await codeAt(1), null, NOW)).toBe(step + 1);
  });

  it('refuses codes two steps away, wrong codes, and codes from another secret', async () => {
    expect(await verifyTotp(SECRET, await codeAt(-2), null, NOW)).toBeNull();
    expect(await verifyTotp(SECRET, await codeAt(2), null, NOW)).toBeNull();
    const right = await codeAt(0);
    expect(await verifyTotp(SECRET, String((Number(right) + 1) % 1e6).padStart(6, '0'), null, NOW)).toBeNull();
    expect(await verifyTotp('KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', right, null, NOW)).toBeNull();
    expect(await verifyTotp(SECRET, 'abcdef', null, NOW)).toBeNull();
  });

  it('refuses a code whose step was already used, and accepts a later one (RFC 6238 §5.2)', async () => {
    expect(await verifyTotp(SECRET, await codeAt(0), step, NOW)).toBeNull();
    expect(await verifyTotp(SECRET, await codeAt(-1), step, NOW)).toBeNull();
    expect(await verifyTotp(SECRET, await codeAt(1), step, NOW)).toBe(step + 1);
  });
});

describe('recovery codes', () => {
  it('are ten distinct codes that can never be mistaken for a TOTP code', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(looksLikeTotpCode(code)).toBe(false);
    }
    expect(looksLikeTotpCode('123 456')).toBe(true);
  });

  it('match their hash whatever the case, spaces and dashes, and nothing else', async () => {
    const [code, other] = newRecoveryCodes(2) as [string, string];
    const hashes = [await hashRecoveryCode(other), await hashRecoveryCode(code)];
    expect(await matchRecoveryCode(code, hashes)).toBe(hashes[1]);
    expect(await matchRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `, hashes)).toBe(hashes[1]);
    expect(await matchRecoveryCode(code.slice(0, -1) + (code.endsWith('a') ? 'b' : 'a'), hashes)).toBeNull();
    expect(await matchRecoveryCode('123456', hashes)).toBeNull();
  });
});

it('names the issuer Writ and the account in the otpauth URI', () => {
  const uri = new URL(otpauthUri(SECRET, 'ada@writ.example'));
  expect(uri.protocol).toBe('otpauth:');
  expect(uri.host).toBe('totp');
  expect(decodeURIComponent(uri.pathname)).toBe('/Writ:ada@writ.example');
  expect(uri.searchParams.get('issuer')).toBe('Writ');
  expect(uri.searchParams.get('secret')).toBe(SECRET);
});
