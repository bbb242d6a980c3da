import fc from 'fast-check';
import { dsaPeriod, parsePeriod, PeriodId } from './period.js';

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
