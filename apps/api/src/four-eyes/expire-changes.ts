import { Prisma } from '../generated/prisma/client.js';
import type { AuditInput, AuditService } from '../audit/index.js';
import { BatchSweeper } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import { type ChangeRow, type ChangeTable, changes } from './change-table.js';

const EXPIRY_BATCH = 100;

/**
 * Closes the PENDING changes (matching `where`) whose time is up, each as EXPIRED with its audit event, in the
 * caller's transaction. Returns how many it closed.
 */
export async function expireDue<Row extends ChangeRow>(
  tx: Tx,
  audit: AuditService,
  table: ChangeTable<Row, unknown>,
  where: object,
): Promise<number> {
  const due = await changes(tx, table).findMany({
    where: { AND: [where, { status: 'PENDING', expiresAt: { lte: new Date() } }] },
    include: table.include,
  });
  for (const change of due) {
    await changes(tx, table).update({
      where: { id: change.id },
      data: { status: 'EXPIRED', decidedAt: change.expiresAt },
    });
    await audit.record(tx, {
      actor: { system: `${table.table.replace('_', '-')}-expiry` },
      action: `${table.table}.expired`,
      subjectType: table.table,
      subjectId: change.id,
      details: { kind: change.kind, ...table.subject(change), proposedBy: change.proposedById },
    } as AuditInput); // the action is one of two declared ones, picked by table; prepareEvent checks the details
  }
  return due.length;
}

/**
 * Closes a table's expired changes every `intervalMs`, so each expiry is in the audit log within about that long,
 * and not only when someone next touches the change (a read already shows it as EXPIRED). Rows a decision holds are
 * skipped (SKIP LOCKED): that decision closes them itself.
 */
export abstract class ChangeExpirySweeper<Row extends ChangeRow> extends BatchSweeper {
  protected constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly table: ChangeTable<Row, unknown>,
    intervalMs: number,
  ) {
    super(new.target.name, intervalMs, EXPIRY_BATCH);
  }

  protected sweepBatch(batchSize: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${this.table.expiryLock}::bigint) AS locked`;
      if (!lock?.locked) return 0;
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM ${Prisma.raw(this.table.table)} WHERE status = 'PENDING' AND expires_at <= now()
         ORDER BY expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (ids.length === 0) return 0;
      return expireDue(tx, this.audit, this.table, { id: { in: ids.map((row) => row.id) } });
    });
  }
}
