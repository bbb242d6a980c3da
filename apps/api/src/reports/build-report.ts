import {
  ALL,
  type Changelog,
  COUNT_FIELDS,
  type CountField,
  type DsaRow,
  type ReportDocument,
  type ReportPeriod,
  type ReportRow,
} from '@writ/contracts';
import { band } from './band.js';
import type { CountedDsaRow, CountedRow } from './count-period.js';

export interface ReportHeader {
  period: ReportPeriod;
  version: number;
  threshold: number;
  countedAt: Date;
  changelog: Changelog | null;
  previousSha256: string | null;
}

/** Hours to 2 decimals: the medians are published, and minutes are as precise as the DSA asks. */
function hours(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

/**
 * The published row: every count banded with the same threshold, the share only where both of its counts are
 * exact (a share of a banded count would give the count back).
 */
export function publishRow(row: CountedRow, threshold: number): ReportRow {
  const cells = Object.fromEntries(COUNT_FIELDS.map((field) => [field, band(row.counts[field], threshold)])) as Record<
    CountField,
    ReportRow[CountField]
  >;
  const received = row.counts.requestsReceived;
  const disclosed = row.counts.requestsWithDataDisclosed;
  const exact = typeof cells.requestsReceived === 'number' && typeof cells.requestsWithDataDisclosed === 'number';
  return {
    country: row.country ?? ALL,
    legalProcess: (row.legalProcess ?? ALL) as ReportRow['legalProcess'],
    ...cells,
    shareWithDataDisclosed: exact && received > 0 ? Math.round((disclosed / received) * 10_000) / 10_000 : null,
    medianHoursToAcknowledge: hours(row.medianHoursToAcknowledge),
    medianHoursToGiveEffect: hours(row.medianHoursToGiveEffect),
  };
}

export function publishDsaRow(row: CountedDsaRow, threshold: number): DsaRow {
  return {
    scope: row.country ?? 'TOTAL',
    category: row.category === null ? 'TOTAL' : `STATEMENT_CATEGORY_${row.category}`,
    orders: band(row.orders, threshold),
    medianHoursToAcknowledge: hours(row.medianHoursToAcknowledge),
    medianHoursToGiveEffect: hours(row.medianHoursToGiveEffect),
  };
}

/** Rows in reading order: cells by country then legal process, each country's total after its cells, then the
 * totals by legal process, and the grand total last. */
function rowOrder(row: ReportRow): string {
  return `${row.country === ALL ? '~' : row.country}|${row.legalProcess === ALL ? '~' : row.legalProcess}`;
}

export function buildReport(header: ReportHeader, rows: CountedRow[], dsa: CountedDsaRow[]): ReportDocument {
  const { period } = header;
  const last = new Date(period.end.getTime() - 86_400_000);
  const published = rows.map((row) => publishRow(row, header.threshold));
  // An empty period still has its grand total, all zeros: "nothing happened" is a figure too.
  if (!published.some((row) => row.country === ALL && row.legalProcess === ALL)) {
    published.push(publishRow(emptyTotal(), header.threshold));
  }
  published.sort((a, b) => (rowOrder(a) < rowOrder(b) ? -1 : rowOrder(a) > rowOrder(b) ? 1 : 0));
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
    rows: published,
    dsa: dsa.map((row) => publishDsaRow(row, header.threshold)),
  };
}

function emptyTotal(): CountedRow {
  return {
    country: null,
    legalProcess: null,
    counts: Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<CountField, number>,
    medianHoursToAcknowledge: null,
    medianHoursToGiveEffect: null,
  };
}
