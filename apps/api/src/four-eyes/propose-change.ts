import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { isUniqueViolation, type PrismaService, type Tx } from '../database/index.js';
import { type ChangeRow, type ChangeTable, changes, type FourEyesContext } from './change-table.js';
import { expireDue } from './expire-changes.js';

export interface InsertProposalOptions {
  /** The row's own columns: kind, payload, what it is about, the target's version. */
  columns: object;
  /** How long it may wait for a decision. */
  ttlMs: number;
  /** The pending changes it would meet in the table's unique index (same kind for the same account, say). */
  samePlace: object;
}

/** Inserts a proposal in the caller's transaction; the caller writes its audit event beside it. */
export async function insertProposal<Row extends ChangeRow>(
  tx: Tx,
  ctx: FourEyesContext,
  table: ChangeTable<Row, unknown>,
  admin: Identity,
  options: InsertProposalOptions,
): Promise<Row> {
  // A change left pending past its expiry still holds its place in the unique index: close it first.
  await expireDue(tx, ctx.audit, table, options.samePlace);
  const now = new Date();
  return changes(tx, table).create({
    data: {
      ...options.columns,
      proposedById: admin.staffId,
      proposedAt: now,
      expiresAt: new Date(now.getTime() + options.ttlMs),
    },
    include: table.include,
  });
}

/**
 * Runs `prepare` and records the proposal it returns, in one transaction. A duplicate of a pending change fails
 * on the database's unique index; the transaction then ends, and `conflict` says which change it met.
 */
export async function proposeChange<P, V>(
  ctx: FourEyesContext,
  prepare: (tx: Tx) => Promise<P>,
  record: (tx: Tx, proposal: P) => Promise<V>,
  conflict: (error: unknown, proposal: P | undefined) => Promise<AppError | null>,
): Promise<V> {
  let proposal: P | undefined;
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      proposal = await prepare(tx);
      return record(tx, proposal);
    });
  } catch (error) {
    throw (await conflict(error, proposal)) ?? error;
  }
}

/** The 409 for a proposal that met a pending change in the same place (`samePlace`), naming that change. */
export async function pendingConflict(
  prisma: PrismaService,
  table: ChangeTable<ChangeRow, unknown>,
  error: unknown,
  samePlace: object | undefined,
  message: string,
): Promise<AppError | null> {
  if (!samePlace || !isUniqueViolation(error)) return null;
  const pending = await changes(prisma, table).findFirst({
    where: { status: 'PENDING', ...samePlace },
    select: { id: true },
  });
  return new AppError(table.codes.pending, message, { changeId: pending?.id ?? null });
}
