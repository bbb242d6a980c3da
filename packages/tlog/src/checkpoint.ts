import { fromBase64, toBase64 } from './base64.js';
import { isSafeUint, parseDecimal } from './bytes.js';
import { FormatError, VerificationError } from './errors.js';
import { HASH_SIZE } from './hasher.js';
import type { NoteSigner, NoteVerifier } from './note-keys.js';
import { openNote, signNote, type VerifiedNote } from './note.js';

/** C2SP tlog-checkpoint: the note text `<origin>\n<tree size>\n<base64 root hash>\n[extension lines]`. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** Opaque extension lines (without newlines); the spec says NOT RECOMMENDED, so usually empty. */
  readonly extensions?: readonly string[];
}

export function formatCheckpoint(cp: Checkpoint): string {
  const extensions = cp.extensions ?? [];
  if (cp.origin.length === 0 || cp.origin.includes('\n')) {
    throw new FormatError('BAD_CHECKPOINT', 'checkpoint origin must be a non-empty single line');
  }
  if (!isSafeUint(cp.size)) throw new FormatError('BAD_CHECKPOINT', `invalid tree size ${cp.size}`);
  if (cp.rootHash.length !== HASH_SIZE) throw new FormatError('BAD_CHECKPOINT', 'root hash must have 32 bytes');
  for (const line of extensions) {
    // An empty extension line would read as the note's signature separator.
    if (line.length === 0 || line.includes('\n')) {
      throw new FormatError('BAD_CHECKPOINT', 'extension lines must be non-empty single lines');
    }
  }
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...extensions].join('\n') + '\n';
}

/** Strictly parses checkpoint note text (not the signed note: see `openCheckpoint`). */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string): FormatError => new FormatError('BAD_CHECKPOINT', `malformed checkpoint: ${why}`);
  if (!text.endsWith('\n')) throw bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw bad('expected origin, tree size and root hash lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw bad('origin line is empty');
  const size = parseDecimal(sizeLine);
  if (size === undefined) {
    throw bad(`tree size ${JSON.stringify(sizeLine)} is not a decimal number without leading zeroes (below 2^53)`);
  }
  const rootHash = fromBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw bad('root hash is not the base64 of 32 bytes');
  if (extensions.some((l) => l.length === 0)) throw bad('extension lines must be non-empty');
  return { origin, size, rootHash, extensions };
}

/** Formats and signs a checkpoint. The log's key name SHOULD equal the origin (tlog-checkpoint "Signatures"). */
export function signCheckpoint(cp: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), signers);
}

export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: VerifiedNote;
}

/**
 * Verifies a signed checkpoint against trusted keys and parses it. With `origin`, also requires the checkpoint
 * to come from that log: a valid signature alone does not say which log a checkpoint belongs to.
 */
export function openCheckpoint(
  signedNote: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: { origin?: string } = {},
): OpenedCheckpoint {
  const note = openNote(signedNote, verifiers);
  const checkpoint = parseCheckpoint(note.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new VerificationError(
      'WRONG_ORIGIN',
      `checkpoint is for log ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(options.origin)}`,
    );
  }
  return { checkpoint, note };
}
