import type { AuditInput } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { ChangeRow, ChangeTable, FourEyesContext } from './change-table.js';
import { changes } from './change-table.js';
import { decideChange, refuseProposer } from './decide-change.js';

export interface RejectChangeOptions<Row extends ChangeRow> {
  reason: string;
  /** The table's own refusals, after the shared one (an account's own change, for staff). */
  check?: (change: Row) => void;
}

/** Rejected by an admin other than the proposer; the reason may name people, so it is published as a commitment. */
export function rejectChange<Row extends ChangeRow, View>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, View>,
  admin: Identity,
  id: string,
  options: RejectChangeOptions<Row>,
): Promise<View> {
  return decideChange(ctx, table, id, async (tx, change) => {
    refuseProposer(table, change, admin, 'reject');
    options.check?.(change);
    const now = new Date();
    const decided = await changes(tx, table).update({
      where: { id },
      data: { status: 'REJECTED', decidedById: admin.staffId, decidedAt: now, reason: options.reason },
      include: table.include,
    });
    await ctx.audit.record(tx, {
      actor: admin,
      action: `${table.table}.rejected`,
      subjectType: table.table,
      subjectId: id,
      details: { kind: change.kind, ...table.subject(change), proposedBy: change.proposedById },
      personal: { reason: options.reason },
    } as AuditInput); // one of two declared actions, picked by table; prepareEvent checks the details
    return table.view(decided, now);
  });
}
