import { fromBase64, toBase64 } from './base64.js';
import { isSafeUint, parseDecimal } from './bytes.js';
import { openCheckpoint, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { FormatError, VerificationError } from './errors.js';
import { nobleHasher, type Hasher } from './hasher.js';
import type { NoteVerifier } from './note-keys.js';
import { parseNote } from './note.js';
import { inclusionProof } from './proofs.js';
import type { SubtreeSource } from './subtree.js';
import { verifyInclusion } from './verify-inclusion.js';

/**
 * C2SP tlog-proof@v1, an offline-verifiable receipt:
 *
 *   c2sp.org/tlog-proof@v1
 *   extra <base64>          (optional, unauthenticated application data)
 *   index <N>
 *   <base64 proof hash>     (zero or more, from the leaf's sibling up)
 *   <blank line>
 *   <signed checkpoint, verbatim>
 */

const HEADER = 'c2sp.org/tlog-proof@v1';

export interface Receipt {
  readonly index: number;
  readonly proof: readonly Uint8Array[];
  /** Opaque extra data. Not covered by any signature: never trust it on its own. */
  readonly extra?: Uint8Array;
  /** The signed checkpoint note the proof is relative to. */
  readonly signedCheckpoint: string;
}

export function formatReceipt(receipt: Receipt): string {
  if (!isSafeUint(receipt.index)) throw new FormatError('BAD_RECEIPT', `invalid index ${receipt.index}`);
  parseNote(receipt.signedCheckpoint); // refuse to emit a receipt that could not be parsed back
  const lines = [HEADER];
  if (receipt.extra !== undefined) {
    if (receipt.extra.length === 0) throw new FormatError('BAD_RECEIPT', 'extra data, when present, must be non-empty');
    lines.push(`extra ${toBase64(receipt.extra)}`);
  }
  lines.push(`index ${receipt.index}`);
  for (const h of receipt.proof) lines.push(toBase64(h));
  return `${lines.join('\n')}\n\n${receipt.signedCheckpoint}`;
}

export function parseReceipt(text: string): Receipt {
  const bad = (why: string): FormatError => new FormatError('BAD_RECEIPT', `malformed receipt: ${why}`);
  const blank = text.indexOf('\n\n');
  if (blank < 0) throw bad('no blank line before the checkpoint');
  const head = text.slice(0, blank).split('\n');
  const signedCheckpoint = text.slice(blank + 2);
  if (head[0] !== HEADER) throw bad(`first line must be ${HEADER}`);
  let i = 1;
  let extra: Uint8Array | undefined;
  if (head[i]?.startsWith('extra ')) {
    extra = fromBase64(head[i]!.slice('extra '.length));
    if (!extra || extra.length === 0) throw bad('extra line is not non-empty base64');
    i++;
  }
  const indexLine = head[i];
  if (!indexLine?.startsWith('index ')) throw bad('expected an "index <N>" line');
  const index = parseDecimal(indexLine.slice('index '.length));
  if (index === undefined) throw bad('index is not a decimal number without leading zeroes (below 2^53)');
  const proof = head.slice(i + 1).map((line, n) => {
    const h = fromBase64(line);
    if (!h || h.length !== 32) throw bad(`proof line ${n + 1} is not the base64 of a 32-byte hash`);
    return h;
  });
  parseNote(signedCheckpoint);
  return extra === undefined ? { index, proof, signedCheckpoint } : { index, proof, extra, signedCheckpoint };
}

/** Builds a receipt for entry `index` under a signed checkpoint, with proof hashes from `source`. */
export async function createReceipt(
  source: SubtreeSource,
  index: number,
  signedCheckpoint: string,
  options: { extra?: Uint8Array; hasher?: Hasher } = {},
): Promise<string> {
  const checkpoint = parseCheckpoint(parseNote(signedCheckpoint).text);
  const proof = await inclusionProof(source, index, checkpoint.size, options.hasher ?? nobleHasher);
  return formatReceipt({ index, proof, signedCheckpoint, ...(options.extra ? { extra: options.extra } : {}) });
}

export type LeafInput = { readonly data: Uint8Array } | { readonly hash: Uint8Array };

export interface VerifiedReceipt {
  readonly index: number;
  readonly checkpoint: Checkpoint;
  readonly receipt: Receipt;
}

/**
 * Verifies a receipt offline: the checkpoint must be signed by a trusted key (and come from `origin`, when
 * given), and the inclusion proof must place the leaf at the receipt's index under the checkpoint's root.
 */
export function verifyReceipt(
  receipt: string | Receipt,
  leaf: LeafInput,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string; hasher?: Hasher } = {},
): VerifiedReceipt {
  const parsed = typeof receipt === 'string' ? parseReceipt(receipt) : receipt;
  const hasher = options.hasher ?? nobleHasher;
  const { checkpoint } = openCheckpoint(
    parsed.signedCheckpoint,
    verifiers,
    options.origin === undefined ? {} : { origin: options.origin },
  );
  const hash = 'data' in leaf ? hasher.leaf(leaf.data) : leaf.hash;
  try {
    verifyInclusion(hash, parsed.index, checkpoint.size, parsed.proof, checkpoint.rootHash, hasher);
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    throw new VerificationError(
      e.code,
      `entry ${parsed.index} is not proven to be in ${checkpoint.origin} at size ${checkpoint.size}: ${e.message}`,
    );
  }
  return { index: parsed.index, checkpoint, receipt: parsed };
}
