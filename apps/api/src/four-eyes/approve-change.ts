import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import type { ChangeRow, ChangeTable, FourEyesContext } from './change-table.js';
import { assertActiveAdmin, assertProposerStillAdmin, decideChange, refuseProposer } from './decide-change.js';

export interface ApproveChangeOptions<Row extends ChangeRow, T> {
  /** The table's own refusals, after the shared ones (an account's own change, for staff). */
  check?: (change: Row) => void;
  /** Marks the change APPROVED and carries it out, with their audit events: everything is checked again. */
  apply: (tx: Tx, change: Row) => Promise<T>;
  /** See decideChange. */
  settle?: <U>(write: Promise<U>) => Promise<U>;
}

/** Approval by an admin other than the proposer, who is still an admin too; applied in the same transaction. */
export function approveChange<Row extends ChangeRow, T>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, unknown>,
  approver: Identity,
  id: string,
  options: ApproveChangeOptions<Row, T>,
): Promise<T> {
  return decideChange(
    ctx,
    table,
    id,
    async (tx, change) => {
      refuseProposer(table, change, approver, 'approve');
      options.check?.(change);
      await assertActiveAdmin(tx, table, approver.staffId);
      await assertProposerStillAdmin(tx, table, change);
      return options.apply(tx, change);
    },
    options.settle,
  );
}
