import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { BatchSweeper } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';

const SYSTEM = { system: 'staff-change-expiry' };
/** One process at a time closes expired changes (other Writ locks: "writ" for the log, "writid" for keys). */
export const EXPIRY_LOCK = 0x7772_6974_7363n; // "writsc"
const EXPIRY_BATCH = 100;

/**
 * Closes the PENDING staff changes (matching `where`) whose time is up, each as EXPIRED with its audit event, in
 * the caller's transaction. Returns how many it closed.
 */
export async function expireDue(tx: Tx, audit: AuditService, where: Prisma.StaffChangeWhereInput): Promise<number> {
  const due = await tx.staffChange.findMany({
    where: { AND: [where, { status: 'PENDING', expiresAt: { lte: new Date() } }] },
  });
  for (const change of due) {
    await tx.staffChange.update({ where: { id: change.id }, data: { status: 'EXPIRED', decidedAt: change.expiresAt } });
    await audit.record(tx, {
      actor: SYSTEM,
      action: 'staff_change.expired',
      subjectType: 'staff_change',
      subjectId: change.id,
      details: { kind: change.kind, staffId: change.staffId, proposedBy: change.proposedById },
    });
  }
  return due.length;
}

/**
 * Closes expired staff changes every STAFF_CHANGE_SWEEP_INTERVAL_MS, so each expiry is in the audit log within
 * about that long, and not only when someone next touches the change (a read already shows it as EXPIRED). Rows a
 * decision holds are skipped (SKIP LOCKED): that decision closes them itself.
 */
@Injectable()
export class StaffChangeExpiry extends BatchSweeper {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) env: Env,
  ) {
    super('StaffChangeExpiry', env.STAFF_CHANGE_SWEEP_INTERVAL_MS, EXPIRY_BATCH);
  }

  protected sweepBatch(batchSize: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${EXPIRY_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return 0;
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM staff_change WHERE status = 'PENDING' AND expires_at <= now()
         ORDER BY expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (ids.length === 0) return 0;
      return expireDue(tx, this.audit, { id: { in: ids.map((row) => row.id) } });
    });
  }
}
