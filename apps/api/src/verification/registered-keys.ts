import type { AuthorityRegistryEntry } from '../authorities/index.js';
import type { RegisteredKey } from './signatures.js';

/**
 * The registry's keys as the verifier takes them. Revoked keys are already left out by the registry; the
 * validity windows go along so the verifier can say CERTIFICATE_EXPIRED rather than UNREGISTERED_KEY.
 */
export function registeredKeys(entry: Pick<AuthorityRegistryEntry, 'keys'>): RegisteredKey[] {
  return entry.keys.map((key) =>
    key.kind === 'ED25519'
      ? {
          kind: 'ED25519',
          id: key.id,
          fingerprint: key.fingerprint,
          publicKey: new Uint8Array(key.bytes),
          validFrom: key.validFrom,
          validTo: key.validTo,
        }
      : {
          kind: 'X509_CERTIFICATE',
          id: key.id,
          fingerprint: key.fingerprint,
          certificate: key.material,
          validFrom: key.validFrom,
          validTo: key.validTo,
        },
  );
}
