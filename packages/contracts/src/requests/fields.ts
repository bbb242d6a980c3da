import { z } from 'zod';
import type { SelectorType } from '../domain.js';

// Field schemas shared by the request contracts. Everything that reaches PostgreSQL is checked here first, so bad
// input is a 400 with a message a person can act on, never a database error: text without NUL bytes or lone
// surrogates (PostgreSQL and UTF-8 refuse them), dates inside the range timestamptz and JavaScript agree on,
// integers that fit an int4 column.

/** Dates outside this range are typos (a year 0026, 20266) rather than real orders. */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2999, 11, 31, 23, 59, 59, 999);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a UTF-16 pair without the other half: JSON can carry it, UTF-8 (and so PostgreSQL) cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text: trimmed, non-empty, bounded, printable (tabs and line breaks allowed), well-formed Unicode. `empty` is
 * said when it is missing or blank; it follows the field's name in the API's message and stands beside the field's
 * label in the portal, so it says what to write, not which property it is.
 */
export function Text(max: number, empty = 'must not be empty') {
  return z
    .string({ error: (issue) => (issue.input === undefined ? empty : 'must be text') })
    .trim()
    .min(1, empty)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'must be well-formed Unicode text');
}

/** Text a client may leave out: sent empty, it is refused with that advice rather than stored as a value. */
export function OptionalText(max: number) {
  return Text(max, 'must not be empty (leave the field out instead)');
}

/** An instant as ISO 8601 / RFC 3339 with a time zone, e.g. 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00. */
export const IsoDateTime = z.iso
  .datetime({
    offset: true,
    // Missing is not malformed: a person left the date out, and the portal's date field never sends a wrong shape.
    error: (issue) =>
      issue.input === undefined
        ? 'give the date and time'
        : 'must be an ISO 8601 date-time with a time zone, e.g. "2026-03-01T09:30:00Z"',
  })
  .refine((value) => {
    const ms = Date.parse(value);
    return ms >= EARLIEST && ms <= LATEST;
  }, 'must be between the years 1900 and 2999');

/** A calendar day (YYYY-MM-DD, read as UTC) or an instant; filters accept both. */
const IsoDate = z.iso.date({ error: 'must be an ISO 8601 date, e.g. "2026-03-01"' }).refine((value) => {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return ms >= EARLIEST && ms <= LATEST;
}, 'must be between the years 1900 and 2999');

export const IsoDateOrDateTime = z.union([IsoDate, IsoDateTime], {
  error: 'must be an ISO 8601 date ("2026-03-01") or date-time with a time zone ("2026-03-01T09:30:00Z")',
});

/** Optimistic concurrency: the version the client read. int4 in the database. */
export const Version = z
  .number({ error: 'must be the integer version you read (the "version" field of the request)' })
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(2_147_483_647, 'is not a version this API issued');

// Lower-cased on the way in: PostgreSQL matches a UUID in any case, a string comparison does not, and a check
// such as "not your own account" must not be passed by writing one's own id in capitals.
export const Uuid = z.uuid({ error: 'must be a UUID' }).toLowerCase();

/**
 * The shapes a selector value may take, and how each is normalised before it is stored and compared.
 * E.164 (ITU-T E.164 §6): "+", a country code that does not start with 0, at most 15 digits in all.
 */
export const SELECTOR_RULES: Record<
  SelectorType,
  { normalise: (raw: string) => string; pattern: RegExp; message: string }
> = {
  PHONE_NUMBER: {
    // People copy numbers from orders with spaces, dashes, dots and brackets; E.164 has none of them.
    normalise: (raw) => raw.trim().replace(/[\s().-]/g, ''),
    pattern: /^\+[1-9]\d{6,14}$/,
    message:
      'must be a phone number in E.164 form: "+", country code and number, 7 to 15 digits in all, e.g. "+4930123456"',
  },
  ACCOUNT_ID: {
    normalise: (raw) => raw.trim(),
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/,
    message:
      'must be a platform account id: 1 to 128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
  },
  USERNAME: {
    // "@alice" and "alice" name the same account.
    normalise: (raw) => raw.trim().replace(/^@/, ''),
    pattern: /^[\p{L}\p{N}_.-]{1,64}$/u,
    message: 'must be a username: 1 to 64 letters, digits, ".", "_" or "-" (a leading "@" is dropped)',
  },
};

export function normaliseSelector(type: SelectorType, raw: string): string {
  return SELECTOR_RULES[type].normalise(raw);
}

/**
 * A filter bound as an instant. A bare date is 00:00 UTC of that day for a lower bound and 00:00 UTC of the next
 * day for an (exclusive) upper bound, so "to 2026-03-31" includes the whole of 31 March.
 */
export function rangeBound(value: string, side: 'from' | 'to'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    if (side === 'to') day.setUTCDate(day.getUTCDate() + 1);
    return day;
  }
  return new Date(value);
}
