import { equalBytes, isSafeUint, toHex } from './bytes.js';
import { VerificationError } from './errors.js';
import { HASH_SIZE, nobleHasher, type Hasher } from './hasher.js';

export function assertHash(what: string, hash: Uint8Array): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    const got = hash instanceof Uint8Array ? `${hash.length} bytes` : typeof hash;
    throw new VerificationError('BAD_HASH_LENGTH', `${what} must be a ${HASH_SIZE}-byte SHA-256 hash, got ${got}`);
  }
}

export function assertSize(what: string, n: number): void {
  if (!isSafeUint(n)) {
    throw new VerificationError('BAD_SIZE', `${what} must be a non-negative integer below 2^53, got ${String(n)}`);
  }
}

export function shortHex(hash: Uint8Array): string {
  return toHex(hash.subarray(0, 8)) + '…';
}

/**
 * RFC 9162 §2.1.3.2: checks that `proof` proves the leaf with hash `leafHash` is entry `index` of the tree of
 * `treeSize` leaves whose root is `root`. Returns nothing on success and throws VerificationError otherwise.
 * Sizes are JS numbers; arithmetic uses division, not 32-bit bit operators, so it is exact up to 2^53.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hasher: Hasher = nobleHasher,
): void {
  assertSize('leaf index', index);
  assertSize('tree size', treeSize);
  // Step 1: an index at or past the size is never in the tree (this also rejects every proof for size 0).
  if (index >= treeSize) {
    throw new VerificationError('INDEX_OUT_OF_RANGE', `leaf index ${index} is not in a tree of size ${treeSize}`);
  }
  assertHash('leaf hash', leafHash);
  assertHash('root hash', root);
  proof.forEach((p, i) => assertHash(`inclusion proof hash #${i}`, p));

  // Steps 2-4.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) {
      throw new VerificationError(
        'PROOF_TOO_LONG',
        `inclusion proof has more hashes than a tree of size ${treeSize} needs`,
      );
    }
    if (fn % 2 === 1 || fn === sn) {
      r = hasher.node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  if (sn !== 0) {
    throw new VerificationError(
      'PROOF_TOO_SHORT',
      `inclusion proof has fewer hashes than a tree of size ${treeSize} needs`,
    );
  }
  if (!equalBytes(r, root)) {
    throw new VerificationError(
      'ROOT_MISMATCH',
      `inclusion proof leads to root ${shortHex(r)} but the expected root is ${shortHex(root)}`,
    );
  }
}
