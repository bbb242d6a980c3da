import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { BatchSweeper } from '../common/batch-sweeper.js';
import type { Env } from '../config/env.js';
import { ENV } from '../config/env.module.js';
import { PrismaService } from '../database/prisma.service.js';
import { deletePackageFiles } from './package-files.js';

const SYSTEM = { system: 'disclosure-expiry' };
/** One process at a time (other Writ locks: "writ" for the log, "writsc" for staff changes). */
const EXPIRY_LOCK = 0x7772_6974_6470n; // "writdp"
const EXPIRY_BATCH = 50;
const INTERVAL_MS = 60_000;

/**
 * Deletes the files of approved packages whose download link expired unused, each with its audit event
 * (disclosure.link_expired): undelivered personal data does not linger on disk. The link already answers 410 from
 * its expiry on; this makes the deletion happen within a minute even if nobody tries it.
 */
@Injectable()
export class PackageExpiry extends BatchSweeper {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
  ) {
    // Tests call sweep() themselves.
    super('PackageExpiry', env.NODE_ENV === 'test' ? 0 : INTERVAL_MS, EXPIRY_BATCH);
  }

  protected async sweepBatch(batchSize: number): Promise<number> {
    const expired = await this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(${EXPIRY_LOCK}::bigint) AS locked`;
      if (!lock?.locked) return [];
      const due = await tx.$queryRaw<{ id: string; request_id: string }[]>`
        SELECT id, request_id FROM disclosure
         WHERE status = 'APPROVED' AND files_deleted_at IS NULL AND download_expires_at <= now()
         ORDER BY download_expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
      for (const row of due) {
        await tx.disclosure.update({
          where: { id: row.id },
          data: { filesDeletedAt: new Date() },
          select: { id: true },
        });
        await this.audit.record(tx, {
          actor: SYSTEM,
          action: 'disclosure.link_expired',
          subjectType: 'request',
          subjectId: row.request_id,
          details: { disclosureId: row.id },
        });
      }
      return due;
    });
    for (const row of expired) await deletePackageFiles(this.env.STORAGE_DIR, row.id);
    return expired.length;
  }
}
