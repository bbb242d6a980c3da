import { Prisma } from '../generated/prisma/client.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { type ChangeRow, type ChangeTable, changes, effectiveStatus, type FourEyesContext } from './change-table.js';
import { expireDue } from './expire-changes.js';

const EXPIRED = Symbol('expired');

/**
 * Runs `decide` on a change locked for a decision, in one transaction. A change no longer PENDING is refused; one
 * past its expiry is closed as EXPIRED (that commits) and then refused. `settle` wraps the transaction, for a
 * caller that must act once it has settled (the identity cache, after an approval that revokes tokens).
 */
export async function decideChange<Row extends ChangeRow, T>(
  ctx: FourEyesContext,
  table: ChangeTable<Row, unknown>,
  id: string,
  decide: (tx: Tx, change: Row) => Promise<T>,
  settle: <U>(write: Promise<U>) => Promise<U> = (write) => write,
): Promise<T> {
  const outcome = await settle(
    ctx.prisma.$transaction(async (tx) => {
      const change = await lockDecidable(tx, ctx, table, id);
      return change === EXPIRED ? EXPIRED : decide(tx, change);
    }),
  );
  if (outcome === EXPIRED) {
    throw new AppError(
      table.codes.expired,
      'This change waited too long for approval and expired; propose it again if it is still wanted.',
    );
  }
  return outcome;
}

async function lockDecidable<Row extends ChangeRow>(
  tx: Tx,
  ctx: FourEyesContext,
  table: ChangeTable<Row, unknown>,
  id: string,
): Promise<Row | typeof EXPIRED> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${Prisma.raw(table.table)} WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound(`This ${table.noun}`);
  const change = await changes(tx, table).findUniqueOrThrow({
    where: { id },
    include: table.include,
  });
  // Closed by the expiry sweeper (expire-changes.ts) or here: the same answer either way.
  if (change.status === 'EXPIRED') return EXPIRED;
  if (change.status !== 'PENDING') {
    throw new AppError(table.codes.notPending, `This change is ${change.status}: it can no longer be decided.`, {
      status: change.status,
    });
  }
  if (effectiveStatus(change) === 'EXPIRED') {
    await expireDue(tx, ctx.audit, table, { id });
    return EXPIRED;
  }
  return change;
}

/** Four eyes: whoever proposed a change neither approves nor rejects it (they may cancel it). */
export function refuseProposer(
  table: ChangeTable<ChangeRow, unknown>,
  change: ChangeRow,
  actor: Identity,
  verb: 'approve' | 'reject',
): void {
  if (change.proposedById !== actor.staffId) return;
  throw new AppError(
    'FOUR_EYES_REQUIRED',
    `You proposed this change, so another admin must ${verb} it` +
      (verb === 'reject' ? '; you can withdraw it yourself instead.' : '.'),
  );
}

/**
 * The approver was an admin when the request began (AccessGuard); the share lock keeps them one until this
 * transaction commits, so a role removal or a disable that lands meanwhile is waited for and then counts.
 */
export async function assertActiveAdmin(tx: Tx, table: ChangeTable<ChangeRow, unknown>, staffId: string) {
  const [approver] = await tx.$queryRaw<{ roles: string[]; disabled_at: Date | null }[]>`
    SELECT roles::text[] AS roles, disabled_at FROM staff WHERE id = ${staffId}::uuid FOR SHARE`;
  if (!approver || approver.disabled_at || !approver.roles.includes('ADMIN')) {
    throw new AppError('FORBIDDEN', `You are no longer an active admin, so you cannot approve ${table.noun}s.`);
  }
}

/** A proposal is only as good as its proposer: one who has since lost ADMIN or their account cannot be approved. */
export async function assertProposerStillAdmin(tx: Tx, table: ChangeTable<ChangeRow, unknown>, change: ChangeRow) {
  const proposer = await tx.staff.findUnique({
    where: { id: change.proposedById },
    select: { roles: true, disabledAt: true },
  });
  if (!proposer || proposer.disabledAt || !proposer.roles.includes('ADMIN')) {
    throw new AppError(
      table.codes.stale,
      'The admin who proposed this change is no longer an active admin, so it cannot be approved; reject it.',
    );
  }
}
