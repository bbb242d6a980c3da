import type { AuthorityDetail, CreateAuthorityRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { isUniqueViolation } from '../database/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { normaliseName, refuseSameName, sameName } from './authority-name.js';
import { DETAIL_INCLUDE, toDetail } from './authority-view.js';
import { assignedCountry } from './country.js';
import { recordRegistryChange } from './record-registry-change.js';
import { aboutAuthority } from './about-authority.js';

/**
 * Registered at once but SUSPENDED, so nothing relies on it, with its activation proposed in the same
 * transaction: a second admin approves that (and, separately, its keys and channels) before it is trusted.
 */
export function createAuthority(
  ctx: AuthoritiesContext,
  actor: Identity,
  input: CreateAuthorityRequest,
): Promise<AuthorityDetail> {
  const country = assignedCountry(input.country);
  const name = normaliseName(input.name);
  const data = { name, kind: input.kind, country, jurisdiction: input.jurisdiction };
  return ctx.prisma
    .$transaction(async (tx) => {
      await refuseSameName(tx, country, name, null);
      const row = await tx.authority.create({ data: { ...data, status: 'SUSPENDED' }, include: DETAIL_INCLUDE });
      await ctx.audit.record(tx, {
        actor,
        action: 'authority.created',
        ...aboutAuthority(row.id),
        details: { ...data, status: row.status },
      });
      await recordRegistryChange(tx, ctx, actor, { kind: 'ACTIVATE_AUTHORITY', authorityId: row.id, payload: {} });
      return toDetail(row);
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? sameName(country, name) : error;
    });
}
