import { HASH_SIZE, nobleHasher, type Hasher } from './hasher.js';
import { emptyRoot } from './hash.js';

/**
 * Computes the RFC 9162 root of a stream of leaf hashes in O(log n) memory: it keeps one hash per set bit of
 * the current size (the perfect subtrees the tree decomposes into). This is how an auditor recomputes the root
 * of a log too large to hold, and how an integrator tracks the root while appending.
 */
export class RootBuilder {
  private readonly stack: Uint8Array[] = [];
  private count = 0;

  constructor(private readonly hasher: Hasher = nobleHasher) {}

  get size(): number {
    return this.count;
  }

  push(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE)
      throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes, got ${leafHash.length}`);
    let hash = leafHash;
    // Each trailing 1 bit of the old size is a perfect subtree the new leaf now completes a sibling for.
    for (let n = this.count; n % 2 === 1; n = (n - 1) / 2) hash = this.hasher.node(this.stack.pop()!, hash);
    // Copy a leaf hash kept as is, so a caller reusing its buffer cannot change the root.
    this.stack.push(hash === leafHash ? new Uint8Array(leafHash) : hash);
    this.count++;
  }

  /** Root of all leaves pushed so far. */
  root(): Uint8Array {
    if (this.stack.length === 0) return emptyRoot();
    let acc = this.stack[this.stack.length - 1]!;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = this.hasher.node(this.stack[i]!, acc);
    return new Uint8Array(acc);
  }
}
