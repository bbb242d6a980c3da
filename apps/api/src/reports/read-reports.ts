import type { ReportDraft, ReportDraftList, ReportList, ReportVersion } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';
import { draftOf, draftSummaryOf, selectReports, summaryOf, versionOf } from './report-view.js';

export async function listReports(tx: Tx): Promise<ReportList> {
  const rows = await selectReports(tx, Prisma.sql`r.status = 'PUBLISHED'`, false);
  return { items: rows.map(summaryOf) };
}

export async function listDrafts(tx: Tx): Promise<ReportDraftList> {
  const rows = await selectReports(tx, Prisma.sql`r.status = 'DRAFT'`, false);
  return { items: rows.map(draftSummaryOf) };
}

export async function readDraft(tx: Tx, id: string): Promise<ReportDraft> {
  const [row] = await selectReports(tx, Prisma.sql`r.id = ${id}::uuid AND r.status = 'DRAFT'`, true);
  if (!row) throw notFound(`Draft report ${id}`);
  return draftOf(row);
}

/** A published version; without `version`, the period's latest (a correction supersedes what it corrects). */
export async function readPublished(tx: Tx, period: string, version?: number): Promise<ReportVersion> {
  const where =
    version === undefined
      ? Prisma.sql`r.period = ${period} AND r.status = 'PUBLISHED'`
      : Prisma.sql`r.period = ${period} AND r.version = ${version} AND r.status = 'PUBLISHED'`;
  const [row] = await selectReports(tx, where, true);
  if (!row)
    throw notFound(
      version === undefined ? `A published ${period} report` : `Version ${version} of the published ${period} report`,
    );
  return versionOf(row);
}

/** Which published version `version` (or, without it, the latest) is, and whether the log has sequenced it yet. */
export async function findPublished(
  tx: Tx,
  period: string,
  version?: number,
): Promise<{ version: number; sequenced: boolean } | undefined> {
  const [row] = await tx.$queryRaw<{ version: number; sequenced: boolean }[]>`
    SELECT r.version, le.index IS NOT NULL AS sequenced
    FROM report r LEFT JOIN log_entry le ON le.event_id = r.audit_event_id
    WHERE r.period = ${period} AND r.status = 'PUBLISHED'
      AND (${version ?? null}::int IS NULL OR r.version = ${version ?? null}::int)
    ORDER BY r.version DESC LIMIT 1`;
  return row;
}
