import type { AuthorityDetail, RegistryChange, UpdateAuthorityRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError, Proposed } from '../common/index.js';
import { isUniqueViolation } from '../database/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { diffAuthority, newValues } from './authority-diff.js';
import { lockAuthority } from './authority-lock.js';
import { normaliseName, refuseSameName, sameName } from './authority-name.js';
import { assignedCountry } from './country.js';
import { readAuthority } from './read-authority.js';
import { recordRegistryChange, type RegistryProposal, registryPendingConflict } from './record-registry-change.js';
import { aboutAuthority } from './about-authority.js';

/**
 * Name and jurisdiction change at once. A change of kind or country decides whether an order from this authority
 * can be trusted (a police authority re-registered as a court), so the whole PATCH is then proposed instead.
 */
export function updateAuthority(
  ctx: AuthoritiesContext,
  actor: Identity,
  id: string,
  input: UpdateAuthorityRequest,
): Promise<AuthorityDetail | Proposed<RegistryChange>> {
  const country = input.country === undefined ? undefined : assignedCountry(input.country);
  const name = input.name === undefined ? undefined : normaliseName(input.name);
  let proposal: RegistryProposal | undefined;
  return ctx.prisma
    .$transaction(async (tx): Promise<AuthorityDetail | Proposed<RegistryChange>> => {
      const current = await lockAuthority(tx, id);
      if (current.version !== input.version) throw versionConflict(current.version);
      const changes = diffAuthority(current, { name, kind: input.kind, country, jurisdiction: input.jurisdiction });
      if (Object.keys(changes).length === 0) return readAuthority(tx, id);
      if (changes.name || changes.country)
        await refuseSameName(tx, country ?? current.country, name ?? current.name, id);
      if (changes.kind || changes.country) {
        proposal = {
          kind: 'UPDATE_AUTHORITY',
          authorityId: id,
          targetVersion: current.version,
          payload: newValues(changes),
        };
        return new Proposed(await recordRegistryChange(tx, ctx, actor, proposal));
      }
      await tx.authority.update({ where: { id }, data: { ...newValues(changes), version: { increment: 1 } } });
      await ctx.audit.record(tx, {
        actor,
        action: 'authority.updated',
        ...aboutAuthority(id),
        details: { version: current.version + 1, changes },
      });
      return readAuthority(tx, id);
    })
    .catch(async (error: unknown) => {
      const pending = await registryPendingConflict(ctx, error, proposal);
      if (pending) throw pending;
      throw isUniqueViolation(error) ? sameName(country ?? '', name ?? '') : error;
    });
}

function versionConflict(current: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `Someone changed this authority since you read it (now version ${current}); reload it and apply your change again.`,
    { currentVersion: current },
  );
}
