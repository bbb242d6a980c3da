/**
 * Recounts a published transparency report from the log's public leaves alone (`writ-verify report`): replays the
 * request and delivery events up to the moment the report was counted, counts the period's requests the way the
 * API's SQL does (apps/api/src/reports/count-period.ts), and compares every recounted figure with the cell as
 * printed (exact, the band "1–<t − 1>", or "≥t" withheld). Pure: no I/O, so it runs on leaves from a server or a
 * file alike.
 */
import { DISCLOSURE_FIELDS, type Replayed, replay } from './replay.js';

/** The EU Member States: the DSA table's scopes (Regulation (EU) 2022/2065, Annex I part 3). */
const EU = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));

const OUTCOME_FIELD: Record<string, string> = {
  DISCLOSED: 'requestsWithDataDisclosed',
  REJECTED_NOT_COURT_ORDER: 'rejectedNotCourtOrder',
  REJECTED_UNVERIFIED: 'rejectedUnverified',
  REJECTED_INVALID: 'rejectedInvalid',
  REJECTED_SCOPE: 'rejectedScope',
  NO_DATA: 'noData',
  WITHDRAWN: 'withdrawn',
  PENDING: 'pending',
};

/** Every count of a row: the leaves carry what each needs. */
export const RECOUNTED_FIELDS = [
  'requestsReceived',
  'accountsSpecified',
  ...DISCLOSURE_FIELDS,
  ...Object.values(OUTCOME_FIELD),
  'emergencyRequests',
  'contentDisclosures',
  'gagOrdersInForce',
  'usersNotified',
] as const;

/** Recounted too, from the counts above and the acknowledgement and answer times in the leaves. */
export const RECOUNTED_DERIVED = ['shareWithDataDisclosed', 'medianHoursToAcknowledge', 'medianHoursToGiveEffect'];

export interface PublishedReport {
  period: string;
  periodStart: string;
  periodEnd: string;
  threshold: number;
  countedAt: string;
  rows: Record<string, unknown>[];
  dsa: {
    scope: string;
    category: string;
    orders: unknown;
    medianHoursToAcknowledge?: unknown;
    medianHoursToGiveEffect?: unknown;
  }[];
}

/**
 * A row whose disclosure figures the log cannot give: some of its requests were delivered before delivery leaves
 * carried their counts. Those cells are neither confirmed nor contradicted, and never guessed.
 */
export interface Unrecounted {
  row: string;
  fields: readonly string[];
  uncountedDeliveries: number;
}

export interface Recount {
  /** Every published cell that differs from the recount; empty when they agree. */
  differences: Difference[];
  unrecounted: Unrecounted[];
}

export interface Difference {
  cell: string;
  published: unknown;
  /** null: the recount says the figure is withheld (a median over fewer requests than the threshold, say). */
  recounted: number | null;
}

/** Whether `cell` as printed is a true rendering of `count` under the report's threshold. */
export function shows(cell: unknown, count: number, threshold: number): boolean {
  if (typeof cell === 'number') return cell === count;
  if (typeof cell !== 'string') return false;
  if (cell === `1–${threshold - 1}`) return count >= 1 && count < threshold;
  if (cell === `≥${threshold}`) return count >= threshold;
  return false;
}

/** PostgreSQL's percentile_cont(0.5): the middle value, or the mean of the two middle ones. */
function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/**
 * A median in hours as the report prints it: to two decimals, and withheld (null) over fewer requests than the
 * threshold, as apps/api/src/reports/build-report.ts does. Seconds first, then hours, as the SQL computes it.
 */
function printedMedian(seconds: number[], threshold: number): number | null {
  if (seconds.length < threshold) return null;
  return Math.round((medianOf(seconds)! / 3600) * 100) / 100;
}

/** Hours from receipt to acknowledgement and to giving effect, of the requests that had them at `countedAt`. */
function timings(requests: readonly Replayed[], countedAt: number): { ack: number[]; effect: number[] } {
  const ack: number[] = [];
  const effect: number[] = [];
  for (const r of requests) {
    if (r.acknowledgedAt !== null && r.acknowledgedAt <= countedAt) ack.push((r.acknowledgedAt - r.receivedAt) / 1000);
    if (r.respondedAt !== null && r.respondedAt <= countedAt) effect.push((r.respondedAt - r.receivedAt) / 1000);
  }
  return { ack, effect };
}

/**
 * Every published cell that differs from the recount, and the rows whose disclosure figures the leaves cannot
 * give. The disclosure figures follow the same rules as the rest: a request counts in the period it was received
 * in, with what its deliveries logged up to `countedAt` released (the delivery may come after the period ends).
 */
export function recountReport(report: PublishedReport, leaves: readonly Uint8Array[]): Recount {
  const countedAt = Date.parse(report.countedAt);
  const start = Date.parse(`${report.periodStart}T00:00:00Z`);
  const end = Date.parse(`${report.periodEnd}T00:00:00Z`) + 86_400_000;
  const gagAt = Math.min(end, countedAt);
  const inPeriod = [...replay(leaves, countedAt).values()].filter((r) => r.receivedAt >= start && r.receivedAt < end);

  const rows = new Map<string, Record<string, number>>();
  const dsa = new Map<string, number>();
  /** Per row: deliveries whose leaf has no counts. */
  const uncounted = new Map<string, number>();
  const members = new Map<string, Replayed[]>();
  const member = (key: string, r: Replayed) => members.set(key, [...(members.get(key) ?? []), r]);
  const add = (key: string, field: string, n: number) => {
    const row = rows.get(key) ?? {};
    row[field] = (row[field] ?? 0) + n;
    rows.set(key, row);
  };
  for (const r of inPeriod) {
    for (const key of [`${r.country}|${r.legalProcess}`, `${r.country}|ALL`, `ALL|${r.legalProcess}`, 'ALL|ALL']) {
      add(key, 'requestsReceived', 1);
      add(key, 'accountsSpecified', r.targets.size);
      for (const field of DISCLOSURE_FIELDS) add(key, field, r.released[field]);
      if (r.uncountedDeliveries > 0) uncounted.set(key, (uncounted.get(key) ?? 0) + r.uncountedDeliveries);
      add(key, OUTCOME_FIELD[r.outcome] ?? `outcome ${r.outcome}`, 1);
      if (r.type === 'EMERGENCY') add(key, 'emergencyRequests', 1);
      if (r.hasNdo && (r.ndoEndsAt === null || r.ndoEndsAt >= gagAt)) add(key, 'gagOrdersInForce', 1);
      if (r.notifiedAt !== null && r.notifiedAt <= countedAt) add(key, 'usersNotified', 1);
      member(key, r);
    }
    if (EU.has(r.country)) {
      const category = `STATEMENT_CATEGORY_${r.category ?? 'NOT_SPECIFIED_ORDER'}`;
      for (const key of [`${r.country}|${category}`, `${r.country}|TOTAL`, `TOTAL|${category}`, 'TOTAL|TOTAL']) {
        dsa.set(key, (dsa.get(key) ?? 0) + 1);
        member(`DSA ${key}`, r);
      }
    }
  }

  const differences: Difference[] = [];
  const unrecounted: Unrecounted[] = [];
  const printed = new Set<string>();
  for (const row of report.rows) {
    const key = `${String(row.country)}|${String(row.legalProcess)}`;
    printed.add(key);
    const counted = rows.get(key) ?? {};
    const unknown = uncounted.get(key) ?? 0;
    if (unknown > 0) unrecounted.push({ row: key, fields: DISCLOSURE_FIELDS, uncountedDeliveries: unknown });
    for (const field of RECOUNTED_FIELDS) {
      if (unknown > 0 && (DISCLOSURE_FIELDS as readonly string[]).includes(field)) continue;
      const recounted = counted[field] ?? 0;
      if (!shows(row[field], recounted, report.threshold)) {
        differences.push({ cell: `${key} ${field}`, published: row[field], recounted });
      }
    }
    // The share is printed only where both of its counts are printed exactly.
    const received = counted.requestsReceived ?? 0;
    const exact = typeof row.requestsReceived === 'number' && typeof row.requestsWithDataDisclosed === 'number';
    const share =
      exact && received > 0
        ? Math.round(((counted.requestsWithDataDisclosed ?? 0) / received) * 10_000) / 10_000
        : null;
    if (row.shareWithDataDisclosed !== share) {
      differences.push({
        cell: `${key} shareWithDataDisclosed`,
        published: row.shareWithDataDisclosed,
        recounted: share,
      });
    }
    differences.push(...medianDifferences(key, row, members.get(key) ?? [], countedAt, report.threshold));
  }
  for (const [key, counted] of rows) {
    if (!printed.has(key))
      differences.push({
        cell: `${key} (row missing)`,
        published: undefined,
        recounted: counted.requestsReceived ?? 0,
      });
  }
  const dsaPrinted = new Set<string>();
  for (const row of report.dsa) {
    const key = `${row.scope}|${row.category}`;
    dsaPrinted.add(key);
    const recounted = dsa.get(key) ?? 0;
    if (!shows(row.orders, recounted, report.threshold)) {
      differences.push({ cell: `DSA ${key} orders`, published: row.orders, recounted });
    }
    differences.push(
      ...medianDifferences(`DSA ${key}`, row, members.get(`DSA ${key}`) ?? [], countedAt, report.threshold),
    );
  }
  for (const [key, recounted] of dsa) {
    if (!dsaPrinted.has(key)) differences.push({ cell: `DSA ${key} (row missing)`, published: undefined, recounted });
  }
  return { differences, unrecounted };
}

function medianDifferences(
  key: string,
  row: { medianHoursToAcknowledge?: unknown; medianHoursToGiveEffect?: unknown },
  requests: readonly Replayed[],
  countedAt: number,
  threshold: number,
): Difference[] {
  const { ack, effect } = timings(requests, countedAt);
  const differences: Difference[] = [];
  for (const [field, seconds] of [
    ['medianHoursToAcknowledge', ack],
    ['medianHoursToGiveEffect', effect],
  ] as const) {
    const recounted = printedMedian(seconds, threshold);
    if ((row[field] ?? null) !== recounted)
      differences.push({ cell: `${key} ${field}`, published: row[field], recounted });
  }
  return differences;
}
