import { equalBytes } from './bytes.js';
import { VerificationError } from './errors.js';
import { isPowerOfTwo } from './hash.js';
import { nobleHasher, type Hasher } from './hasher.js';
import { assertHash, assertSize, shortHex } from './verify-inclusion.js';

/**
 * RFC 9162 §2.1.4.2: checks that the tree of `size2` leaves with root `root2` extends the tree of `size1`
 * leaves with root `root1`. Throws VerificationError unless it does.
 *
 * Beyond the RFC's steps: equal sizes need an empty proof and equal roots (there is nothing to prove), and
 * size1 = 0 is rejected as docs/TLOG.md requires (the RFC defines proofs only for 0 < first; an auditor comparing
 * against the empty tree needs no proof and should compare roots with `emptyRoot()` instead).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  hasher: Hasher = nobleHasher,
): void {
  assertSize('size1', size1);
  assertSize('size2', size2);
  if (size1 === 0)
    throw new VerificationError('SIZE1_ZERO', 'consistency with the empty tree (size1 = 0) has no proof');
  if (size2 < size1) {
    throw new VerificationError(
      'SIZE_DECREASED',
      `size2 (${size2}) is smaller than size1 (${size1}): a log never shrinks`,
    );
  }
  assertHash('root1', root1);
  assertHash('root2', root2);
  proof.forEach((p, i) => assertHash(`consistency proof hash #${i}`, p));

  if (size1 === size2) {
    if (proof.length !== 0) {
      throw new VerificationError('PROOF_TOO_LONG', 'trees of equal size need an empty consistency proof');
    }
    if (!equalBytes(root1, root2)) {
      throw new VerificationError('ROOT_MISMATCH', `two different roots for the same tree size ${size1}`);
    }
    return;
  }

  // Step 1.
  if (proof.length === 0) throw new VerificationError('PROOF_EMPTY', 'consistency proof is empty');
  // Step 2: a power-of-two old tree is itself a node of the new tree, so the proof omits its hash.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // Step 3-4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) {
      throw new VerificationError(
        'PROOF_TOO_LONG',
        `consistency proof has more hashes than sizes ${size1} → ${size2} need`,
      );
    }
    if (fn % 2 === 1 || fn === sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      // The trap: stop at fn = 0 too, or this loop never ends.
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  if (sn !== 0) {
    throw new VerificationError(
      'PROOF_TOO_SHORT',
      `consistency proof has fewer hashes than sizes ${size1} → ${size2} need`,
    );
  }
  if (!equalBytes(fr, root1)) {
    throw new VerificationError(
      'ROOT_MISMATCH',
      `consistency proof leads to old root ${shortHex(fr)} but the old tree's root is ${shortHex(root1)}`,
    );
  }
  if (!equalBytes(sr, root2)) {
    throw new VerificationError(
      'ROOT_MISMATCH',
      `consistency proof leads to new root ${shortHex(sr)} but the new tree's root is ${shortHex(root2)}`,
    );
  }
}
