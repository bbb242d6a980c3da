import { z } from 'zod';
import type { ReasonCode } from './reason-code.js';

/**
 * What the signature verifier (apps/api/src/verification/signatures.ts) concluded about one detached signature.
 * The verifier produces these codes and the engine consumes them, so the engine stays pure: it never sees bytes.
 */
export const SignatureStatus = z.enum([
  'VALID',
  /** Signed by a key or certificate that is not registered for the court and does not chain to one that is. */
  'UNREGISTERED_KEY',
  /** The signature does not cover these bytes: the document was altered, or the signature was. */
  'BAD_SIGNATURE',
  /** A certificate on the path, or the registered key itself, was not valid at the time checked. */
  'CERTIFICATE_EXPIRED',
  /** The signature could not be parsed at all. */
  'MALFORMED',
]);
export type SignatureStatus = z.infer<typeof SignatureStatus>;

/** The reason code the engine emits for each failed status. */
export const SIGNATURE_FAILURE_REASON: Readonly<Record<Exclude<SignatureStatus, 'VALID'>, ReasonCode>> = {
  UNREGISTERED_KEY: 'SIGNATURE_UNREGISTERED_KEY',
  BAD_SIGNATURE: 'SIGNATURE_BAD',
  CERTIFICATE_EXPIRED: 'SIGNATURE_CERTIFICATE_EXPIRED',
  MALFORMED: 'SIGNATURE_MALFORMED',
};
