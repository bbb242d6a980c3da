import { createHash } from 'node:crypto';

/**
 * SHA-256 as hex, the one spelling of it: token hashes stored instead of secrets, fingerprints of keys, digests of
 * evidence, manifests, reports and request bodies.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
