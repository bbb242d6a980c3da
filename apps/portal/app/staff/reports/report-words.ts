import { parsePeriod, type ReportPeriod } from '@writ/contracts';

// Words of the report and canary screens, on the server and in the browser alike.

/** The first and last day of a period, both inclusive, as the public report page states them. */
export function periodDays(period: ReportPeriod): string {
  const last = new Date(period.end.getTime() - 86_400_000);
  return `${period.start.toISOString().slice(0, 10)} to ${last.toISOString().slice(0, 10)}`;
}

/** "2026-H1 (2026-01-01 to 2026-06-30)"; the id alone if it names no period. */
export function periodWords(id: string): string {
  const period = parsePeriod(id);
  return period ? `${id} (${periodDays(period)})` : id;
}

/** The public page of a published version: the period's own address for its latest version. */
export function publicReportHref(period: string, version?: number): string {
  return version === undefined ? `/reports/${period}` : `/reports/${period}?version=${version}`;
}
