import fc from 'fast-check';
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_SIGNATURE_HEADER,
  signClientAddress,
  verifiedClientAddress,
} from './client-address';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);
const SECRET = 'a shared secret of at least 32 characters';
const NOW = Date.parse('2026-12-03T12:00:00Z');
const signed = (address: string, secret = SECRET, at = NOW) => ({
  [CLIENT_IP_HEADER]: address,
  [CLIENT_IP_SIGNATURE_HEADER]: signClientAddress(secret, address, at),
});

describe('the client address the portal vouches for', () => {
  it('is believed when signed with the shared secret, within a minute', () => {
    expect(verifiedClientAddress(signed('203.0.113.9'), SECRET, NOW)).toBe('203.0.113.9');
    expect(verifiedClientAddress(signed('2001:db8::1'), SECRET, NOW + 59_000)).toBe('2001:db8::1');
  });

  it.each([
    ['no secret configured', signed('203.0.113.9'), undefined],
    ['another secret', signed('203.0.113.9', 'some other secret of 32 characters!!'), SECRET],
    ['a signature from more than a minute ago', signed('203.0.113.9', SECRET, NOW - 61_000), SECRET],
    ['another address than the one signed', { ...signed('203.0.113.9'), [CLIENT_IP_HEADER]: '203.0.113.10' }, SECRET],
    ['no signature', { [CLIENT_IP_HEADER]: '203.0.113.9' }, SECRET],
    ['something that is not an address', signed('localhost'), SECRET],
    ['a header sent twice', { ...signed('203.0.113.9'), [CLIENT_IP_HEADER]: ['203.0.113.9', '1.2.3.4'] }, SECRET],
  ])('is ignored with %s', (_name, headers, secret) => {
    expect(verifiedClientAddress(headers, secret, NOW)).toBeNull();
  });

  it('never throws and never believes a header it did not sign, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.ipV4(), fc.ipV6()),
        fc.oneof(
          fc.string(),
          fc.stringMatching(/^\d{1,12}\.[0-9a-f]{64}$/),
          fc
            .tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.stringMatching(/^[0-9a-f]{0,70}$/))
            .map(([s, h]) => `${s}.${h}`),
        ),
        (address, signature) => {
          const headers = { [CLIENT_IP_HEADER]: address, [CLIENT_IP_SIGNATURE_HEADER]: signature };
          expect(verifiedClientAddress(headers, SECRET, NOW)).toBeNull();
        },
      ),
      { numRuns: RUNS },
    );
  });
});
