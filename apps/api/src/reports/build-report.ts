import {
  ALL,
  type Cell,
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
import { type CellKey, cellValues, dsaKey, type Hidden, hiddenCells, reportRelations, rowKey } from './suppress.js';

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
 * A median over fewer requests than the threshold is withheld (null): with 1–9 requests behind it, it is close to
 * one person's timing, and the row's count is banded anyway.
 */
function median(value: number | null, over: number, threshold: number): number | null {
  return over < threshold ? null : hours(value);
}

/** How a count is printed: exact, the band "1–<threshold − 1>", or "≥<threshold>" when withheld as a complement. */
export function publishCell(count: number, hidden: Hidden | undefined, threshold: number): Cell {
  if (hidden === 'withheld') return `≥${threshold}`;
  return band(count, threshold);
}

/**
 * The published row: every count banded or withheld as `hidden` says, the share only where both of its counts
 * are exact (a share of a hidden count would give the count back).
 */
export function publishRow(row: CountedRow, threshold: number, hidden: ReadonlyMap<CellKey, Hidden>): ReportRow {
  const cells = Object.fromEntries(
    COUNT_FIELDS.map((field) => [
      field,
      publishCell(row.counts[field], hidden.get(rowKey(row.country, row.legalProcess, field)), threshold),
    ]),
  ) as Record<CountField, ReportRow[CountField]>;
  const received = row.counts.requestsReceived;
  const disclosed = row.counts.requestsWithDataDisclosed;
  const exact = typeof cells.requestsReceived === 'number' && typeof cells.requestsWithDataDisclosed === 'number';
  return {
    country: row.country ?? ALL,
    legalProcess: (row.legalProcess ?? ALL) as ReportRow['legalProcess'],
    ...cells,
    shareWithDataDisclosed: exact && received > 0 ? Math.round((disclosed / received) * 10_000) / 10_000 : null,
    medianHoursToAcknowledge: median(row.medianHoursToAcknowledge, row.acknowledged, threshold),
    medianHoursToGiveEffect: median(row.medianHoursToGiveEffect, row.answered, threshold),
  };
}

export function publishDsaRow(row: CountedDsaRow, threshold: number, hidden: ReadonlyMap<CellKey, Hidden>): DsaRow {
  return {
    scope: row.country ?? 'TOTAL',
    category: row.category === null ? 'TOTAL' : `STATEMENT_CATEGORY_${row.category}`,
    orders: publishCell(row.orders, hidden.get(dsaKey(row.country, row.category)), threshold),
    medianHoursToAcknowledge: median(row.medianHoursToAcknowledge, row.acknowledged, threshold),
    medianHoursToGiveEffect: median(row.medianHoursToGiveEffect, row.answered, threshold),
  };
}

/** Rows in reading order: cells by country then legal process, each country's total after its cells, then the
 * totals by legal process, and the grand total last. */
function rowOrder(row: ReportRow): string {
  return `${row.country === ALL ? '~' : row.country}|${row.legalProcess === ALL ? '~' : row.legalProcess}`;
}

/**
 * A period's rows and DSA rows as published: banded, complements withheld, in reading order. The canary prints
 * the grand total from here too, so that it never gives back a figure the report withholds.
 */
export function publishedRows(
  rows: readonly CountedRow[],
  dsa: readonly CountedDsaRow[],
  threshold: number,
): { rows: ReportRow[]; dsa: DsaRow[] } {
  // An empty period still has its grand total, all zeros: "nothing happened" is a figure too.
  const all = rows.some((row) => row.country === null && row.legalProcess === null) ? rows : [...rows, emptyTotal()];
  const hidden = hiddenCells(cellValues(all, dsa), reportRelations(all, dsa), threshold);
  const published = all.map((row) => publishRow(row, threshold, hidden));
  published.sort((a, b) => (rowOrder(a) < rowOrder(b) ? -1 : rowOrder(a) > rowOrder(b) ? 1 : 0));
  return { rows: published, dsa: dsa.map((row) => publishDsaRow(row, threshold, hidden)) };
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

function emptyTotal(): CountedRow {
  return {
    country: null,
    legalProcess: null,
    counts: Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Record<CountField, number>,
    medianHoursToAcknowledge: null,
    medianHoursToGiveEffect: null,
    acknowledged: 0,
    answered: 0,
  };
}
