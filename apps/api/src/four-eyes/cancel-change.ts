import type { AuditInput } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { type ChangeRow, type ChangeTable, changes, type FourEyesContext } from './change-table.js';
import { decideChange } from './decide-change.js';

/** Withdrawn by its proposer, and only by them; anyone else rejects it. */
export function cancelChange<Row extends ChangeRow, View>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, View>,
  admin: Identity,
  id: string,
  reason: string | undefined,
): Promise<View> {
  return decideChange(ctx, table, id, async (tx, change) => {
    if (change.proposedById !== admin.staffId) {
      throw new AppError(
        'NOT_PROPOSER',
        `Only the admin who proposed this change can cancel it; reject it with POST ${table.route}/${id}/reject.`,
      );
    }
    const now = new Date();
    const decided = await changes(tx, table).update({
      where: { id },
      data: { status: 'CANCELLED', decidedAt: now, reason: reason ?? null },
      include: table.include,
    });
    await ctx.audit.record(tx, {
      actor: admin,
      action: `${table.table}.cancelled`,
      subjectType: table.table,
      subjectId: id,
      details: { kind: change.kind, ...table.subject(change) },
      ...(reason ? { personal: { reason } } : {}),
    } as AuditInput); // one of two declared actions, picked by table; prepareEvent checks the details
    return table.view(decided, now);
  });
}
