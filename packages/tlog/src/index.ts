/**
 * @writ/tlog: the pure transparency-log core (RFC 9162 §2.1 Merkle trees and proofs, C2SP tlog-checkpoint,
 * signed-note and tlog-proof). Runs in Node and in browsers: nothing exported from here imports `node:` modules.
 * The Node-only offline verifier lives in ./cli and is not exported.
 */
export { TlogError, VerificationError, FormatError } from './errors.js';
export { equalBytes, toHex, fromHex } from './bytes.js';
export { toBase64, fromBase64 } from './base64.js';
export { HASH_SIZE, nobleHasher, type Hasher } from './hasher.js';
export { emptyRoot, leafHash, nodeHash, rootFromLeafHashes } from './hash.js';
export { perfectSubtrees, type SubtreeRef, type SubtreeSource, type SyncSubtreeSource } from './subtree.js';
export { inclusionPlan, consistencyPlan, rootPlan, type ProofPlan } from './proof-plan.js';
export { inclusionProof, consistencyProof, rootAt } from './proofs.js';
export { MemoryTree } from './memory-tree.js';
export { RootBuilder } from './root-builder.js';
export { verifyInclusion } from './verify-inclusion.js';
export { verifyConsistency } from './verify-consistency.js';
export {
  keyId,
  keyIdHex,
  isValidKeyName,
  parseVerifierKey,
  parseSignerKey,
  formatVerifierKey,
  formatSignerKey,
  generateSignerKey,
  verifierKeyFromSigner,
  type NoteSigner,
  type NoteVerifier,
} from './note-keys.js';
export {
  MAX_NOTE_SIGNATURES,
  parseNote,
  formatNote,
  signNote,
  addSignatures,
  openNote,
  type Note,
  type NoteSignature,
  type VerifiedNote,
} from './note.js';
export {
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from './checkpoint.js';
export {
  formatReceipt,
  parseReceipt,
  createReceipt,
  verifyReceipt,
  type Receipt,
  type LeafInput,
  type VerifiedReceipt,
} from './receipt.js';
export { MAX_ENTRY_SIZE, encodeEntryBundle, decodeEntryBundle } from './entry-bundle.js';
