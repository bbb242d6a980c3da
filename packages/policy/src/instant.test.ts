import fc from 'fast-check';
import { Instant, instantMillis } from './instant.js';

describe('instantMillis', () => {
  test.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01T01:30:00.5+01:30', Date.UTC(2026, 0, 1, 0, 0, 0, 500)],
    ['2024-02-29T23:59:59.123456789-05:00', Date.UTC(2024, 2, 1, 4, 59, 59, 123)],
  ])('reads %s', (text, expected) => {
    expect(instantMillis(text)).toBe(expected);
  });

  test.each([
    ['a day that does not exist (Date.parse would roll it over to 1 March)', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['no offset: the time zone would be the server’s', '2026-01-01T00:00:00'],
    ['a space instead of T', '2026-01-01 00:00:00Z'],
    ['a single-digit month', '2026-1-01T00:00:00Z'],
    ['an empty fraction', '2026-01-01T00:00:00.Z'],
    ['trailing text', '2026-01-01T00:00:00Zx'],
    ['an expanded year', '+02026-01-01T00:00:00Z'],
    ['a malformed offset', '2026-01-01T00:00:00+1:00'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['a year before 1900', '1899-12-31T00:00:00Z'],
  ])('refuses %s', (_why, text) => {
    expect(instantMillis(text)).toBeNaN();
    expect(Instant.safeParse(text).success).toBe(false);
  });

  test('agrees with Date for every instant it accepts', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000);
          if (local.getUTCFullYear() < 1900 || local.getUTCFullYear() > 9999) return;
          const abs = Math.abs(offsetMinutes);
          const pad = (n: number) => String(n).padStart(2, '0');
          const text = `${local.toISOString().slice(0, -1)}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
          expect(instantMillis(text)).toBe(date.getTime());
        },
      ),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) },
    );
  });
});
