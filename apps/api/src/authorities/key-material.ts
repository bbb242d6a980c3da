import 'reflect-metadata'; // @peculiar/x509 (via tsyringe) needs it loaded first, wherever this file is imported from
import { X509Certificate } from '@peculiar/x509';
import { AppError, sha256Hex } from '../common/index.js';
import { derElementLength } from './der.js';
import { ed25519KeyProblem } from './ed25519-point.js';

/** A key or certificate as the registry stores it. */
export interface KeyMaterial {
  kind: 'ED25519' | 'X509';
  /** ED25519: base64 of the raw key. X509: the certificate as PEM, normalised. */
  material: string;
  /** SHA-256 (hex) of the raw key or of the DER certificate. */
  fingerprint: string;
  validFrom: Date;
  validTo: Date;
}

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${field}: ${message}`, { issues: [{ path: [field], message }] });

const BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const BASE64URL = /^[A-Za-z0-9_-]{43}$/;

/** A raw Ed25519 public key in base64 or base64url; its validity window comes from the caller. */
export function ed25519Key(publicKey: string, validFrom: Date, validTo: Date): KeyMaterial {
  if (publicKey.includes('-----BEGIN')) {
    throw invalid('publicKey', 'send the raw 32-byte Ed25519 public key in base64, not a PEM document');
  }
  const encoding = BASE64.test(publicKey) ? 'base64' : BASE64URL.test(publicKey) ? 'base64url' : null;
  if (!encoding) {
    throw invalid(
      'publicKey',
      'must be a raw 32-byte Ed25519 public key: 44 base64 characters ending in "=", or 43 base64url characters',
    );
  }
  const raw = Buffer.from(publicKey, encoding);
  // Buffer's decoder ignores stray bits in the last character; only the canonical spelling of 32 bytes passes.
  if (raw.length !== 32 || raw.toString(encoding) !== publicKey) {
    throw invalid('publicKey', 'is not the canonical base64 encoding of 32 bytes');
  }
  const problem = ed25519KeyProblem(raw);
  if (problem === 'NOT_A_POINT') throw invalid('publicKey', 'is not an Ed25519 public key (not a point on the curve)');
  if (problem === 'SMALL_ORDER') throw invalid('publicKey', 'is a weak (small-order) Ed25519 key that proves nothing');
  return { kind: 'ED25519', material: raw.toString('base64'), fingerprint: sha256Hex(raw), validFrom, validTo };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \1-----/g;

/** One PEM certificate. Its validity window is the certificate's own. */
export function x509Certificate(text: string): KeyMaterial {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  if (blocks.some((block) => block[1]!.includes('PRIVATE KEY'))) {
    throw invalid(
      'certificate',
      'this is a private key. Never send one anywhere; treat it as compromised and send the certificate instead',
    );
  }
  const certificates = blocks.filter((block) => block[1] === 'CERTIFICATE');
  if (certificates.length === 0) {
    throw invalid(
      'certificate',
      'is not a PEM certificate: expected "-----BEGIN CERTIFICATE-----" … "-----END CERTIFICATE-----"',
    );
  }
  if (certificates.length > 1 || blocks.length > 1) {
    throw invalid('certificate', `holds ${blocks.length} PEM blocks; register one certificate per key`);
  }
  if (text.replace(PEM_BLOCK, '').trim() !== '') {
    throw invalid('certificate', 'has text outside the PEM block; send only the certificate');
  }
  const body = certificates[0]![2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    throw invalid('certificate', 'the PEM body is not valid base64');
  }
  const der = Buffer.from(body, 'base64');
  if (derElementLength(der) !== der.length) {
    throw invalid('certificate', 'is not a single DER-encoded certificate (bad length or trailing bytes)');
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch (error) {
    throw invalid('certificate', `could not be parsed as an X.509 certificate (${(error as Error).message})`);
  }
  const validFrom = certificate.notBefore;
  const validTo = certificate.notAfter;
  if (!(validTo.getTime() > validFrom.getTime())) {
    throw invalid('certificate', 'its validity window is empty (notAfter is not after notBefore)');
  }
  return { kind: 'X509', material: toPem(der), fingerprint: sha256Hex(der), validFrom, validTo };
}

/** What a stored certificate says about itself; null for anything else or anything unreadable. */
export function describeCertificate(
  material: string,
): { subject: string; issuer: string; serialNumber: string } | null {
  try {
    const certificate = new X509Certificate(material);
    return { subject: certificate.subject, issuer: certificate.issuer, serialNumber: certificate.serialNumber };
  } catch {
    return null;
  }
}

/** Raw key bytes (ED25519) or DER certificate (X509) of stored material. */
export function materialBytes(kind: 'ED25519' | 'X509', material: string): Uint8Array {
  if (kind === 'ED25519') return new Uint8Array(Buffer.from(material, 'base64'));
  const body = material.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
