import { ALL, type CountField, type ReportRow } from '@writ/contracts';
import { countryName } from './countries';
import { groupDigits } from './group-digits';

// Words for the published report's columns and keys, shared by the overview and the report page.

export const FIELD_LABELS: Record<CountField, string> = {
  requestsReceived: 'Requests received',
  accountsSpecified: 'Accounts specified',
  accountsDisclosed: 'Accounts with data disclosed',
  requestsWithDataDisclosed: 'Requests with data disclosed',
  rejectedNotCourtOrder: 'Rejected: not a court order',
  rejectedUnverified: 'Rejected: not verified',
  rejectedInvalid: 'Rejected: invalid',
  rejectedScope: 'Rejected: out of scope',
  noData: 'No data found',
  withdrawn: 'Withdrawn',
  pending: 'Pending',
  emergencyRequests: 'Emergency requests',
  ipAddressDisclosures: 'IP address disclosures',
  phoneNumberDisclosures: 'Phone number disclosures',
  contentDisclosures: 'Message content disclosed',
  gagOrdersInForce: 'Gag orders in force',
  usersNotified: 'Users notified',
};

/** The figures of a row that are not counts: a share and the DSA Art. 10 medians. */
export const DERIVED_LABELS = {
  shareWithDataDisclosed: 'Share of requests with data disclosed',
  medianHoursToAcknowledge: 'Median hours, receipt to acknowledgement',
  medianHoursToGiveEffect: 'Median hours, receipt to giving effect',
} as const;

/** A share as a percentage with one decimal; "—" where the report gives none (a count in it is banded or withheld). */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** A median in hours with one decimal; "—" where the report gives none (too few requests, or none answered yet). */
export function hours(median: number | null): string {
  return median === null ? '—' : median.toFixed(1);
}

const PROCESS_LABELS: Record<string, string> = {
  COURT_ORDER: 'Court order',
  WARRANT: 'Warrant',
  SUBPOENA: 'Subpoena',
  ADMINISTRATIVE_ORDER: 'Administrative order',
  LETTER: 'Letter',
  OTHER: 'Other',
};

export function processLabel(process: string): string {
  return process === ALL ? 'All legal processes' : (PROCESS_LABELS[process] ?? process);
}

export function countryLabel(country: string): string {
  return country === ALL ? 'All countries' : `${countryName(country)} (${country})`;
}

/** The grand-total row (ALL × ALL), which every report has. */
export function totalRow(rows: readonly ReportRow[]): ReportRow | undefined {
  return rows.find((row) => row.country === ALL && row.legalProcess === ALL);
}

/** A published count as given: an exact number, its band ("1–9") when it is small, or "≥10" when withheld. */
export function cell(value: number | string): string {
  return typeof value === 'number' ? groupDigits(value) : value;
}
