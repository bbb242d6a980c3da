import type { DisclosureManifest } from '@writ/contracts';
import { signNote, type NoteSigner } from '@writ/tlog';
import { sha256Hex } from '../common/index.js';

export interface SignedManifest {
  /** The signed text: the manifest as indented JSON, ending in a newline. */
  text: string;
  /** SHA-256 (hex) of `text`: what the disclosure.prepared audit event publishes. */
  sha256: string;
  /** The C2SP signed note (text + signature line), as manifest.note in the package. */
  note: string;
}

/**
 * The manifest as a C2SP signed note, with the key format and verifier the log's checkpoints use: `writ-verify
 * package` opens it with the same code as a checkpoint. JSON.stringify escapes control characters, so the text is
 * always a valid note body.
 */
export function signManifest(manifest: DisclosureManifest, signer: NoteSigner): SignedManifest {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  return {
    text,
    sha256: sha256Hex(text),
    note: signNote(text, [signer]),
  };
}
