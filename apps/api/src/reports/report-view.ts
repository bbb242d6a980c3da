import {
  type Changelog,
  ReportDocument,
  type ReportDraft,
  type ReportDraftSummary,
  type ReportVersion,
  type ReportVersionSummary,
} from '@writ/contracts';
import type { Tx } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';

interface ReportRowSql {
  id: string;
  period: string;
  version: number;
  status: 'DRAFT' | 'PUBLISHED';
  threshold: number;
  sha256: string;
  changelog: Changelog | null;
  drafted_at: Date;
  published_at: Date | null;
  log_index: bigint | null;
  drafted_by_id: string;
  document?: string;
}

/** Reads report versions with their log index, which the log gives once the integrator sequenced the event. */
export async function selectReports(tx: Tx, where: Prisma.Sql, withDocument: boolean): Promise<ReportRowSql[]> {
  return tx.$queryRaw<ReportRowSql[]>`
    SELECT r.id, r.period, r.version, r.status::text AS status, r.threshold, r.sha256, r.changelog, r.drafted_at,
           r.published_at, le.index AS log_index, r.drafted_by_id::text AS drafted_by_id
           ${withDocument ? Prisma.sql`, r.document` : Prisma.empty}
    FROM report r LEFT JOIN log_entry le ON le.event_id = r.audit_event_id
    WHERE ${where}
    ORDER BY r.period DESC, r.version DESC`;
}

export function summaryOf(row: ReportRowSql): ReportVersionSummary {
  return {
    id: row.id,
    period: row.period,
    version: row.version,
    status: row.status,
    sha256: row.sha256,
    threshold: row.threshold,
    changelog: row.changelog,
    draftedAt: row.drafted_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    logIndex: row.log_index === null ? null : Number(row.log_index),
  };
}

export function versionOf(row: ReportRowSql): ReportVersion {
  const canonical = row.document!;
  // The threshold and the changelog are in the document itself.
  const { threshold: _threshold, changelog: _changelog, ...summary } = summaryOf(row);
  return { ...summary, document: ReportDocument.parse(JSON.parse(canonical)), canonical };
}

/** A draft's summary for admins: who drafted it too. */
export function draftSummaryOf(row: ReportRowSql): ReportDraftSummary {
  return { ...summaryOf(row), draftedBy: row.drafted_by_id };
}

export function draftOf(row: ReportRowSql): ReportDraft {
  return { ...versionOf(row), draftedBy: row.drafted_by_id };
}
