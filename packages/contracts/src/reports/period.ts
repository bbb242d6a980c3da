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

export const PeriodId = z
  .string()
  .refine((value) => parsePeriod(value) !== undefined, {
    message: 'must name a half-year ("2026-H1", "2026-H2") or a quarter ("2026-Q1" … "2026-Q4")',
  })
  .describe('a half-year ("2026-H1") or a quarter ("2026-Q3"), UTC');
export type PeriodId = z.infer<typeof PeriodId>;
