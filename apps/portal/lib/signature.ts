import { keyIdHex, openCheckpoint, TlogError, type Checkpoint, type NoteVerifier } from '@writ/tlog';

export type SignatureResult =
  | { ok: true; checkpoint: Checkpoint; signedBy: string[]; otherSignatures: number }
  | { ok: false; code: string; message: string };

/** Opens a signed checkpoint with the visitor's keys only (never the server's copy unless the visitor kept it). */
export function checkSignature(note: string, verifiers: readonly NoteVerifier[]): SignatureResult {
  if (verifiers.length === 0) {
    return {
      ok: false,
      code: 'NO_KEYS',
      message: 'There is no valid key to check against: enter the verifier key you trust.',
    };
  }
  try {
    const { checkpoint, note: opened } = openCheckpoint(note, verifiers);
    return {
      ok: true,
      checkpoint,
      signedBy: opened.verified.map((sig) => `${sig.name}+${keyIdHex(sig.keyId)}`),
      otherSignatures: opened.unverified.length,
    };
  } catch (e) {
    if (e instanceof TlogError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}
