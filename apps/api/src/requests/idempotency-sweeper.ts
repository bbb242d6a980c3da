import { Inject, Injectable } from '@nestjs/common';
import { BatchSweeper } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { retentionMs } from './idempotency.js';

/**
 * Every Writ process on this database takes the same transaction-scoped advisory lock per batch, so only one
 * sweeps at a time (the integrator's lock is 0x77726974; this one differs). Passed as bigint: it is wider than int4.
 */
export const SWEEPER_LOCK = 0x7772_6974_6964n; // "writid"
/** Rows deleted per transaction: small enough that a long backlog never holds locks or WAL for long. */
export const SWEEP_BATCH = 1000;

/**
 * Deletes Idempotency-Key records older than the retention window (idempotency.ts), oldest first, in batches, every
 * IDEMPOTENCY_SWEEP_INTERVAL_MS (BatchSweeper). Each batch is its own transaction under the advisory lock, and picks its rows
 * with FOR UPDATE SKIP LOCKED, so it never waits for (or deletes from under) a claim that holds an expired row.
 */
@Injectable()
export class IdempotencySweeper extends BatchSweeper {
  private readonly retention: number;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(ENV) env: Env,
  ) {
    super('IdempotencySweeper', env.IDEMPOTENCY_SWEEP_INTERVAL_MS, SWEEP_BATCH);
    this.retention = retentionMs(env);
  }

  /** One batch; 0 when another process holds the lock (it is sweeping the same rows). */
  protected sweepBatch(batchSize: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${SWEEPER_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return 0;
      // Served by idempotency_record_created_at_idx: the oldest rows first, without reading the live ones.
      return tx.$executeRaw`
        DELETE FROM idempotency_record
         WHERE (staff_id, route, key) IN (
           SELECT staff_id, route, key FROM idempotency_record
            WHERE created_at < now() - ${this.retention}::bigint * interval '1 millisecond'
            ORDER BY created_at
            LIMIT ${batchSize}
              FOR UPDATE SKIP LOCKED)`;
    });
  }
}
