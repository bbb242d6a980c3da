import { sha256 } from '@noble/hashes/sha2.js';

/** Size in bytes of every hash in the log (SHA-256). */
export const HASH_SIZE = 32;

/**
 * The two hash operations of an RFC 9162 §2.1.1 Merkle tree. Injectable so that Node programs can use
 * `node:crypto` (several times faster than a pure-JS SHA-256) while browsers keep the portable default.
 * Implementations MUST compute exactly SHA-256(0x00 || data) and SHA-256(0x01 || left || right).
 */
export interface Hasher {
  leaf(data: Uint8Array): Uint8Array;
  node(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** Pure-JS SHA-256 from @noble/hashes: runs everywhere, the default for every function taking a hasher. */
export const nobleHasher: Hasher = {
  leaf(data) {
    return sha256.create().update(LEAF_PREFIX).update(data).digest();
  },
  node(left, right) {
    return sha256.create().update(NODE_PREFIX).update(left).update(right).digest();
  },
};
