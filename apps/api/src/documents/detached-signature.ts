import type { SignatureFormat } from '@writ/contracts';
import * as pkijs from 'pkijs';
import { AppError } from '../common/index.js';
import { derElementLength } from '../authorities/index.js';

const SIGNED_DATA = '1.2.840.113549.1.7.2';
const ED25519_SIGNATURE_BYTES = 64;

const invalid = (message: string) =>
  new AppError('VALIDATION_FAILED', `signature: ${message}`, { issues: [{ path: ['signature'], message }] });

/**
 * Checks that a detached signature has the declared form, so a wrong file is caught at intake rather than at
 * verification. Whether it verifies is the verification step's question (it needs the registry's keys).
 */
export function checkDetachedSignature(bytes: Uint8Array, format: SignatureFormat): void {
  if (format === 'ED25519') {
    if (bytes.length !== ED25519_SIGNATURE_BYTES) {
      throw invalid(`an Ed25519 signature is exactly 64 raw bytes; this one has ${bytes.length}`);
    }
    return;
  }
  if (derElementLength(bytes) !== bytes.length) {
    throw invalid('is not a DER-encoded CMS signature (.p7s, as "openssl cms -sign -binary -outform DER" writes)');
  }
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(bytes));
    if (info.contentType !== SIGNED_DATA) throw new Error(`content type ${info.contentType} is not SignedData`);
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    throw invalid(`is not a CMS SignedData structure (${(error as Error).message})`);
  }
  if (signedData.encapContentInfo.eContent) {
    throw invalid('holds the signed content itself; send a detached signature (openssl cms -sign without -nodetach)');
  }
  if (signedData.signerInfos.length === 0) throw invalid('has no signer');
}
