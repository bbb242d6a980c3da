import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { ChangeRow, ChangeTable, FourEyesContext } from './change-table.js';
import { closeChange } from './close-change.js';
import { decideChange } from './decide-change.js';

/** Withdrawn by its proposer, and only by them; anyone else rejects it. */
export function cancelChange<Row extends ChangeRow, View>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, View>,
  admin: Identity,
  id: string,
  reason: string | undefined,
): Promise<View> {
  return decideChange(ctx, table, id, (tx, change) => {
    if (change.proposedById !== admin.staffId) {
      throw new AppError(
        'NOT_PROPOSER',
        'Only the admin who proposed this change can withdraw it; you can reject it instead, with a reason.',
      );
    }
    return closeChange(tx, ctx, table, change, admin, { status: 'CANCELLED', reason });
  });
}
