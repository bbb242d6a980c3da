import type { Identity } from '../auth/index.js';
import type { ChangeRow, ChangeTable, FourEyesContext } from './change-table.js';
import { closeChange } from './close-change.js';
import { decideChange, refuseProposer } from './decide-change.js';

export interface RejectChangeOptions<Row extends ChangeRow> {
  reason: string;
  /** The table's own refusals, after the shared one (an account's own change, for staff). */
  check?: (change: Row) => void;
}

/** Rejected, with a reason, by an admin other than the proposer. */
export function rejectChange<Row extends ChangeRow, View>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, View>,
  admin: Identity,
  id: string,
  options: RejectChangeOptions<Row>,
): Promise<View> {
  return decideChange(ctx, table, id, (tx, change) => {
    refuseProposer(table, change, admin, 'reject');
    options.check?.(change);
    return closeChange(tx, ctx, table, change, admin, { status: 'REJECTED', reason: options.reason });
  });
}
