/**
 * Recounts a published transparency report from the log's public leaves alone (`writ-verify report`): replays the
 * request and delivery events up to the moment the report was counted, counts the period's requests the way the
 * API's SQL does (apps/api/src/reports/count-period.ts), publishes those counts by the same rule the API publishes
 * by (publishedRows in @writ/contracts: bands, complements withheld, medians and shares), and names every cell the
 * report prints otherwise. So a report that withholds a figure the rule would print, or prints one it would
 * withhold, is caught too, not only a wrong number. Pure: no I/O, so it runs on leaves from a server or a file.
 */
import { COUNT_FIELDS, type CountedDsaRow, type CountedRow, type CountField, publishedRows } from '@writ/contracts';
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
export const RECOUNTED_DERIVED = [
  'shareWithDataDisclosed',
  'medianHoursToAcknowledge',
  'medianHoursToGiveEffect',
] as const;

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
  /** Why the log cannot give these figures. */
  because: string;
}

export interface Recount {
  /** Every published cell that differs from the recount; empty when they agree. */
  differences: Difference[];
  unrecounted: Unrecounted[];
  /**
   * Whether every cell was held to the report's rule. With figures unknown to the log (unrecounted rows) the rule,
   * which looks at whole columns, cannot be re-applied: each cell is then held to its own recounted count.
   */
  byRule: boolean;
}

export interface Difference {
  cell: string;
  published: unknown;
  /** The figure as recounted; null: the recount says it is not given (a median over too few requests, say). */
  recounted: number | null;
  /** The cell the recount publishes, where it is not `recounted` itself: a band, or "≥t" withheld. */
  expected?: unknown;
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
  /** Per row: gag orders whose end the log does not give. */
  const endless = new Map<string, number>();
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
      if (r.hasNdo && !r.ndoEndKnown) endless.set(key, (endless.get(key) ?? 0) + 1);
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

  // The counts as the API's SQL would have them, published by the API's own rule.
  const counted: CountedRow[] = [...rows].map(([key, figures]) => {
    const [country, legalProcess] = key.split('|') as [string, string];
    return {
      country: country === 'ALL' ? null : country,
      legalProcess: legalProcess === 'ALL' ? null : legalProcess,
      counts: Object.fromEntries(COUNT_FIELDS.map((field) => [field, figures[field] ?? 0])) as Record<
        CountField,
        number
      >,
      ...medians(members.get(key) ?? [], countedAt),
    };
  });
  // As the SQL's empty grouping set: the DSA table has its TOTAL row even when no order came from the EU.
  const dsaCounts: CountedDsaRow[] = [...(dsa.size > 0 ? dsa : new Map([['TOTAL|TOTAL', 0]]))].map(([key, n]) => {
    const [scope, category] = key.split('|') as [string, string];
    return {
      country: scope === 'TOTAL' ? null : scope,
      category: category === 'TOTAL' ? null : category.replace(/^STATEMENT_CATEGORY_/, ''),
      orders: n,
      ...medians(members.get(`DSA ${key}`) ?? [], countedAt),
    };
  });
  const expected = publishedRows(counted, dsaCounts, report.threshold);

  const differences: Difference[] = [];
  const unrecounted: Unrecounted[] = [];
  // Figures the log does not give (deliveries without counts, gag orders without an end) are not judged. The rule
  // looks at whole columns and across them, so with any of those it cannot be re-applied: every other cell is then
  // held to its own recounted count, as printed exactly or as its band, and the share to the counts it is made of.
  const byRule = uncounted.size === 0 && endless.size === 0;
  const expectedRows = new Map(expected.rows.map((row) => [`${row.country}|${row.legalProcess}`, row]));
  const printed = new Set<string>();
  for (const row of report.rows) {
    const key = `${String(row.country)}|${String(row.legalProcess)}`;
    printed.add(key);
    const figures = rows.get(key) ?? {};
    const should = expectedRows.get(key);
    const unknown = uncounted.get(key) ?? 0;
    const unknownEnds = endless.get(key) ?? 0;
    if (unknown > 0) {
      unrecounted.push({
        row: key,
        fields: DISCLOSURE_FIELDS,
        because: `${unknown} delivered package(s) of this row were logged before delivery leaves carried their counts`,
      });
    }
    if (unknownEnds > 0) {
      unrecounted.push({
        row: key,
        fields: ['gagOrdersInForce'],
        because: `${unknownEnds} gag order(s) of this row were logged before intake leaves carried their end date`,
      });
    }
    for (const field of RECOUNTED_FIELDS) {
      if (unknown > 0 && (DISCLOSURE_FIELDS as readonly string[]).includes(field)) continue;
      if (unknownEnds > 0 && field === 'gagOrdersInForce') continue;
      const recounted = figures[field] ?? 0;
      const ok = byRule
        ? same(row[field], should?.[field as CountField] ?? 0)
        : shows(row[field], recounted, report.threshold);
      const rule = byRule ? should?.[field as CountField] : undefined;
      if (!ok) differences.push(difference(`${key} ${field}`, row[field], recounted, rule));
    }
    if (!byRule) {
      // The share is printed only where both of its counts are printed exactly.
      const received = figures.requestsReceived ?? 0;
      const exact = typeof row.requestsReceived === 'number' && typeof row.requestsWithDataDisclosed === 'number';
      const share =
        exact && received > 0
          ? Math.round(((figures.requestsWithDataDisclosed ?? 0) / received) * 10_000) / 10_000
          : null;
      if (!same(row.shareWithDataDisclosed ?? null, share)) {
        differences.push({
          cell: `${key} shareWithDataDisclosed`,
          published: row.shareWithDataDisclosed,
          recounted: share,
        });
      }
    }
    for (const field of RECOUNTED_DERIVED) {
      if (!byRule && field === 'shareWithDataDisclosed') continue;
      // The medians come from timings alone, whatever the rule withholds: held to the recount either way.
      const due = should?.[field] ?? null;
      if (!same(row[field] ?? null, due))
        differences.push({ cell: `${key} ${field}`, published: row[field], recounted: due });
    }
  }
  for (const [key, figures] of rows) {
    if (!printed.has(key))
      differences.push({
        cell: `${key} (row missing)`,
        published: undefined,
        recounted: figures.requestsReceived ?? 0,
      });
  }
  const expectedDsa = new Map(expected.dsa.map((row) => [`${row.scope}|${row.category}`, row]));
  const dsaPrinted = new Set<string>();
  for (const row of report.dsa) {
    const key = `${row.scope}|${row.category}`;
    dsaPrinted.add(key);
    const should = expectedDsa.get(key);
    const recounted = dsa.get(key) ?? 0;
    if (!(byRule ? same(row.orders, should?.orders ?? 0) : shows(row.orders, recounted, report.threshold))) {
      differences.push(difference(`DSA ${key} orders`, row.orders, recounted, byRule ? should?.orders : undefined));
    }
    for (const field of ['medianHoursToAcknowledge', 'medianHoursToGiveEffect'] as const) {
      const due = should?.[field] ?? null;
      if (!same(row[field] ?? null, due)) {
        differences.push({ cell: `DSA ${key} ${field}`, published: row[field], recounted: due });
      }
    }
  }
  for (const [key, recounted] of dsa) {
    if (!dsaPrinted.has(key)) differences.push({ cell: `DSA ${key} (row missing)`, published: undefined, recounted });
  }
  return { differences, unrecounted, byRule };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function difference(cell: string, published: unknown, recounted: number, expected: unknown): Difference {
  return expected === undefined || same(expected, recounted)
    ? { cell, published, recounted }
    : { cell, published, recounted, expected };
}

/** The medians of a group as the SQL gives them: hours, unrounded, with how many requests each is taken over. */
function medians(requests: readonly Replayed[], countedAt: number) {
  const { ack, effect } = timings(requests, countedAt);
  const hours = (seconds: number[]) => (seconds.length === 0 ? null : medianOf(seconds)! / 3600);
  return {
    medianHoursToAcknowledge: hours(ack),
    medianHoursToGiveEffect: hours(effect),
    acknowledged: ack.length,
    answered: effect.length,
  };
}
