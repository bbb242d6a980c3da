import { fromBase64, toBase64 } from './base64.js';
import { concatBytes, decodeUtf8, hasControlCharacter, utf8 } from './bytes.js';
import { FormatError, VerificationError } from './errors.js';
import { isValidKeyName, keyIdHex, type NoteSigner, type NoteVerifier } from './note-keys.js';

/** C2SP signed-note: text, a blank line, then one `— <name> <base64(key ID || signature)>` line per signature. */

const SIG_PREFIX = '\u2014 '; // em dash, space
/** signed-note asks verifiers to bound the number of signatures and to accept at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
}

export interface Note {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface VerifiedNote extends Note {
  /** Signatures by the caller's keys, all of which verified. */
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the caller does not know (ignored, as the spec requires). */
  readonly unverified: readonly NoteSignature[];
}

/** signed-note: valid UTF-8, and no control characters other than newline. */
function checkCharacters(what: string, text: string): void {
  if (hasControlCharacter(text, true)) {
    throw new FormatError('BAD_NOTE', `${what} contains a control character other than newline`);
  }
  if (/\p{Cs}/u.test(text)) throw new FormatError('BAD_NOTE', `${what} is not valid Unicode text`);
}

function toText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  const text = decodeUtf8(input);
  if (text === undefined) throw new FormatError('BAD_NOTE', 'note is not valid UTF-8');
  return text;
}

/** Splits a signed note into text and signatures without verifying anything. */
export function parseNote(input: string | Uint8Array): Note {
  const note = toText(input);
  checkCharacters('note', note);
  // The text may itself contain blank lines; the last one separates it from the signatures.
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new FormatError('BAD_NOTE', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const sigBlock = note.slice(split + 2);
  if (sigBlock.length === 0 || !sigBlock.endsWith('\n')) {
    throw new FormatError('BAD_NOTE', 'note must end with at least one newline-terminated signature line');
  }
  const lines = sigBlock.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new FormatError('BAD_NOTE', `note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  const signatures = lines.map((line, i): NoteSignature => {
    const bad = (why: string): FormatError => new FormatError('BAD_NOTE', `signature line ${i + 1}: ${why}`);
    if (!line.startsWith(SIG_PREFIX)) throw bad('must start with an em dash (U+2014) and a space');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space < 0) throw bad('expected "— <key name> <base64 signature>"');
    const name = rest.slice(0, space);
    if (!isValidKeyName(name)) throw bad(`invalid key name ${JSON.stringify(name)}`);
    const bytes = fromBase64(rest.slice(space + 1));
    if (!bytes) throw bad('signature is not valid base64');
    if (bytes.length < 5) throw bad('signature is too short to hold a key ID and a signature');
    const keyId = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    return { name, keyId, signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

function signatureLine(sig: NoteSignature): string {
  const id = Uint8Array.of(sig.keyId >>> 24, (sig.keyId >>> 16) & 255, (sig.keyId >>> 8) & 255, sig.keyId & 255);
  return `${SIG_PREFIX}${sig.name} ${toBase64(concatBytes(id, sig.signature))}\n`;
}

/** Serialises a note (for example after adding a cosignature). */
export function formatNote(note: Note): string {
  if (note.signatures.length === 0) throw new FormatError('BAD_NOTE', 'a signed note needs at least one signature');
  return `${note.text}\n${note.signatures.map(signatureLine).join('')}`;
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new FormatError('BAD_NOTE', 'note text must end with a newline');
  checkCharacters('note text', text);
}

/** Signs `text` (which must end with a newline) with each signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new FormatError('BAD_NOTE', 'at least one signer is required');
  const message = utf8(text);
  const signatures = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(message) }));
  return formatNote({ text, signatures });
}

/** Adds signatures (a witness cosignature, or a new key during rotation) to an already signed note. */
export function addSignatures(note: string, signers: readonly NoteSigner[]): string {
  const parsed = parseNote(note);
  const message = utf8(parsed.text);
  const added = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(message) }));
  return formatNote({ text: parsed.text, signatures: [...parsed.signatures, ...added] });
}

/**
 * Parses and verifies a signed note against the caller's trusted keys (signed-note "Signatures"):
 * signatures by unknown keys are ignored; a signature whose name AND key ID match a known key must verify,
 * otherwise the whole note is rejected; and at least one known key must have signed.
 */
export function openNote(input: string | Uint8Array, verifiers: readonly NoteVerifier[]): VerifiedNote {
  const note = parseNote(input);
  const message = utf8(note.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of note.signatures) {
    const candidates = verifiers.filter((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (candidates.length === 0) {
      unverified.push(sig);
      continue;
    }
    if (!candidates.some((v) => v.verify(message, sig.signature))) {
      throw new VerificationError(
        'BAD_SIGNATURE',
        `signature by trusted key ${sig.name} (key ID ${keyIdHex(sig.keyId)}) does not verify: the note was altered or forged`,
      );
    }
    verified.push(sig);
  }
  if (verified.length === 0) {
    const seen = note.signatures.map((s) => `${s.name} (${keyIdHex(s.keyId)})`).join(', ');
    const trusted = verifiers.map((v) => `${v.name} (${keyIdHex(v.keyId)})`).join(', ') || 'none';
    throw new VerificationError(
      'NO_TRUSTED_SIGNATURE',
      `note is not signed by any trusted key: signed by ${seen}; trusted keys: ${trusted}`,
    );
  }
  return { ...note, verified, unverified };
}
