import { fromBase64, toBase64 } from './base64.js';
import { fromHex, toHex } from './bytes.js';
import { decodeEntryBundle, encodeEntryBundle } from './entry-bundle.js';
import { FormatError } from './errors.js';
import fc from 'fast-check';

// TLOG_FC_NUM_RUNS, not FC_NUM_RUNS: CI runs the policy properties 10,000 times (issue 4); these trees are costlier.
const numRuns = Number(process.env.TLOG_FC_NUM_RUNS ?? 200);

describe('base64', () => {
  it('matches Node for any bytes and decodes its own output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(text)).toEqual(bytes);
      }),
      { numRuns },
    );
  });

  it.each(['A', 'AA', 'AAA', 'AB==', 'AAB=', 'A===', '====', 'AA=A', 'AA AA', 'AA-_', 'AAA\n'])(
    'rejects non-canonical or non-standard %j',
    (text) => {
      expect(fromBase64(text)).toBeUndefined();
    },
  );
});

describe('hex', () => {
  it('round-trips and rejects odd lengths and non-hex digits', () => {
    expect(toHex(Uint8Array.of(0, 171, 255))).toBe('00abff');
    expect(fromHex('00ABff')).toEqual(Uint8Array.of(0, 171, 255));
    expect(fromHex('abc')).toBeUndefined();
    expect(fromHex('zz')).toBeUndefined();
  });
});

describe('entry bundles (tlog-tiles encoding)', () => {
  it('prefix each entry with a 2-byte big-endian length', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(7), new Uint8Array(0), new Uint8Array(300).fill(9)]);
    expect(Array.from(bundle.subarray(0, 5))).toEqual([0, 1, 7, 0, 0]);
    expect(Array.from(bundle.subarray(5, 7))).toEqual([1, 44]);
    expect(bundle.length).toBe(3 + 2 + 302);
  });

  it('round-trip any entries', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), (entries) => {
        expect(decodeEntryBundle(encodeEntryBundle(entries))).toEqual(entries);
      }),
      { numRuns },
    );
  });

  it('reject truncated bundles and oversized entries', () => {
    const bundle = encodeEntryBundle([Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
    for (let cut = 1; cut < bundle.length; cut++) {
      if (cut === 5) continue; // a cut between entries is a valid shorter bundle
      expect(() => decodeEntryBundle(bundle.subarray(0, cut))).toThrow(FormatError);
    }
    expect(decodeEntryBundle(bundle.subarray(0, 5))).toEqual([Uint8Array.of(1, 2, 3)]);
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(FormatError);
  });
});
