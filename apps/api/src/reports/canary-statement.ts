import type { CountField, ReportPeriod, ReportRow } from '@writ/contracts';

/** The outcomes of DOMAIN.md with the report figure that counts each. */
const OUTCOME_FIELDS: [string, CountField][] = [
  ['DISCLOSED', 'requestsWithDataDisclosed'],
  ['NO_DATA', 'noData'],
  ['REJECTED_NOT_COURT_ORDER', 'rejectedNotCourtOrder'],
  ['REJECTED_UNVERIFIED', 'rejectedUnverified'],
  ['REJECTED_INVALID', 'rejectedInvalid'],
  ['REJECTED_SCOPE', 'rejectedScope'],
  ['WITHDRAWN', 'withdrawn'],
  ['PENDING', 'pending'],
];

/**
 * The statement, one "Key: value" per line in a fixed order so that a program can read it back, ending with a
 * newline (it is the text of a signed note). The figures are the grand total of the period's published report,
 * named by version and hash, exactly as it prints them (banded, or withheld as "≥threshold"): an exact total here
 * would undo the report's suppression.
 */
export function canaryStatement(input: {
  origin: string;
  period: ReportPeriod;
  generatedAt: Date;
  expiresAt: Date;
  threshold: number;
  /** The published report the figures come from. */
  report: { version: number; sha256: string };
  total: Pick<ReportRow, CountField>;
}): string {
  const { period, total, threshold } = input;
  const shown = (field: CountField) => String(total[field]);
  const last = new Date(period.end.getTime() - 86_400_000).toISOString().slice(0, 10);
  const lines = [
    'Writ warrant canary',
    `Origin: ${input.origin}`,
    `Period: ${period.id} (${period.start.toISOString().slice(0, 10)}/${last})`,
    `Generated: ${input.generatedAt.toISOString()}`,
    `Expires: ${input.expiresAt.toISOString()}`,
    `Small-number threshold: ${threshold}`,
    `Report: ${period.id} version ${input.report.version}, SHA-256 ${input.report.sha256}`,
    `Requests received: ${shown('requestsReceived')}`,
    ...OUTCOME_FIELDS.map(([outcome, field]) => `Outcome ${outcome}: ${shown(field)}`),
    // Released items can only be IP addresses and phone numbers (their type and a CHECK): this is a count, not a hope.
    `Message content disclosed: ${shown('contentDisclosures')}`,
    'Backdoors or bulk access granted: none',
  ];
  return `${lines.join('\n')}\n`;
}
