/**
 * Addressing of complete ("perfect") subtrees, the unit in which proofs are generated.
 *
 * Every node that RFC 9162 proofs need is the hash of a range of leaves D[start:end] that the §2.1.1
 * recursion produces. Such a range always starts at a multiple of the power of two at or above its length,
 * so it splits into perfect subtrees of strictly decreasing size (the binary digits of its length), and its
 * hash is the right-to-left fold of those subtrees' hashes. A store therefore only has to keep (or compute)
 * hashes of perfect subtrees, which never change once the last leaf under them is appended.
 */

/** The perfect subtree of 2^level leaves starting at leaf index * 2^level. */
export interface SubtreeRef {
  readonly level: number;
  readonly index: number;
}

/**
 * Where proof generation gets its hashes from. `hash(0, i)` is the leaf hash of entry i. Implementations only
 * get asked for subtrees that lie entirely within the tree size the caller asked about, so a database can
 * answer from an append-only table of completed subtrees. `hashes` is an optional batch form, so that one
 * proof costs one round trip.
 */
export interface SubtreeSource {
  hash(level: number, index: number): Uint8Array | Promise<Uint8Array>;
  hashes?(refs: readonly SubtreeRef[]): readonly Uint8Array[] | Promise<readonly Uint8Array[]>;
}

/** A source that answers synchronously (the in-memory tree). */
export interface SyncSubtreeSource {
  hash(level: number, index: number): Uint8Array;
}

/** Splits the tree-shaped range [start, end) into perfect subtrees, largest (leftmost) first. */
export function perfectSubtrees(start: number, end: number): SubtreeRef[] {
  const out: SubtreeRef[] = [];
  let pos = start;
  while (pos < end) {
    let level = 0;
    let width = 1;
    // Grow while the doubled subtree is still aligned at `pos` and fits before `end`.
    while (pos % (width * 2) === 0 && pos + width * 2 <= end) {
      width *= 2;
      level++;
    }
    out.push({ level, index: pos / width });
    pos += width;
  }
  return out;
}
