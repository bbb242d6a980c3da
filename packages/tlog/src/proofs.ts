import { nobleHasher, type Hasher } from './hasher.js';
import { emptyRoot } from './hash.js';
import { consistencyPlan, inclusionPlan, rootPlan, type ProofPlan } from './proof-plan.js';
import type { SubtreeRef, SubtreeSource, SyncSubtreeSource } from './subtree.js';

/** Hash of a tree-shaped range from its perfect subtrees, smallest (rightmost) first: RFC 9162 §2.1.1. */
function fold(hashes: readonly Uint8Array[], hasher: Hasher): Uint8Array {
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hasher.node(hashes[i]!, acc);
  return acc;
}

function assemble(plan: ProofPlan, hashes: readonly Uint8Array[], hasher: Hasher): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  for (const element of plan) {
    out.push(fold(hashes.slice(i, i + element.length), hasher));
    i += element.length;
  }
  return out;
}

async function lookup(source: SubtreeSource, refs: readonly SubtreeRef[]): Promise<readonly Uint8Array[]> {
  if (refs.length === 0) return [];
  if (source.hashes) {
    const got = await source.hashes(refs);
    if (got.length !== refs.length) {
      throw new Error(`subtree source returned ${got.length} hashes for ${refs.length} subtrees`);
    }
    return got;
  }
  return Promise.all(refs.map((r) => source.hash(r.level, r.index)));
}

function lookupSync(source: SyncSubtreeSource, refs: readonly SubtreeRef[]): Uint8Array[] {
  return refs.map((r) => source.hash(r.level, r.index));
}

/** RFC 9162 §2.1.3.1 inclusion proof (audit path) for leaf `index` in the tree of `size` leaves. */
export async function inclusionProof(
  source: SubtreeSource,
  index: number,
  size: number,
  hasher: Hasher = nobleHasher,
): Promise<Uint8Array[]> {
  const plan = inclusionPlan(index, size);
  return assemble(plan, await lookup(source, plan.flat()), hasher);
}

/** RFC 9162 §2.1.4.1 consistency proof between the trees of `size1` and `size2` leaves (0 < size1 <= size2). */
export async function consistencyProof(
  source: SubtreeSource,
  size1: number,
  size2: number,
  hasher: Hasher = nobleHasher,
): Promise<Uint8Array[]> {
  const plan = consistencyPlan(size1, size2);
  return assemble(plan, await lookup(source, plan.flat()), hasher);
}

/** Root hash of the first `size` leaves, from popcount(size) perfect-subtree hashes. */
export async function rootAt(source: SubtreeSource, size: number, hasher: Hasher = nobleHasher): Promise<Uint8Array> {
  const plan = rootPlan(size);
  if (plan.length === 0) return emptyRoot();
  return fold(await lookup(source, plan), hasher);
}

/** Synchronous forms of the three functions above, for in-memory sources. */
export function inclusionProofSync(
  source: SyncSubtreeSource,
  index: number,
  size: number,
  hasher: Hasher,
): Uint8Array[] {
  const plan = inclusionPlan(index, size);
  return assemble(plan, lookupSync(source, plan.flat()), hasher);
}

export function consistencyProofSync(
  source: SyncSubtreeSource,
  size1: number,
  size2: number,
  hasher: Hasher,
): Uint8Array[] {
  const plan = consistencyPlan(size1, size2);
  return assemble(plan, lookupSync(source, plan.flat()), hasher);
}

export function rootAtSync(source: SyncSubtreeSource, size: number, hasher: Hasher): Uint8Array {
  const plan = rootPlan(size);
  if (plan.length === 0) return emptyRoot();
  return fold(lookupSync(source, plan), hasher);
}
