import { randomUUID } from 'node:crypto';
import { ALL, type CanaryDraft, canaryExpiry, parsePeriod, ReportDocument } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { canaryStatement } from './canary-statement.js';
import { canaryDraftView } from './read-canary.js';

/** Generates a period's canary from the requests as they stand now, as a draft for a second admin. */
export async function draftCanary(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  periodId: string,
  origin: string,
  now = new Date(),
): Promise<CanaryDraft> {
  const period = parsePeriod(periodId)!;
  if (period.end > now) {
    throw new AppError('REPORT_PERIOD_OPEN', `${period.id} has not ended yet; its canary can be drafted once it has.`);
  }
  const expiresAt = canaryExpiry(period);
  if (expiresAt <= now) {
    throw new AppError(
      'VALIDATION_FAILED',
      `A canary for ${period.id} would have expired on ${expiresAt.toISOString().slice(0, 10)}: draft one for a recent period.`,
      { issues: [{ path: ['period'], message: 'too old for a canary' }] },
    );
  }
  const existing = await tx.canary.findFirst({ where: { period: period.id }, select: { id: true, status: true } });
  if (existing?.status === 'PUBLISHED') {
    throw new AppError('ALREADY_EXISTS', `The ${period.id} canary is already published; there is one per period.`);
  }
  if (existing) {
    throw new AppError(
      'REPORT_DRAFT_PENDING',
      `A draft of the ${period.id} canary already waits for approval: have another admin approve it.`,
      { draftId: existing.id },
    );
  }
  // The figures are the period's published report's, cell for cell: counted again now, a figure that moved since
  // could make the rule withhold other cells, and the two together would give a band back.
  const report = await tx.report.findFirst({
    where: { period: period.id, status: 'PUBLISHED' },
    orderBy: { version: 'desc' },
    select: { version: true, sha256: true, document: true },
  });
  if (!report?.document) {
    throw new AppError(
      'REPORT_NOT_PUBLISHED',
      `The ${period.id} canary repeats the totals of the ${period.id} transparency report, which is not published yet: publish the report first.`,
    );
  }
  const document = ReportDocument.parse(JSON.parse(report.document));
  const total = document.rows.find((row) => row.country === ALL && row.legalProcess === ALL)!;
  const statement = canaryStatement({
    origin,
    period,
    generatedAt: now,
    expiresAt,
    threshold: document.threshold,
    report: { version: report.version, sha256: report.sha256 },
    total,
  });
  const id = randomUUID();
  const created = await tx.canary.create({
    data: { id, period: period.id, statement, draftedById: actor.staffId, draftedAt: now, expiresAt },
  });
  await audit.record(tx, {
    actor,
    action: 'canary.drafted',
    subjectType: 'canary',
    subjectId: id,
    details: { period: period.id, expiresAt: expiresAt.toISOString(), reportVersion: report.version },
  });
  return canaryDraftView(created, now);
}
