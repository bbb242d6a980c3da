import type { AddAuthorityKeyRequest, RegistryChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { lockAuthority } from './authority-lock.js';
import { ed25519Key, type KeyMaterial, x509Certificate } from './key-material.js';
import { proposeRegistryChange } from './record-registry-change.js';

/** A signing key is the root of trust for verifying an order: proposed only, registered on a second approval. */
export function proposeKey(
  ctx: AuthoritiesContext,
  actor: Identity,
  authorityId: string,
  input: AddAuthorityKeyRequest,
): Promise<RegistryChange> {
  const key: KeyMaterial =
    input.kind === 'ED25519'
      ? ed25519Key(input.publicKey, new Date(input.validFrom), new Date(input.validTo))
      : x509Certificate(input.certificate);
  return proposeRegistryChange(ctx, actor, async (tx) => {
    await lockAuthority(tx, authorityId);
    const existing = await tx.authorityKey.findFirst({
      where: { authorityId, fingerprint: key.fingerprint },
      select: { id: true },
    });
    if (existing) {
      throw new AppError(
        'ALREADY_EXISTS',
        `This key (SHA-256 ${key.fingerprint}) is already registered for the authority.`,
        { keyId: existing.id },
      );
    }
    const { kind, material, fingerprint, validFrom, validTo } = key;
    return {
      kind: 'ADD_KEY',
      authorityId,
      payload: {
        key: { kind, material, fingerprint, validFrom: validFrom.toISOString(), validTo: validTo.toISOString() },
      },
    };
  });
}
