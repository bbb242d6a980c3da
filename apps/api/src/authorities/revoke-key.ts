import type { AuthorityKey, RevokeAuthorityKeyRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { toKey } from './authority-view.js';
import { aboutAuthority } from './about-authority.js';

/** Takes trust away, so it acts at once; the key stays in the registry, marked revoked, for the evidence. */
export function revokeKey(
  ctx: AuthoritiesContext,
  actor: Identity,
  authorityId: string,
  keyId: string,
  input: RevokeAuthorityKeyRequest,
): Promise<AuthorityKey> {
  return ctx.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ revoked_at: Date | null }[]>`
      SELECT revoked_at FROM authority_key WHERE id = ${keyId}::uuid AND authority_id = ${authorityId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound('This key');
    if (locked[0]!.revoked_at) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `This key was already revoked at ${locked[0]!.revoked_at.toISOString()}.`,
      );
    }
    const row = await tx.authorityKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
    await ctx.audit.record(tx, {
      actor,
      action: 'authority.key.revoked',
      ...aboutAuthority(authorityId),
      details: { keyId, fingerprint: row.fingerprint },
      personal: { reason: input.reason },
    });
    return toKey(row);
  });
}
