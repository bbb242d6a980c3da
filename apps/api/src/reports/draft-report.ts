import { randomUUID } from 'node:crypto';
import { type DraftReportRequest, parsePeriod, type ReportDraft } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';
import { buildReport } from './build-report.js';
import { countDsaOrders, countPeriod } from './count-period.js';
import { encodeReport } from './encode-report.js';
import { draftOf, selectReports } from './report-view.js';

export function draftPending(period: string, draftId?: string, what: 'report' | 'canary' = 'report'): AppError {
  return new AppError(
    'REPORT_DRAFT_PENDING',
    `A draft of the ${period} ${what} already waits for approval: have another admin approve it` +
      (what === 'report' ? ', or discard it first.' : '.'),
    draftId ? { draftId } : undefined,
  );
}

/**
 * Counts the period now and keeps the result as the next version's draft. The figures are frozen here: the
 * approver publishes exactly what they were shown, byte for byte. Run in a REPEATABLE READ transaction, so the
 * report's two counts see the same requests.
 */
export async function draftReport(
  tx: Tx,
  db: Pick<PrismaService, 'inSnapshot'>,
  audit: AuditService,
  actor: Identity,
  input: DraftReportRequest,
  threshold: number,
  now = new Date(),
): Promise<ReportDraft> {
  const period = parsePeriod(input.period)!;
  if (period.end > now) {
    throw new AppError(
      'REPORT_PERIOD_OPEN',
      `${period.id} runs until ${period.end.toISOString().slice(0, 10)}; its report can be drafted once it has ended.`,
    );
  }
  const pending = await tx.report.findFirst({ where: { period: period.id, status: 'DRAFT' }, select: { id: true } });
  if (pending) throw draftPending(period.id, pending.id);
  const previous = await tx.report.findFirst({
    where: { period: period.id, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { version: true, sha256: true },
  });
  const version = (previous?.version ?? 0) + 1;
  if (previous && !input.changelog) {
    throw new AppError(
      'CHANGELOG_REQUIRED',
      `${period.id} has a published version ${previous.version}; a correction must say what changed and why (changelog.changes, changelog.reason).`,
    );
  }
  if (!previous && input.changelog) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${period.id} has no published version yet, so there is nothing to correct: leave out the changelog.`,
      { issues: [{ path: ['changelog'], message: 'only for corrections' }] },
    );
  }

  // Each count keeps one core busy for about as long as the other (bench/reports.bench.ts): the DSA count runs on a
  // second connection that imports this transaction's snapshot, so both cores work and both still count exactly
  // the same requests.
  const [exported] = await tx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
  const [rows, dsa] = await Promise.all([
    countPeriod(tx, period.start, period.end, now),
    db.inSnapshot(exported!.snapshot, (sql) => countDsaOrders(sql, period.start, period.end, now)),
  ]);
  const changelog = input.changelog ?? null;
  const document = buildReport(
    { period, version, threshold, countedAt: now, changelog, previousSha256: previous?.sha256 ?? null },
    rows,
    dsa,
  );
  const { canonical, sha256 } = encodeReport(document);
  const id = randomUUID();
  await tx.report.create({
    data: {
      id,
      period: period.id,
      periodStart: period.start,
      periodEnd: period.end,
      version,
      threshold,
      document: canonical,
      sha256,
      changelog: changelog ?? Prisma.DbNull,
      draftedById: actor.staffId,
      draftedAt: now,
    },
    select: { id: true },
  });
  await audit.record(tx, {
    actor,
    action: 'report.drafted',
    subjectType: 'report',
    subjectId: id,
    details: { period: period.id, version, threshold, sha256 },
  });
  const [row] = await selectReports(tx, Prisma.sql`r.id = ${id}::uuid`, true);
  return draftOf(row!);
}
