import { z } from 'zod';

export const DAY_MS = 86_400_000;

// RFC 3339 date-time with a mandatory offset. Parsed by hand rather than with Date.parse, which accepts many
// other shapes and costs more than the rest of a decision put together.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** Milliseconds since the epoch, or NaN if the string is not an RFC 3339 instant with a real calendar date. */
export function instantMillis(value: string): number {
  const m = RFC3339.exec(value);
  if (m === null) return Number.NaN;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  const offsetHours = m[8] === undefined ? 0 : Number(m[9]);
  const offsetMinutes = m[8] === undefined ? 0 : Number(m[10]);
  if (
    year < 1900 || // Before any order Writ will see; also keeps Date.UTC away from its 0-99 => 19xx quirk.
    month < 1 || month > 12 ||
    day < 1 || day > daysInMonth(year, month) ||
    hour > 23 || minute > 59 || second > 59 ||
    offsetHours > 23 || offsetMinutes > 59
  ) {
    return Number.NaN;
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/**
 * A point in time as RFC 3339 / ISO 8601 with an explicit offset ("2026-03-01T09:00:00Z", "…+01:00"). Strings,
 * not Dates, because decisions are computed from JSON (API, portal preview, replay from the audit log), and a
 * local time without an offset would make "expired" depend on the server's time zone.
 */
export const Instant = z.string().refine((value) => !Number.isNaN(instantMillis(value)), {
  message: 'must be an RFC 3339 date-time with a real calendar date and an offset, e.g. 2026-03-01T09:00:00Z',
});
export type Instant = z.infer<typeof Instant>;
