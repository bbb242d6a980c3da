import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { BatchSweeper } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';

const SYSTEM = { system: 'registry-change-expiry' };
/** One process at a time closes expired registry changes (the staff-change sweeper has "writsc"). */
export const REGISTRY_EXPIRY_LOCK = 0x7772_6974_7263n; // "writrc"
const EXPIRY_BATCH = 100;

/** Closes the PENDING registry changes (matching `where`) whose time is up, each with its audit event. */
export async function expireDueRegistryChanges(
  tx: Tx,
  audit: AuditService,
  where: Prisma.RegistryChangeWhereInput,
): Promise<number> {
  const due = await tx.registryChange.findMany({
    where: { AND: [where, { status: 'PENDING', expiresAt: { lte: new Date() } }] },
  });
  for (const change of due) {
    await tx.registryChange.update({
      where: { id: change.id },
      data: { status: 'EXPIRED', decidedAt: change.expiresAt },
    });
    await audit.record(tx, {
      actor: SYSTEM,
      action: 'registry_change.expired',
      subjectType: 'registry_change',
      subjectId: change.id,
      details: { kind: change.kind, authorityId: change.authorityId, proposedBy: change.proposedById },
    });
  }
  return due.length;
}

/** Closes expired registry changes every REGISTRY_CHANGE_SWEEP_INTERVAL_MS, so each expiry is in the audit log. */
@Injectable()
export class RegistryChangeExpiry extends BatchSweeper {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) env: Env,
  ) {
    super('RegistryChangeExpiry', env.REGISTRY_CHANGE_SWEEP_INTERVAL_MS, EXPIRY_BATCH);
  }

  protected sweepBatch(batchSize: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${REGISTRY_EXPIRY_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return 0;
      const ids = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM registry_change WHERE status = 'PENDING' AND expires_at <= now()
         ORDER BY expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      if (ids.length === 0) return 0;
      return expireDueRegistryChanges(tx, this.audit, { id: { in: ids.map((row) => row.id) } });
    });
  }
}
