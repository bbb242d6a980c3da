import { toBase64 } from '../base64.js';
import type { Checkpoint } from '../checkpoint.js';
import { keyIdHex } from '../note-keys.js';
import type { VerifiedNote } from '../note.js';

/** Output helpers: results on stdout, the reason for an INVALID verdict on stderr. */

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function invalid(message: string): void {
  process.stderr.write(`INVALID: ${message}\n`);
}

export function describeCheckpoint(label: string, cp: Checkpoint, note: VerifiedNote): void {
  out(`${label}origin: ${cp.origin}`);
  out(`${label}size:   ${cp.size}`);
  out(`${label}root:   ${toBase64(cp.rootHash)}`);
  out(`${label}signed: ${note.verified.map((s) => `${s.name} (${keyIdHex(s.keyId)})`).join(', ')}`);
}
