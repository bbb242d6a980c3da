import type { AuthorityDetail, SuspendAuthorityRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { lockAuthority } from './authority-lock.js';
import { readAuthority } from './read-authority.js';
import { aboutAuthority } from './about-authority.js';

/** Takes trust away, so it acts at once. */
export function suspendAuthority(
  ctx: AuthoritiesContext,
  actor: Identity,
  id: string,
  input: SuspendAuthorityRequest,
): Promise<AuthorityDetail> {
  return ctx.prisma.$transaction(async (tx) => {
    const current = await lockAuthority(tx, id);
    if (current.status === 'SUSPENDED')
      throw new AppError('ILLEGAL_TRANSITION', 'This authority is already suspended.');
    await tx.authority.update({ where: { id }, data: { status: 'SUSPENDED', version: { increment: 1 } } });
    await ctx.audit.record(tx, {
      actor,
      action: 'authority.suspended',
      ...aboutAuthority(id),
      details: { from: current.status, to: 'SUSPENDED', version: current.version + 1 },
      ...(input.reason ? { personal: { reason: input.reason } } : {}),
    });
    return readAuthority(tx, id);
  });
}
