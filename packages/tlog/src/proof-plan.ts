import { isSafeUint } from './bytes.js';
import { splitPoint } from './hash.js';
import { perfectSubtrees, type SubtreeRef } from './subtree.js';

/**
 * Which subtree hashes each proof element consists of, computed from sizes alone. Separating the plan from the
 * lookups lets a database fetch all of a proof's hashes in one query. Each element is a list of perfect
 * subtrees whose right-to-left fold is that element's hash (see subtree.ts); at most one element per proof is
 * not itself a perfect subtree, so a proof costs O(log n) lookups.
 */
export type ProofPlan = readonly (readonly SubtreeRef[])[];

function assertSize(name: string, n: number): void {
  if (!isSafeUint(n)) throw new RangeError(`${name} must be a non-negative integer below 2^53, got ${n}`);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionPlan(index: number, size: number): ProofPlan {
  assertSize('index', index);
  assertSize('tree size', size);
  if (index >= size) throw new RangeError(`leaf index ${index} is not in a tree of size ${size}`);
  const out: SubtreeRef[][] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      out.push(perfectSubtrees(start + k, end));
    } else {
      path(m - k, start + k, end);
      out.push(perfectSubtrees(start, start + k));
    }
  };
  path(index, 0, size);
  return out;
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Defined for 0 < m <= n; for m = n the proof is
 * empty. m = 0 is refused: the RFC defines no proof for it and our verifier rejects size1 = 0.
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  assertSize('size1', size1);
  assertSize('size2', size2);
  if (size1 === 0) throw new RangeError('no consistency proof exists from the empty tree (size1 = 0)');
  if (size1 > size2) throw new RangeError(`size1 (${size1}) is larger than size2 (${size2})`);
  const out: SubtreeRef[][] = [];
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      // The old tree is this whole subtree: its hash is already known to the verifier only at the top level.
      if (!complete) out.push(perfectSubtrees(start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      out.push(perfectSubtrees(start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      out.push(perfectSubtrees(start, start + k));
    }
  };
  subproof(size1, 0, size2, true);
  return out;
}

/** The perfect subtrees whose fold is the root of the first `size` leaves (popcount(size) lookups). */
export function rootPlan(size: number): readonly SubtreeRef[] {
  assertSize('tree size', size);
  return perfectSubtrees(0, size);
}
