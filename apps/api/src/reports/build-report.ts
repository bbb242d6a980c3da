import {
  type Changelog,
  type CountedDsaRow,
  type CountedRow,
  publishedRows,
  type ReportDocument,
  type ReportPeriod,
} from '@writ/contracts';

export interface ReportHeader {
  period: ReportPeriod;
  version: number;
  threshold: number;
  countedAt: Date;
  changelog: Changelog | null;
  previousSha256: string | null;
}

export function buildReport(header: ReportHeader, rows: CountedRow[], dsa: CountedDsaRow[]): ReportDocument {
  const { period } = header;
  const last = new Date(period.end.getTime() - 86_400_000);
  const published = publishedRows(rows, dsa, header.threshold);
  return {
    v: 1,
    period: period.id,
    granularity: period.granularity,
    periodStart: period.start.toISOString().slice(0, 10),
    periodEnd: last.toISOString().slice(0, 10),
    version: header.version,
    threshold: header.threshold,
    countedAt: header.countedAt.toISOString(),
    changelog: header.changelog,
    previousSha256: header.previousSha256,
    rows: published.rows,
    dsa: published.dsa,
  };
}
