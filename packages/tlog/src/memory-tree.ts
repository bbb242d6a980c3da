import { isSafeUint } from './bytes.js';
import { HASH_SIZE, nobleHasher, type Hasher } from './hasher.js';
import { consistencyProofSync, inclusionProofSync, rootAtSync } from './proofs.js';
import type { SyncSubtreeSource } from './subtree.js';

// Hashes are kept in fixed-size chunks rather than one Uint8Array per hash: 10M leaves need ~20M hashes, and
// per-object overhead would multiply the memory several times. Fixed chunks also avoid re-copying on growth.
const CHUNK_HASHES = 1 << 15;
const CHUNK_BYTES = CHUNK_HASHES * HASH_SIZE;

/** One level of the tree: a growable array of 32-byte hashes. */
class HashColumn {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  push(hash: Uint8Array): void {
    const offset = (this.length % CHUNK_HASHES) * HASH_SIZE;
    if (offset === 0) this.chunks.push(new Uint8Array(CHUNK_BYTES));
    this.chunks[this.chunks.length - 1]!.set(hash, offset);
    this.length++;
  }

  /** A view into storage; callers that hand it out must copy it. */
  view(i: number): Uint8Array {
    const chunk = this.chunks[Math.floor(i / CHUNK_HASHES)]!;
    const offset = (i % CHUNK_HASHES) * HASH_SIZE;
    return chunk.subarray(offset, offset + HASH_SIZE);
  }
}

/**
 * An append-only Merkle tree held in memory that keeps every level, so any perfect subtree hash is one lookup.
 * Used by tests, benchmarks and as the reference SubtreeSource; a database-backed log implements the same
 * `hash(level, index)` over its stored subtree hashes.
 */
export class MemoryTree implements SyncSubtreeSource {
  private readonly levels: HashColumn[] = [new HashColumn()];

  constructor(private readonly hasher: Hasher = nobleHasher) {}

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Appends a leaf by its RFC 9162 leaf hash; returns the new leaf's index. */
  append(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH_SIZE)
      throw new RangeError(`a leaf hash has ${HASH_SIZE} bytes, got ${leafHash.length}`);
    const index = this.size;
    let hash = leafHash;
    let level = 0;
    let i = index;
    for (;;) {
      this.levels[level]!.push(hash);
      // A right child (odd index) completes its parent; keep climbing while that happens.
      if (i % 2 === 0) break;
      hash = this.hasher.node(this.levels[level]!.view(i - 1), hash);
      level++;
      i = (i - 1) / 2;
      if (this.levels.length === level) this.levels.push(new HashColumn());
    }
    return index;
  }

  /** Appends raw entry bytes (hashed with the leaf prefix); returns the new leaf's index. */
  appendLeaf(data: Uint8Array): number {
    return this.append(this.hasher.leaf(data));
  }

  /** Hash of the perfect subtree of 2^level leaves starting at leaf index * 2^level. */
  hash(level: number, index: number): Uint8Array {
    const column = this.levels[level];
    if (!isSafeUint(level) || !isSafeUint(index) || !column || index >= column.length) {
      throw new RangeError(`subtree (level ${level}, index ${index}) is not complete in a tree of size ${this.size}`);
    }
    return column.view(index).slice();
  }

  /** Root of the first `size` leaves (default: all). */
  root(size: number = this.size): Uint8Array {
    this.assertWithin(size);
    return rootAtSync(this, size, this.hasher);
  }

  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.assertWithin(size);
    return inclusionProofSync(this, index, size, this.hasher);
  }

  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.assertWithin(size2);
    return consistencyProofSync(this, size1, size2, this.hasher);
  }

  private assertWithin(size: number): void {
    if (!isSafeUint(size) || size > this.size) {
      throw new RangeError(`tree size ${size} is not available: the tree has ${this.size} leaves`);
    }
  }
}
