import type { ReportVersion } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';
import { selectReports, versionOf } from './report-view.js';

export function noDraft(id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `There is no draft report ${id}: it was published or discarded already, or never existed. The list of drafts shows those still waiting.`,
  );
}

/**
 * Publishes a draft as drafted, when a different admin approves it (four eyes, as for staff changes; the database
 * repeats the rule). Its SHA-256 goes into the log as the `report.published` event, which the report keeps.
 */
export async function approveReportDraft(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  now = new Date(),
): Promise<ReportVersion> {
  // The row lock makes a concurrent approval or discard of the same draft wait and then find it gone.
  const [draft] = await tx.$queryRaw<
    { period: string; version: number; threshold: number; sha256: string; drafted_by_id: string }[]
  >`SELECT period, version, threshold, sha256, drafted_by_id::text FROM report
    WHERE id = ${id}::uuid AND status = 'DRAFT' FOR UPDATE`;
  if (!draft) throw noDraft(id);
  if (draft.drafted_by_id === actor.staffId) {
    throw new AppError(
      'FOUR_EYES_REQUIRED',
      `You drafted this ${draft.period} report; another admin must approve it (four eyes).`,
    );
  }
  const eventId = await audit.record(tx, {
    actor,
    action: 'report.published',
    subjectType: 'report',
    subjectId: id,
    details: {
      period: draft.period,
      version: draft.version,
      threshold: draft.threshold,
      sha256: draft.sha256,
      draftedBy: `staff:${draft.drafted_by_id}`,
    },
  });
  await tx.$executeRaw`
    UPDATE report SET status = 'PUBLISHED', approved_by_id = ${actor.staffId}::uuid, published_at = ${now},
           audit_event_id = ${eventId}
    WHERE id = ${id}::uuid`;
  const [row] = await selectReports(tx, Prisma.sql`r.id = ${id}::uuid`, true);
  return versionOf(row!);
}
