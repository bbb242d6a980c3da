import { createHash, webcrypto } from 'node:crypto';
import { SignatureStatus } from '@writ/policy';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';

/*
 * Detached-signature verification for order documents (docs/POLICY.md, "Verification": CMS/PKCS#7 detached, as
 * `openssl cms -sign -binary -outform DER` makes it, and raw Ed25519 over the document bytes). Pure given its
 * inputs: no database, no network, no revocation fetching. Its status codes are the ones the policy engine
 * consumes (SignatureStatus, re-exported here), so the engine never has to see bytes.
 *
 * Checks run in the order that tells staff the most: can it be read (MALFORMED), does a key registered for the
 * court vouch for the signer (UNREGISTERED_KEY), do the bytes match (BAD_SIGNATURE), was every certificate on
 * the path, and the registry entry itself, valid at `at` (CERTIFICATE_EXPIRED).
 */

export { SignatureStatus };

export const SignatureFormat = z.enum(['CMS', 'ED25519']);
export type SignatureFormat = z.infer<typeof SignatureFormat>;

/** What the authority registry holds for a court: an Ed25519 key or an X.509 certificate, with the window in which the registry accepts it. */
export const RegisteredKey = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ED25519'),
    id: z.string().min(1),
    /** The registry's SHA-256 (hex) of the key: how people tell keys apart (the registry page shows it). */
    fingerprint: z.string().optional(),
    /** The raw 32-byte public key (RFC 8032). */
    publicKey: z.instanceof(Uint8Array).refine((key) => key.length === 32, 'must be 32 bytes'),
    validFrom: z.date(),
    validTo: z.date(),
  }),
  z.strictObject({
    kind: z.literal('X509_CERTIFICATE'),
    id: z.string().min(1),
    /** The registry's SHA-256 (hex) of the DER certificate. */
    fingerprint: z.string().optional(),
    /** PEM text or DER bytes: the court's own certificate, or the CA certificate that issues the court's. */
    certificate: z.union([z.string(), z.instanceof(Uint8Array)]),
    validFrom: z.date(),
    validTo: z.date(),
  }),
]);
export type RegisteredKey = z.infer<typeof RegisteredKey>;

export type DetachedSignature = {
  document: Uint8Array;
  signature: Uint8Array;
  format: SignatureFormat;
  registeredKeys: readonly RegisteredKey[];
  /** The instant at which keys and certificates must have been valid. */
  at: Date;
  /**
   * ED25519 only: the public key the signer says it used, when it came with the signature. A raw signature does
   * not name its key, so without this "no registered key verifies" cannot tell an unregistered key from altered
   * bytes, and is reported as UNREGISTERED_KEY.
   */
  signerPublicKey?: Uint8Array;
};

export type SignerIdentity = {
  /** The registered key or certificate that vouches for the signer. */
  keyId: string;
  /** Its fingerprint as the registry shows it (keys registered before fingerprints were passed on have none). */
  fingerprint?: string;
  /** X.509 only: the signer certificate's subject, serial number and SHA-256 fingerprint. */
  subject?: string;
  serialNumber?: string;
  certificateSha256?: string;
};

export type SignatureVerification = { status: SignatureStatus; message: string; signer?: SignerIdentity };

type WebCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'];
const engine = new pkijs.CryptoEngine({ name: 'writ-webcrypto', crypto: webcrypto as unknown as WebCrypto });

/** Never throws: anything that cannot be verified is reported as a status other than VALID. */
export async function verifyDetachedSignature(input: DetachedSignature): Promise<SignatureVerification> {
  if (Number.isNaN(input.at.getTime())) return malformed('the verification time is not a valid date');
  // A registry entry that does not match its schema (a 31-byte key, no window) vouches for nobody.
  const registeredKeys = input.registeredKeys.filter((key) => RegisteredKey.safeParse(key).success);
  try {
    const checked = { ...input, registeredKeys };
    return input.format === 'ED25519' ? await verifyEd25519(checked) : await verifyCms(checked);
  } catch (error) {
    return malformed(`the signature could not be verified: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const malformed = (message: string): SignatureVerification => ({ status: 'MALFORMED', message });

/** An instant as the clerk reads it in a message: to the minute, in UTC. */
function utcMinute(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function registryWindowProblem(key: RegisteredKey, at: Date): string | null {
  if (at < key.validFrom) return `the registry accepts this key only from ${utcMinute(key.validFrom)}`;
  if (at > key.validTo) return `the registry accepted this key until ${utcMinute(key.validTo)}`;
  return null;
}

const signerOf = (key: RegisteredKey): SignerIdentity =>
  key.fingerprint === undefined ? { keyId: key.id } : { keyId: key.id, fingerprint: key.fingerprint };

// --- Ed25519 (RFC 8032): 64 bytes over the document itself ---

async function verifyEd25519(input: DetachedSignature): Promise<SignatureVerification> {
  if (input.signature.length !== 64) {
    return malformed(`an Ed25519 signature is 64 bytes, this one is ${input.signature.length}`);
  }
  const keys = input.registeredKeys.filter((key) => key.kind === 'ED25519');
  const verifies = async (publicKey: Uint8Array) => {
    const key = await webcrypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return webcrypto.subtle.verify({ name: 'Ed25519' }, key, input.signature, input.document);
  };

  let candidates = keys;
  if (input.signerPublicKey !== undefined) {
    const claimed = input.signerPublicKey;
    candidates = keys.filter((key) => bytesEqual(key.publicKey, claimed));
    if (candidates.length === 0) {
      return { status: 'UNREGISTERED_KEY', message: 'The signing key is not registered for this court.' };
    }
  }
  const matching: typeof keys = [];
  for (const key of candidates) if (await verifies(key.publicKey)) matching.push(key);
  if (matching.length === 0) {
    return input.signerPublicKey === undefined
      ? {
          status: 'UNREGISTERED_KEY',
          message:
            'No Ed25519 key registered for this court verifies this signature over this document: it was made with another key, or the document was altered.',
        }
      : {
          status: 'BAD_SIGNATURE',
          message: 'The signature does not match the document: the document or the signature was altered.',
        };
  }
  // The same key may be registered more than once (renewals); any entry valid at `at` will do.
  const inWindow = matching.find((key) => registryWindowProblem(key, input.at) === null);
  if (inWindow === undefined) {
    return {
      status: 'CERTIFICATE_EXPIRED',
      message: `The signing key was not valid on ${utcMinute(input.at)}: ${registryWindowProblem(matching[0]!, input.at)}.`,
      signer: signerOf(matching[0]!),
    };
  }
  return {
    status: 'VALID',
    message: 'Valid Ed25519 signature by a key registered for this court.',
    signer: signerOf(inWindow),
  };
}

// --- CMS / PKCS#7 SignedData, detached (RFC 5652) ---

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_BASIC_CONSTRAINTS = '2.5.29.19';
const ID_KEY_USAGE = '2.5.29.15';
const ID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
const MAX_PATH = 5;

type Registered = { key: Extract<RegisteredKey, { kind: 'X509_CERTIFICATE' }>; certificate: pkijs.Certificate };

// With several signers: a registered signer whose signature does not match means the bytes were altered, which
// outweighs everything; then a valid signature; then the most specific failure.
const RANKING: SignatureStatus[] = ['BAD_SIGNATURE', 'VALID', 'CERTIFICATE_EXPIRED', 'MALFORMED', 'UNREGISTERED_KEY'];

async function verifyCms(input: DetachedSignature): Promise<SignatureVerification> {
  const signedData = parseSignedData(input.signature);
  if (typeof signedData === 'string') return malformed(signedData);
  const embedded = signedData.eContent;
  if (embedded !== null && !bytesEqual(embedded, input.document)) {
    return { status: 'BAD_SIGNATURE', message: 'The signature carries different content than the document.' };
  }

  const registered: Registered[] = [];
  for (const key of input.registeredKeys) {
    if (key.kind !== 'X509_CERTIFICATE') continue;
    const certificate = parseCertificate(key.certificate);
    if (certificate !== null) registered.push({ key, certificate });
  }

  const results: SignatureVerification[] = [];
  for (let index = 0; index < signedData.value.signerInfos.length; index++) {
    results.push(await verifySigner(signedData.value, index, signedData.certificates, registered, input));
  }
  const rank = (result: SignatureVerification) => RANKING.indexOf(result.status);
  return results.sort((a, b) => rank(a) - rank(b))[0] ?? malformed('the signature has no signer');
}

type ParsedSignedData = { value: pkijs.SignedData; certificates: pkijs.Certificate[]; eContent: Uint8Array | null };

function parseSignedData(bytes: Uint8Array): ParsedSignedData | string {
  const asn1 = asn1js.fromBER(bytes);
  if (asn1.offset === -1) return 'the signature is not DER/BER encoded';
  if (asn1.offset !== bytes.length) return 'the signature has trailing bytes after its ASN.1 structure';
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
    if (contentInfo.contentType !== ID_SIGNED_DATA) return 'the CMS structure is not SignedData';
    const value = new pkijs.SignedData({ schema: contentInfo.content });
    if (value.signerInfos.length === 0) return 'the signature has no signer';
    const certificates = (value.certificates ?? []).filter(
      (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
    );
    const content = value.encapContentInfo.eContent;
    return { value, certificates, eContent: content ? new Uint8Array(content.getValue()) : null };
  } catch (error) {
    return `the signature is not a CMS SignedData structure (${error instanceof Error ? error.message : String(error)})`;
  }
}

async function verifySigner(
  signedData: pkijs.SignedData,
  index: number,
  embedded: pkijs.Certificate[],
  registered: Registered[],
  input: DetachedSignature,
): Promise<SignatureVerification> {
  const signerInfo = signedData.signerInfos[index]!;
  const pool = [...registered.map((r) => r.certificate), ...embedded];
  const candidates = pool.filter((c) => identifiesSigner(signerInfo.sid, c));
  if (candidates.length === 0) {
    return {
      status: 'UNREGISTERED_KEY',
      message: 'The signer’s certificate is neither in the signature nor registered for this court.',
    };
  }

  // 1. Does a registered certificate vouch for the signer?
  let trusted: { certificate: pkijs.Certificate; path: pkijs.Certificate[]; anchor: Registered } | null = null;
  for (const certificate of candidates) {
    if (!isSigningCertificate(certificate)) continue;
    const chain = await pathToRegistered(certificate, embedded, registered);
    if (chain !== null) {
      trusted = { certificate, ...chain };
      break;
    }
  }
  if (trusted === null) {
    return {
      status: 'UNREGISTERED_KEY',
      message: `The signer (${describeName(candidates[0]!.subject)}) is not registered for this court and does not chain to a registered certificate.`,
    };
  }
  const signer: SignerIdentity = {
    ...signerOf(trusted.anchor.key),
    subject: describeName(trusted.certificate.subject),
    serialNumber: bytesToHex(trusted.certificate.serialNumber.valueBlock.valueHexView),
    certificateSha256: createHash('sha256').update(derOf(trusted.certificate)).digest('hex'),
  };

  // 2. Do the bytes match? The message digest attribute first (RFC 5652 §11.2), then the signature itself.
  const hashName = (engine.getAlgorithmByOID(signerInfo.digestAlgorithm.algorithmId) as { name?: string }).name;
  if (hashName === undefined)
    return malformed(`unsupported digest algorithm ${signerInfo.digestAlgorithm.algorithmId}`);
  const digestAttribute = signerInfo.signedAttrs?.attributes.find((a) => a.type === ID_MESSAGE_DIGEST);
  if (digestAttribute !== undefined) {
    const claimed = (digestAttribute.values[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
    const actual = new Uint8Array(await webcrypto.subtle.digest(hashName, input.document));
    if (claimed === undefined || !bytesEqual(claimed, actual)) {
      return {
        status: 'BAD_SIGNATURE',
        message: 'The document’s digest differs from the one that was signed: the document was altered.',
        signer,
      };
    }
  }
  signedData.certificates = [trusted.certificate]; // so that pkijs checks against the certificate judged above
  let verified: boolean;
  try {
    const result = await signedData.verify(
      { signer: index, data: toArrayBuffer(input.document), checkChain: false, extendedMode: true },
      engine,
    );
    verified = result.signatureVerified === true;
  } catch (error) {
    // pkijs throws for structural problems (missing content-type attribute, unknown algorithm…).
    return malformed(`the signature could not be checked: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!verified) {
    return {
      status: 'BAD_SIGNATURE',
      message: 'The signature does not match the document: the document or the signature was altered.',
      signer,
    };
  }

  // 3. Was everything valid at `at`?
  for (const certificate of trusted.path) {
    const problem = validityProblem(certificate, input.at);
    if (problem !== null) return { status: 'CERTIFICATE_EXPIRED', message: `${problem}.`, signer };
  }
  const registryProblem = registryWindowProblem(trusted.anchor.key, input.at);
  if (registryProblem !== null) return { status: 'CERTIFICATE_EXPIRED', message: `${registryProblem}.`, signer };

  return {
    status: 'VALID',
    message: `Valid CMS signature by ${signer.subject}, vouched for by a certificate registered for this court.`,
    signer,
  };
}

/** RFC 5652 §5.3: the signer is named by issuer and serial number, or by subject key identifier. */
function identifiesSigner(sid: unknown, certificate: pkijs.Certificate): boolean {
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber);
  }
  if (!(sid instanceof asn1js.Constructed) && !(sid instanceof asn1js.Primitive)) return false;
  const keyId =
    sid instanceof asn1js.Constructed
      ? (sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView
      : sid.valueBlock.valueHexView;
  if (keyId === undefined) return false;
  const extension = certificate.extensions?.find((e) => e.extnID === ID_SUBJECT_KEY_IDENTIFIER);
  const ski = (extension?.parsedValue as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
  if (ski !== undefined && bytesEqual(ski, keyId)) return true;
  const sha1 = createHash('sha1')
    .update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    .digest();
  return bytesEqual(sha1, keyId);
}

/**
 * Walks issuer links up to a registered certificate, checking each certificate's signature with its issuer's
 * key. Issuers must be CA certificates (RFC 5280 §4.2.1.9), so a registered court's own end-entity certificate
 * cannot mint others. Registered certificates are tried before ones the signer supplied.
 */
async function pathToRegistered(
  signer: pkijs.Certificate,
  embedded: pkijs.Certificate[],
  registered: Registered[],
): Promise<{ path: pkijs.Certificate[]; anchor: Registered } | null> {
  const path = [signer];
  let current = signer;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    const anchor = registered.find((r) => sameCertificate(r.certificate, current));
    if (anchor !== undefined) return { path, anchor };
    const issuers = [...registered.map((r) => r.certificate), ...embedded].filter(
      (c) => c.subject.isEqual(current.issuer) && isCa(c) && !path.some((p) => sameCertificate(p, c)),
    );
    let next: pkijs.Certificate | null = null;
    for (const issuer of issuers) {
      if (await current.verify(issuer, engine).catch(() => false)) {
        next = issuer;
        break;
      }
    }
    if (next === null) return null;
    path.push(next);
    current = next;
  }
  return null;
}

function isCa(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === ID_BASIC_CONSTRAINTS);
  return (extension?.parsedValue as pkijs.BasicConstraints | undefined)?.cA === true;
}

/** RFC 5280 §4.2.1.3: if key usage is stated, it must allow signing (digitalSignature or nonRepudiation). */
function isSigningCertificate(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === ID_KEY_USAGE);
  if (extension === undefined) return true;
  const bits = (extension.parsedValue as asn1js.BitString | undefined)?.valueBlock.valueHexView[0] ?? 0;
  return (bits & 0xc0) !== 0;
}

function validityProblem(certificate: pkijs.Certificate, at: Date): string | null {
  const name = describeName(certificate.subject);
  if (at < certificate.notBefore.value)
    return `Certificate ${name} is not valid before ${utcMinute(certificate.notBefore.value)}`;
  if (at > certificate.notAfter.value) return `Certificate ${name} expired on ${utcMinute(certificate.notAfter.value)}`;
  return null;
}

function parseCertificate(value: string | Uint8Array): pkijs.Certificate | null {
  try {
    const der = typeof value === 'string' ? pemToDer(value) : value;
    return der === null ? null : pkijs.Certificate.fromBER(new Uint8Array(der));
  } catch {
    return null; // An unreadable registry entry vouches for nobody.
  }
}

function pemToDer(pem: string): Uint8Array | null {
  const match = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  return match?.[1] === undefined ? null : new Uint8Array(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
}

function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return (
    bytesEqual(a.tbsView, b.tbsView) &&
    bytesEqual(a.signatureValue.valueBlock.valueHexView, b.signatureValue.valueBlock.valueHexView)
  );
}

const derOf = (certificate: pkijs.Certificate): Uint8Array => new Uint8Array(certificate.toSchema().toBER());

const NAMES: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };
function describeName(name: pkijs.RelativeDistinguishedNames): string {
  const parts = name.typesAndValues.map((tv) => `${NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value)}`);
  return parts.length === 0 ? '(no subject)' : parts.join(', ');
}

function bytesEqual(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const bytesToHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
