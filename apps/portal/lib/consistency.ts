import {
  fromBase64,
  toBase64,
  equalBytes,
  emptyRoot,
  verifyConsistency,
  VerificationError,
  type Checkpoint,
} from '@writ/tlog';
import type { RememberedCheckpoint } from './trust-store';

/**
 * "Has the log only grown since this browser last looked?" — the comparison behind the audit page's
 * consistency check, kept free of React so its cases read in one place.
 */
export type ConsistencyOutcome =
  /** Nothing remembered for this log yet: the current checkpoint becomes the reference. */
  | { kind: 'first' }
  | { kind: 'unchanged'; size: number }
  | { kind: 'grew'; from: number; to: number }
  /** Proof that history was rewritten, or a different history is being shown: two signed, conflicting views. */
  | { kind: 'fork'; reason: string }
  /** The server could not be asked for the proof: nothing was concluded either way. */
  | { kind: 'unchecked'; reason: string };

export type ProofFetcher = (first: number, second: number) => Promise<Uint8Array[]>;

export async function compareWithRemembered(
  remembered: RememberedCheckpoint | null,
  current: Checkpoint,
  fetchProof: ProofFetcher,
): Promise<ConsistencyOutcome> {
  if (!remembered) return { kind: 'first' };
  const oldRoot = fromBase64(remembered.rootHash)!;
  const seen = `the checkpoint this browser verified on ${new Date(remembered.verifiedAt).toUTCString()}`;

  if (current.size < remembered.size) {
    return {
      kind: 'fork',
      reason:
        `The log now says it holds ${current.size} entries, fewer than the ${remembered.size} in ${seen}. ` +
        'A log never shrinks: entries were removed, or you are being shown an older or different copy of the log.',
    };
  }
  if (current.size === remembered.size) {
    return equalBytes(oldRoot, current.rootHash)
      ? { kind: 'unchanged', size: current.size }
      : {
          kind: 'fork',
          reason:
            `Two different root hashes are signed for the same size ${current.size}: ${toBase64(oldRoot)} in ` +
            `${seen}, and ${toBase64(current.rootHash)} now. The same entries cannot have two roots.`,
        };
  }
  // Every log extends the empty one; RFC 9162 has no proof from size 0, only the empty root to compare.
  if (remembered.size === 0) {
    return equalBytes(oldRoot, emptyRoot())
      ? { kind: 'grew', from: 0, to: current.size }
      : { kind: 'fork', reason: `The remembered empty log has a root that is not the empty tree's root.` };
  }

  let proof: Uint8Array[];
  try {
    proof = await fetchProof(remembered.size, current.size);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    return { kind: 'unchecked', reason: e instanceof Error ? e.message : String(e) };
  }
  try {
    verifyConsistency(remembered.size, current.size, proof, oldRoot, current.rootHash);
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    return {
      kind: 'fork',
      reason:
        `The server's consistency proof does not show that the tree of size ${current.size} extends ${seen} ` +
        `(size ${remembered.size}): ${e.message} [${e.code}]`,
    };
  }
  return { kind: 'grew', from: remembered.size, to: current.size };
}
