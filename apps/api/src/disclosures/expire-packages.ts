import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/index.js';
import { BatchSweeper } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { expirePackage, linkExpired } from './expire-package.js';
import { lockDisclosure } from './lock-disclosure.js';
import { deletePackageFiles } from './package-files.js';

/** One process at a time (other Writ locks: "writ" for the log, "writsc" for staff changes). */
const EXPIRY_LOCK = 0x7772_6974_6470n; // "writdp"
const EXPIRY_BATCH = 50;
const INTERVAL_MS = 60_000;

/**
 * Ends approved packages whose download link expired unused (expire-package.ts): files deleted, package EXPIRED,
 * request back to DECIDED, with their audit events. Undelivered personal data does not linger on disk, and the
 * request does not stay stuck in APPROVED. The link and the staff operations already treat the package as expired
 * from the instant its link runs out; this makes it so in the rows within a minute even if nobody looks.
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
      const now = new Date();
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM disclosure
         WHERE status = 'APPROVED' AND download_expires_at <= ${now}
         ORDER BY download_expires_at LIMIT ${batchSize}`;
      const expired: { id: string }[] = [];
      for (const row of due) {
        // Request first, then package: the order every other writer locks in.
        const locked = await lockDisclosure(tx, row.id);
        if (!linkExpired(locked.disclosure, now)) continue; // delivered, or given a new link, in the meantime
        await expirePackage(tx, this.audit, locked, now);
        expired.push(row);
      }
      return expired;
    });
    for (const row of expired) await deletePackageFiles(this.env.STORAGE_DIR, row.id);
    return expired.length;
  }
}
