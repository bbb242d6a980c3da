import { z } from 'zod';
import { Uuid } from '../requests/fields.js';
import type { StaffRole } from '../domain.js';

// Field schemas shared by the authority-registry contracts.

// Control characters break logs, CSV exports and PostgreSQL (NUL); bidirectional overrides let a name display as
// something it is not (CVE-2021-42574 style); a lone surrogate cannot be stored as UTF-8 unchanged. Marks such as
// U+200E/U+200F stay allowed: RTL names need them.
const CONTROL = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** What a text too short is told, after the field's name (API) or beside its label (portal). */
function tooShort(min: number): string {
  return min === 1 ? 'must not be empty' : `must be at least ${min} characters`;
}

/** One line of text, trimmed, with no control characters. `short` says what to write when it is blank or short. */
export function textLine(max: number, min = 1, short = tooShort(min)) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? short : 'must be text') })
    .trim()
    .min(min, short)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), {
      message: 'must not contain control or bidirectional-override characters',
    });
}

/** Several lines of text (a postal address): line breaks allowed, other control characters not. */
export function textBlock(max: number, min = 1) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? tooShort(min) : 'must be text') })
    .trim()
    .min(min, tooShort(min))
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value.replace(/\r?\n/g, ' ')), {
      message: 'must not contain control characters other than line breaks',
    });
}

/**
 * A country as sent by a client. Only the shape is checked here; whether the code is assigned is checked by the
 * service against CountryCode, so an unassigned code ("XX", "UK") gets its own error code, UNKNOWN_COUNTRY.
 */
export const CountryInput = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. "DE"')
  .describe('ISO 3166-1 alpha-2, capitals. An unassigned code (e.g. "XX", "UK") is refused with UNKNOWN_COUNTRY.');

/** Input timestamps: RFC 3339 with "Z" or an offset. */
export const DateTimeInput = z.iso.datetime({ offset: true });

/** Output timestamps: what Date.prototype.toISOString() prints. */
export const Timestamp = z.iso.datetime();

export const Version = z
  .int()
  .positive()
  .describe('The version you read; a stale one is refused with VERSION_CONFLICT');

export const Reason = textLine(1000);

/** Staff pick the issuing authority at intake and check it at every later step, so every role may read. */
export const AUTHORITY_READERS: readonly StaffRole[] = ['ADMIN', 'INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR'];
/** The registry decides which keys and channels make an order verifiable: only administrators change it. */
export const AUTHORITY_WRITERS: readonly StaffRole[] = ['ADMIN'];

export const AuthorityParams = z.strictObject({ id: Uuid });
export type AuthorityParams = z.infer<typeof AuthorityParams>;

// Here rather than in authority-registry.contract.ts, so registry-change.ts can use them without an import cycle.
export const ContactChannelKind = z.enum(['EMAIL', 'PHONE', 'PORTAL', 'POST']);
export type ContactChannelKind = z.infer<typeof ContactChannelKind>;

export const AuthorityKeyKind = z.enum(['ED25519', 'X509']);
export type AuthorityKeyKind = z.infer<typeof AuthorityKeyKind>;

/**
 * What an X.509 certificate says about itself, read from it by the API, for people comparing it with the court's
 * records: its subject and issuer (RFC 4514 strings) and its serial number (hex).
 */
export const CertificateFacts = z.object({ subject: z.string(), issuer: z.string(), serialNumber: z.string() });
export type CertificateFacts = z.infer<typeof CertificateFacts>;
