import { z } from 'zod';

export const DAY_MS = 86_400_000;

// RFC 3339 date-time with a mandatory offset, parsed by hand: Date.parse accepts many other shapes, and a regex
// plus Date.parse cost more than the rest of a decision put together (bench/policy.bench.ts).

const digit = (value: string, at: number): number => {
  const code = value.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
};
const number2 = (value: string, at: number): number => digit(value, at) * 10 + digit(value, at + 1);

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Milliseconds since the epoch of "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)", or NaN if the string is not
 * exactly that or the date does not exist (2026-02-30). Years before 1900 are refused: no order Writ will see is
 * that old, and it keeps Date.UTC away from its 0-99 => 19xx quirk.
 */
export function instantMillis(value: string): number {
  if (value.length < 20 || value.length > 35) return Number.NaN;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') {
    return Number.NaN;
  }
  const year = number2(value, 0) * 100 + number2(value, 2);
  const month = number2(value, 5);
  const day = number2(value, 8);
  const hour = number2(value, 11);
  const minute = number2(value, 14);
  const second = number2(value, 17);

  let at = 19;
  let millis = 0;
  if (value[at] === '.') {
    const first = ++at;
    while (at < value.length && digit(value, at) >= 0) at++;
    const fraction = at - first;
    if (fraction < 1 || fraction > 9) return Number.NaN;
    millis = Math.floor(Number(value.slice(first, at).padEnd(3, '0').slice(0, 3)));
  }

  let offset: number;
  if (value[at] === 'Z' && at + 1 === value.length) {
    offset = 0;
  } else if ((value[at] === '+' || value[at] === '-') && at + 6 === value.length && value[at + 3] === ':') {
    const offsetHours = number2(value, at + 1);
    const offsetMinutes = number2(value, at + 4);
    if (!(offsetHours <= 23 && offsetMinutes <= 59)) return Number.NaN;
    offset = (value[at] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  } else {
    return Number.NaN;
  }

  // Written as negated ranges so that NaN (a non-digit) fails every one of them.
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (!(year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= monthDays)) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
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
