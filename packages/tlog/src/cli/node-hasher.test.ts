import fc from 'fast-check';
import { toHex } from '../bytes.js';
import { nobleHasher } from '../hasher.js';
import { nodeHasher } from './node-hasher.js';

// TLOG_FC_NUM_RUNS, not FC_NUM_RUNS: CI runs the policy properties 10,000 times (issue 4); these trees are costlier.
const numRuns = Number(process.env.TLOG_FC_NUM_RUNS ?? 200);

describe('node:crypto hasher', () => {
  it('computes the same leaf and node hashes as the portable default, for any input', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 9000 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (data, left, right) => {
          expect(toHex(nodeHasher.leaf(data))).toBe(toHex(nobleHasher.leaf(data)));
          expect(toHex(nodeHasher.node(left, right))).toBe(toHex(nobleHasher.node(left, right)));
        },
      ),
      { numRuns },
    );
  });

  it('returns fresh hashes even though it reuses its input buffers', () => {
    const a = nodeHasher.leaf(Uint8Array.of(1));
    const b = nodeHasher.leaf(Uint8Array.of(2));
    expect(toHex(a)).toBe(toHex(nobleHasher.leaf(Uint8Array.of(1))));
    expect(toHex(a)).not.toBe(toHex(b));
  });
});
