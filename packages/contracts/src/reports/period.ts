import { z } from 'zod';

// A report period in words: a half-year ("2026-H1", the default) or a quarter ("2026-Q3"), always in UTC. The
// parser is the one place that turns outside text (URLs, request bodies) into dates.

export const PERIOD_PATTERN = /^(\d{4})-(H[12]|Q[1-4])$/;

export interface ReportPeriod {
  /** "2026-H1" or "2026-Q3" */
  readonly id: string;
  readonly granularity: 'HALF_YEAR' | 'QUARTER';
  /** First instant of the period (UTC midnight). */
  readonly start: Date;
  /** First instant after the period: requests received in [start, end) belong to it. */
  readonly end: Date;
}

/** The period named by `id`, or undefined when the text names none (year 2000–2999 only). */
export function parsePeriod(id: string): ReportPeriod | undefined {
  const match = PERIOD_PATTERN.exec(id);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return undefined;
  const part = match[2]!;
  const index = Number(part.slice(1)) - 1;
  const months = part.startsWith('H') ? 6 : 3;
  const start = new Date(Date.UTC(year, index * months, 1));
  const end = new Date(Date.UTC(year, (index + 1) * months, 1));
  return { id, granularity: months === 6 ? 'HALF_YEAR' : 'QUARTER', start, end };
}

/** The DSA template's reporting period: first and last day, both inclusive (`YYYY-MM-DD/YYYY-MM-DD`). */
export function dsaPeriod(period: ReportPeriod): string {
  const last = new Date(period.end.getTime() - 86_400_000);
  return `${period.start.toISOString().slice(0, 10)}/${last.toISOString().slice(0, 10)}`;
}

/**
 * The periods that have ended by `now`, newest first (by end, half-year before quarter when both end together):
 * the last `halfYears` half-years and the last `quarters` quarters. What a form offers to report on.
 */
export function endedPeriods(now: Date, counts: { halfYears: number; quarters: number }): ReportPeriod[] {
  const out: ReportPeriod[] = [];
  for (const [kind, perYear, count] of [
    ['H', 2, counts.halfYears],
    ['Q', 4, counts.quarters],
  ] as const) {
    // The period `now` falls in, numbered from year 0: the ones before it have all ended.
    const current = now.getUTCFullYear() * perYear + Math.floor((now.getUTCMonth() * perYear) / 12);
    for (let index = current - 1; index > current - 1 - count; index--) {
      const period = parsePeriod(`${Math.floor(index / perYear)}-${kind}${(index % perYear) + 1}`);
      if (period) out.push(period);
    }
  }
  // Half-year first where a half-year and a quarter end together: the half-year is the default report.
  const rank = (period: ReportPeriod) => (period.granularity === 'HALF_YEAR' ? 0 : 1);
  return out.sort((a, b) => b.end.getTime() - a.end.getTime() || rank(a) - rank(b));
}

/**
 * A warrant canary stays good until the period after the one it speaks for has ended, plus 30 days to publish the
 * next one: after that it reads as expired (and one that would be expired already is not drafted at all).
 */
export function canaryExpiry(period: ReportPeriod): Date {
  const months = period.granularity === 'HALF_YEAR' ? 6 : 3;
  const nextEnd = Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth() + 2 * months, 1);
  return new Date(nextEnd + 30 * 86_400_000);
}

export const PeriodId = z
  .string()
  .refine((value) => parsePeriod(value) !== undefined, {
    message: 'must name a half-year ("2026-H1", "2026-H2") or a quarter ("2026-Q1" … "2026-Q4")',
  })
  .describe('a half-year ("2026-H1") or a quarter ("2026-Q3"), UTC');
export type PeriodId = z.infer<typeof PeriodId>;
