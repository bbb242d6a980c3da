import { LegalProcess } from '../../domain.js';
import { ALL, type Cell, COUNT_FIELDS, type CountField, type DsaRow, type ReportRow } from '../report.js';
import { band } from './band.js';
import type { CountedDsaRow, CountedRow } from './counted.js';
import { type CellKey, cellValues, dsaKey, type Hidden, hiddenCells, reportRelations, rowKey } from './suppress.js';

// How counted figures become the published ones: banded, complements withheld (suppress.ts), medians and shares
// only where they say nothing about one person. The API publishes with it, and writ-verify report recounts with it,
// so a recount is held to exactly the cells the report should print.

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
  const given = rows.some((row) => row.country === null && row.legalProcess === null) ? rows : [...rows, emptyTotal()];
  // One order whoever counted (the database, or a recount from the log): where two counts could serve as the
  // complement, the same one is withheld.
  const all = [...given].sort(
    (a, b) => compareKeys(a.country, b.country) || compareProcess(a.legalProcess, b.legalProcess),
  );
  const orders = [...dsa].sort((a, b) => compareKeys(a.country, b.country) || compareKeys(a.category, b.category));
  const hidden = hiddenCells(cellValues(all, orders), reportRelations(all, orders), threshold);
  const published = all.map((row) => publishRow(row, threshold, hidden));
  published.sort((a, b) => (rowOrder(a) < rowOrder(b) ? -1 : rowOrder(a) > rowOrder(b) ? 1 : 0));
  return { rows: published, dsa: orders.map((row) => publishDsaRow(row, threshold, hidden)) };
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

/** Keys in code-point order, a total (null) after its parts: as the database's ORDER BY … NULLS LAST in C collation. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Legal processes in their declared order (the database enum's), a total after them. */
function compareProcess(a: string | null, b: string | null): number {
  const rank = (p: string | null) => (p === null ? Infinity : LegalProcess.options.indexOf(p as LegalProcess));
  return compareKeys(a, b) === 0 ? 0 : rank(a) - rank(b) || compareKeys(a, b);
}
