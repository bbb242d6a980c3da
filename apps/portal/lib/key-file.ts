// Reads a key or certificate file an admin picked, in the browser, into what the registry API takes: an X.509
// certificate as PEM, or an Ed25519 public key as its raw 32 bytes in base64. Courts hand these out in several
// shapes (PEM or DER certificate, PEM public key, bare base64), so the common ones are recognised here and anything
// else is refused with words saying what was expected. The API parses and checks the material again.

export type KeyFile =
  | { ok: true; kind: 'X509'; certificate: string }
  | { ok: true; kind: 'ED25519'; publicKey: string }
  | { ok: false; message: string };

/** SubjectPublicKeyInfo of an Ed25519 key, up to the key itself (RFC 8410 §4): 12 bytes, then the 32 key bytes. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

const MAX_BYTES = 64 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length === 0) return null;
  try {
    const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function pemBody(text: string, label: string): string | null {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(text);
  return match ? match[1]! : null;
}

function pem(label: string, bytes: Uint8Array): string {
  const lines = toBase64(bytes).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function rawFromSpki(der: Uint8Array): Uint8Array | null {
  if (der.length !== ED25519_SPKI_PREFIX.length + 32) return null;
  return ED25519_SPKI_PREFIX.every((byte, i) => der[i] === byte) ? der.slice(ED25519_SPKI_PREFIX.length) : null;
}

const NOT_UNDERSTOOD =
  'This file is not a certificate or Ed25519 public key this page understands. Use an X.509 certificate (PEM or ' +
  'DER), an Ed25519 public key in PEM, or the 32-byte Ed25519 key in base64.';

export function readKeyFile(bytes: Uint8Array): KeyFile {
  if (bytes.length === 0) return { ok: false, message: 'The file is empty.' };
  if (bytes.length > MAX_BYTES)
    return { ok: false, message: 'The file is larger than 64 KB: a certificate is smaller.' };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('PRIVATE KEY-----')) {
    return {
      ok: false,
      message: 'This is a private key. Never upload it: ask the authority for its public key or certificate.',
    };
  }
  if (pemBody(text, 'CERTIFICATE') !== null) {
    return {
      ok: true,
      kind: 'X509',
      certificate: `-----BEGIN CERTIFICATE-----${pemBody(text, 'CERTIFICATE')}-----END CERTIFICATE-----\n`,
    };
  }
  const spki = pemBody(text, 'PUBLIC KEY');
  if (spki !== null) {
    const der = fromBase64(spki);
    const raw = der && rawFromSpki(der);
    return raw
      ? { ok: true, kind: 'ED25519', publicKey: toBase64(raw) }
      : {
          ok: false,
          message: 'This public key is not an Ed25519 key. Writ takes Ed25519 keys, or X.509 certificates.',
        };
  }
  // DER: a certificate is one ASN.1 SEQUENCE with a long-form length (it is always longer than 127 bytes).
  if (bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x83)) {
    const raw = rawFromSpki(bytes);
    return raw
      ? { ok: true, kind: 'ED25519', publicKey: toBase64(raw) }
      : { ok: true, kind: 'X509', certificate: pem('CERTIFICATE', bytes) };
  }
  const spkiDer = rawFromSpki(bytes);
  if (spkiDer) return { ok: true, kind: 'ED25519', publicKey: toBase64(spkiDer) };
  const raw = fromBase64(text.trim());
  if (raw && raw.length === 32) return { ok: true, kind: 'ED25519', publicKey: toBase64(raw) };
  return { ok: false, message: NOT_UNDERSTOOD };
}
