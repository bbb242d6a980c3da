import type { AuditInput } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { type ChangeRow, type ChangeTable, changes, type FourEyesContext } from './change-table.js';

/**
 * Closes a change without applying it, with its audit event: REJECTED by another admin (who is its decider), or
 * CANCELLED by its proposer. A reason may name people, so it is published only as a commitment.
 */
export async function closeChange<Row extends ChangeRow, View>(
  tx: Tx,
  ctx: FourEyesContext,
  table: ChangeTable<Row, View>,
  change: Row,
  admin: Identity,
  close: { status: 'REJECTED' | 'CANCELLED'; reason: string | undefined },
): Promise<View> {
  const now = new Date();
  const rejected = close.status === 'REJECTED';
  const decided = await changes(tx, table).update({
    where: { id: change.id },
    data: {
      status: close.status,
      decidedAt: now,
      reason: close.reason ?? null,
      ...(rejected ? { decidedById: admin.staffId } : {}),
    },
    include: table.include,
  });
  await ctx.audit.record(tx, {
    actor: admin,
    action: `${table.table}.${rejected ? 'rejected' : 'cancelled'}`,
    subjectType: table.table,
    subjectId: change.id,
    details: { kind: change.kind, ...table.subject(change), ...(rejected ? { proposedBy: change.proposedById } : {}) },
    ...(close.reason ? { personal: { reason: close.reason } } : {}),
  } as AuditInput); // one of four declared actions, picked by table and status; prepareEvent checks the details
  return table.view(decided, now);
}
