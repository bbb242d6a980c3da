import { z } from 'zod';
import { LegalProcess } from '../domain.js';

// The transparency report as published (DOMAIN.md, "Transparency report rows"). Its canonical JSON (RFC 8785) is
// what is hashed, logged and downloaded; every other download is rendered from it.

/**
 * A count as published: an exact number when it is 0 or at least the report's threshold, else the band
 * "1–<threshold−1>" (small-number rule); "≥<threshold>" when an exact count is withheld so that no band can be
 * worked out by subtraction from a total (complementary suppression, docs/POLICY.md). Never dropped, never blank.
 */
export const Cell = z.union([z.number().int().nonnegative(), z.string().regex(/^(1–|≥)\d+$/)]);
export type Cell = z.infer<typeof Cell>;

/** "ALL" in a row's key marks a total over that dimension, computed before banding. */
export const ALL = 'ALL';
export const RowCountry = z.union([z.string().regex(/^[A-Z]{2}$/), z.literal(ALL)]);
export const RowLegalProcess = z.union([LegalProcess, z.literal(ALL)]);

/** The counted figures of a row, in the order the CSV prints them. */
export const COUNT_FIELDS = [
  'requestsReceived',
  'accountsSpecified',
  'accountsDisclosed',
  'requestsWithDataDisclosed',
  'rejectedNotCourtOrder',
  'rejectedUnverified',
  'rejectedInvalid',
  'rejectedScope',
  'noData',
  'withdrawn',
  'pending',
  'emergencyRequests',
  'ipAddressDisclosures',
  'phoneNumberDisclosures',
  'contentDisclosures',
  'gagOrdersInForce',
  'usersNotified',
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export const ReportRow = z.object({
  country: RowCountry,
  legalProcess: RowLegalProcess,
  ...(Object.fromEntries(COUNT_FIELDS.map((field) => [field, Cell])) as Record<CountField, typeof Cell>),
  /** Requests with data disclosed ÷ requests received, 4 decimals; null when either count is banded. */
  shareWithDataDisclosed: z.number().min(0).max(1).nullable(),
  /** DSA Art. 10: median hours from receipt to acknowledging it; null when no request of the row was acknowledged. */
  medianHoursToAcknowledge: z.number().nonnegative().nullable(),
  /** DSA Art. 10: median hours from receipt to giving effect (the final answer); null when none was answered. */
  medianHoursToGiveEffect: z.number().nonnegative().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/** DSA Annex I part 3: orders from EU Member States by statement category and scope (TOTAL or the ISO-2 code). */
export const DsaRow = z.object({
  scope: z.string(),
  category: z.string(),
  orders: Cell,
  medianHoursToAcknowledge: z.number().nonnegative().nullable(),
  medianHoursToGiveEffect: z.number().nonnegative().nullable(),
});
export type DsaRow = z.infer<typeof DsaRow>;

export const Changelog = z.object({
  /** What changed against the previous version. */
  changes: z.string(),
  /** Why. */
  reason: z.string(),
});
export type Changelog = z.infer<typeof Changelog>;

export const ReportDocument = z.object({
  v: z.literal(1),
  period: z.string(),
  granularity: z.enum(['HALF_YEAR', 'QUARTER']),
  /** First day of the period (UTC). */
  periodStart: z.iso.date(),
  /** Last day of the period, inclusive (UTC). */
  periodEnd: z.iso.date(),
  version: z.number().int().min(1),
  /** Counts from 1 to threshold − 1 are published as the band "1–<threshold − 1>". */
  threshold: z.number().int().min(2),
  /** When the figures were counted: outcomes, notifications and gag orders as they stood then. */
  countedAt: z.iso.datetime(),
  /** null for the first version; each correction says what changed and why. */
  changelog: Changelog.nullable(),
  /** SHA-256 of the version this one corrects; null for the first. */
  previousSha256: z.string().nullable(),
  /** Per country × legal process, then each country's total, each legal process's total and the grand total. */
  rows: z.array(ReportRow),
  dsa: z.array(DsaRow),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
