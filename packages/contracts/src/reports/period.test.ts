import fc from 'fast-check';
import { canaryExpiry, dsaPeriod, endedPeriods, parsePeriod, PeriodId } from './period.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 1000);

describe('parsePeriod', () => {
  it.each([
    ['2026-H1', '2026-01-01', '2026-07-01', '2026-01-01/2026-06-30'],
    ['2026-H2', '2026-07-01', '2027-01-01', '2026-07-01/2026-12-31'],
    ['2024-Q1', '2024-01-01', '2024-04-01', '2024-01-01/2024-03-31'],
    ['2024-Q4', '2024-10-01', '2025-01-01', '2024-10-01/2024-12-31'],
  ])('%s runs from %s to before %s (DSA: %s)', (id, start, end, dsa) => {
    const period = parsePeriod(id)!;
    expect([period.start.toISOString().slice(0, 10), period.end.toISOString().slice(0, 10)]).toEqual([start, end]);
    expect(dsaPeriod(period)).toBe(dsa);
  });

  it.each(['2026-H3', '2026-Q0', '2026-Q5', '2026-h1', '26-H1', '1999-H1', '2026-H1 ', ' 2026-H1', '2026H1', ''])(
    'refuses %j with a message naming the forms',
    (id) => {
      expect(parsePeriod(id)).toBeUndefined();
      const result = PeriodId.safeParse(id);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/half-year .*quarter/);
    },
  );

  it('never throws, and what it accepts is a well-formed period whose halves and quarters tile the year', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(
              fc.integer({ min: 0, max: 9999 }),
              fc.constantFrom('H', 'Q', 'h', 'X'),
              fc.integer({ min: -1, max: 9 }),
            )
            .map(([y, k, n]) => `${String(y).padStart(4, '0')}-${k}${n}`),
        ),
        (text) => {
          const period = parsePeriod(text);
          if (!period) return;
          expect(period.id).toBe(text);
          expect(period.end.getTime()).toBeGreaterThan(period.start.getTime());
          expect(period.start.getUTCDate()).toBe(1);
          expect(period.end.getUTCDate()).toBe(1);
          const months = period.granularity === 'HALF_YEAR' ? 6 : 3;
          const span =
            (period.end.getUTCFullYear() - period.start.getUTCFullYear()) * 12 +
            period.end.getUTCMonth() -
            period.start.getUTCMonth();
          expect(span).toBe(months);
        },
      ),
      { numRuns },
    );
  });

  it('consecutive periods meet without gap or overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2998 }), (year) => {
        const ids = [`${year}-H1`, `${year}-H2`, `${year + 1}-H1`];
        const [a, b, c] = ids.map((id) => parsePeriod(id)!);
        expect(a!.end).toEqual(b!.start);
        expect(b!.end).toEqual(c!.start);
        expect(parsePeriod(`${year}-Q1`)!.start).toEqual(a!.start);
        expect(parsePeriod(`${year}-Q2`)!.end).toEqual(a!.end);
        expect(parsePeriod(`${year}-Q4`)!.end).toEqual(b!.end);
      }),
      { numRuns },
    );
  });
});

describe('endedPeriods', () => {
  it('lists the last half-years and quarters that have ended, newest first, the half-year first on a tie', () => {
    const ids = (now: string) => endedPeriods(new Date(now), { halfYears: 2, quarters: 3 }).map((p) => p.id);
    expect(ids('2026-12-05T04:00:00Z')).toEqual(['2026-Q3', '2026-H1', '2026-Q2', '2026-Q1', '2025-H2']);
    // The first instant of a period: the one before it has just ended.
    expect(ids('2027-01-01T00:00:00Z')).toEqual(['2026-H2', '2026-Q4', '2026-Q3', '2026-H1', '2026-Q2']);
    expect(ids('2026-12-31T23:59:59.999Z')).toEqual(ids('2026-10-01T00:00:00Z'));
  });

  it('offers only periods that have ended, each once, as many as asked for', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2998-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (now, halfYears, quarters) => {
          const periods = endedPeriods(now, { halfYears, quarters });
          expect(periods).toHaveLength(halfYears + quarters);
          expect(new Set(periods.map((p) => p.id)).size).toBe(periods.length);
          for (const period of periods) expect(period.end.getTime()).toBeLessThanOrEqual(now.getTime());
          // The newest of each kind is the one just before the period `now` is in.
          const newestHalf = periods.find((p) => p.granularity === 'HALF_YEAR');
          if (newestHalf) expect(now.getTime() - newestHalf.end.getTime()).toBeLessThan(184 * 86_400_000);
        },
      ),
      { numRuns },
    );
  });
});

describe('canaryExpiry', () => {
  it('lasts through the next period plus 30 days', () => {
    expect(canaryExpiry(parsePeriod('2026-H1')!).toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(canaryExpiry(parsePeriod('2026-H2')!).toISOString()).toBe('2027-07-31T00:00:00.000Z');
    expect(canaryExpiry(parsePeriod('2026-Q4')!).toISOString()).toBe('2027-05-01T00:00:00.000Z');
  });
});
