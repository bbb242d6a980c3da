import { sha256 } from '@noble/hashes/sha2.js';
import { nobleHasher, type Hasher } from './hasher.js';

/** RFC 9162 §2.1.1: MTH({}) = SHA-256(""), the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** RFC 9162 §2.1.1: MTH({d0}) = SHA-256(0x00 || d0). The 0x00 prefix keeps leaves and nodes apart. */
export function leafHash(data: Uint8Array, hasher: Hasher = nobleHasher): Uint8Array {
  return hasher.leaf(data);
}

/** RFC 9162 §2.1.1: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array, hasher: Hasher = nobleHasher): Uint8Array {
  return hasher.node(left, right);
}

/** Largest power of two strictly less than n (n >= 2): the split point `k` of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * The Merkle Tree Hash MTH(D[n]) of RFC 9162 §2.1.1, written as the RFC's recursion over leaf hashes.
 * O(n) hashing and O(log n) stack; for logs that do not fit in memory, use `RootBuilder` or `rootAt`.
 */
export function rootFromLeafHashes(hashes: readonly Uint8Array[], hasher: Hasher = nobleHasher): Uint8Array {
  if (hashes.length === 0) return emptyRoot();
  // new Uint8Array(x) always copies; x.slice() would not if x is a Node Buffer.
  if (hashes.length === 1) return new Uint8Array(hashes[0]!);
  const mth = (start: number, end: number): Uint8Array => {
    const n = end - start;
    if (n === 1) return hashes[start]!;
    const k = splitPoint(n);
    return hasher.node(mth(start, start + k), mth(start + k, end));
  };
  return mth(0, hashes.length);
}
