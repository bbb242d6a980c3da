import type { RegistryChangeApproval } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { approveChange } from '../four-eyes/index.js';
import { applyRegistryChange } from './apply-registry-change.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { DETAIL_INCLUDE, toDetail } from './authority-view.js';
import { CHANGE_INCLUDE, REGISTRY_CHANGES, registryChangeView } from './registry-change-table.js';

/** Approval by a second admin, applied in the same transaction after everything is checked again. */
export function approveRegistryChange(
  ctx: AuthoritiesContext,
  approver: Identity,
  id: string,
): Promise<RegistryChangeApproval> {
  return approveChange(ctx, REGISTRY_CHANGES, approver, id, {
    apply: async (tx, change) => {
      // Marked APPROVED first: the database accepts the key, channel or authority change only after that, in the
      // same transaction.
      await tx.registryChange.update({
        where: { id },
        data: { status: 'APPROVED', decidedById: approver.staffId, decidedAt: new Date() },
      });
      await applyRegistryChange(tx, ctx.audit, change, approver);
      const decided = await tx.registryChange.findUniqueOrThrow({ where: { id }, include: CHANGE_INCLUDE });
      await ctx.audit.record(tx, {
        actor: approver,
        action: 'registry_change.approved',
        subjectType: 'registry_change',
        subjectId: id,
        details: {
          kind: change.kind,
          authorityId: change.authorityId,
          proposedBy: change.proposedById,
          keyId: decided.key?.id ?? null,
          channelId: decided.channel?.id ?? null,
        },
      });
      const authority = await tx.authority.findUniqueOrThrow({
        where: { id: change.authorityId },
        include: DETAIL_INCLUDE,
      });
      return { change: registryChangeView(decided), authority: toDetail(authority) };
    },
  });
}
