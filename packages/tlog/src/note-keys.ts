import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64, toBase64 } from './base64.js';
import { concatBytes, fromHex, hasControlCharacter, utf8 } from './bytes.js';
import { FormatError } from './errors.js';

/**
 * Ed25519 keys for C2SP signed notes, written in the text forms of golang.org/x/mod/sumdb/note so that keys
 * interoperate with Go tooling:
 *   verifier key  <name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<8 hex key ID>+<base64(0x01 || 32-byte seed)>
 */

/** C2SP signed-note signature type byte for Ed25519. */
const ALG_ED25519 = 0x01;
const SIGNER_PREFIX = 'PRIVATE+KEY+';

export interface NoteVerifier {
  readonly name: string;
  /** uint32 key ID, see `keyId`. */
  readonly keyId: number;
  /** Checks a signature (without the 4-byte key ID) over the note text bytes. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(message: Uint8Array): Uint8Array;
}

/**
 * signed-note "Format": key names are non-empty and contain no Unicode spaces and no '+'. Control characters
 * are refused too (a note may not contain them), and U+FEFF, which JS's \s counts as space.
 */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && !hasControlCharacter(name, false) && !/[\s\u0085\u007f+]/u.test(name) && !/\p{Cs}/u.test(name)
  );
}

/** signed-note "Ed25519 signatures": key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian. */
export function keyId(name: string, publicKey: Uint8Array): number {
  const h = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, ALG_ED25519), publicKey));
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

export function keyIdHex(id: number): string {
  return id.toString(16).padStart(8, '0');
}

interface ParsedKey {
  name: string;
  keyId: number;
  key: Uint8Array;
}

// The key material is the last field and may itself contain '+' (base64), so split off exactly two fields.
function parseKeyFields(kind: string, text: string): ParsedKey {
  const bad = (why: string): FormatError => new FormatError('BAD_KEY', `malformed ${kind} key: ${why}`);
  const plus1 = text.indexOf('+');
  const plus2 = plus1 < 0 ? -1 : text.indexOf('+', plus1 + 1);
  if (plus2 < 0) throw bad('expected <name>+<key id>+<key>');
  const name = text.slice(0, plus1);
  const idHex = text.slice(plus1 + 1, plus2);
  const material = fromBase64(text.slice(plus2 + 1));
  if (!isValidKeyName(name)) throw bad(`invalid key name ${JSON.stringify(name)}`);
  const idBytes = /^[0-9a-f]{8}$/.test(idHex) ? fromHex(idHex) : undefined;
  if (!idBytes) throw bad(`key ID must be 8 lowercase hex digits, got ${JSON.stringify(idHex)}`);
  if (!material) throw bad('key is not valid base64');
  if (material.length !== 33 || material[0] !== ALG_ED25519) {
    throw bad('only Ed25519 keys (type byte 0x01 followed by 32 bytes) are supported');
  }
  const id = ((idBytes[0]! << 24) | (idBytes[1]! << 16) | (idBytes[2]! << 8) | idBytes[3]!) >>> 0;
  return { name, keyId: id, key: material.subarray(1) };
}

function makeVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const id = keyId(name, publicKey);
  const key = new Uint8Array(publicKey);
  return {
    name,
    keyId: id,
    verify(message, signature) {
      if (signature.length !== 64) return false;
      try {
        // zip215: false = RFC 8032 strict verification (canonical encodings only), as signed-note specifies.
        return ed25519.verify(signature, message, key, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

/** Parses a verifier key and checks that its key ID matches its name and public key. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, keyId: id, key } = parseKeyFields('verifier', vkey.trim());
  if (keyId(name, key) !== id) {
    throw new FormatError(
      'BAD_KEY',
      `malformed verifier key: key ID ${keyIdHex(id)} does not match name and public key`,
    );
  }
  if (!ed25519.utils.isValidPublicKey(key, false)) {
    throw new FormatError('BAD_KEY', 'malformed verifier key: not a valid Ed25519 public key');
  }
  return makeVerifier(name, key);
}

function parseSignerFields(skey: string): { name: string; seed: Uint8Array; publicKey: Uint8Array } {
  const text = skey.trim();
  if (!text.startsWith(SIGNER_PREFIX)) {
    throw new FormatError('BAD_KEY', `malformed signer key: must start with ${SIGNER_PREFIX}`);
  }
  const { name, keyId: id, key: seed } = parseKeyFields('signer', text.slice(SIGNER_PREFIX.length));
  const publicKey = ed25519.getPublicKey(seed);
  if (keyId(name, publicKey) !== id) {
    throw new FormatError('BAD_KEY', `malformed signer key: key ID ${keyIdHex(id)} does not match name and key`);
  }
  return { name, seed, publicKey };
}

/** Parses a signer (private) key. */
export function parseSignerKey(skey: string): NoteSigner {
  const { name, seed, publicKey } = parseSignerFields(skey);
  const secret = new Uint8Array(seed);
  return {
    name,
    keyId: keyId(name, publicKey),
    sign: (message) => ed25519.sign(message, secret),
  };
}

/** Formats the verifier key for an Ed25519 public key. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new FormatError('BAD_KEY', `invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new FormatError('BAD_KEY', 'an Ed25519 public key has 32 bytes');
  return `${name}+${keyIdHex(keyId(name, publicKey))}+${toBase64(concatBytes(Uint8Array.of(ALG_ED25519), publicKey))}`;
}

/** Formats the signer key for a 32-byte Ed25519 seed (the RFC 8032 private key). */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  if (!isValidKeyName(name)) throw new FormatError('BAD_KEY', `invalid key name ${JSON.stringify(name)}`);
  if (seed.length !== 32) throw new FormatError('BAD_KEY', 'an Ed25519 private key seed has 32 bytes');
  const id = keyIdHex(keyId(name, ed25519.getPublicKey(seed)));
  return `${SIGNER_PREFIX}${name}+${id}+${toBase64(concatBytes(Uint8Array.of(ALG_ED25519), seed))}`;
}

/** Generates a fresh signer key (from the platform CSPRNG via crypto.getRandomValues). */
export function generateSignerKey(name: string): string {
  return formatSignerKey(name, ed25519.utils.randomSecretKey());
}

/** The verifier key that checks signatures made with `skey`. */
export function verifierKeyFromSigner(skey: string): string {
  const { name, publicKey } = parseSignerFields(skey);
  return formatVerifierKey(name, publicKey);
}
