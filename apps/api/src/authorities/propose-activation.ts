import type { ActivateAuthorityRequest, RegistryChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { lockAuthority } from './authority-lock.js';
import { proposeRegistryChange } from './record-registry-change.js';

/** Restores trust, so it is only proposed; another admin's approval activates the authority. */
export function proposeActivation(
  ctx: AuthoritiesContext,
  actor: Identity,
  id: string,
  input: ActivateAuthorityRequest,
): Promise<RegistryChange> {
  return proposeRegistryChange(ctx, actor, async (tx) => {
    const current = await lockAuthority(tx, id);
    if (current.status === 'ACTIVE') throw new AppError('ILLEGAL_TRANSITION', 'This authority is already active.');
    return { kind: 'ACTIVATE_AUTHORITY', authorityId: id, payload: input.reason ? { reason: input.reason } : {} };
  });
}
