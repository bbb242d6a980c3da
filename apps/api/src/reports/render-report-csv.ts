import { COUNT_FIELDS, type ReportDocument } from '@writ/contracts';
import { csvRecords } from './csv.js';

export const REPORT_CSV_HEADER = [
  'period',
  'version',
  'threshold',
  'country',
  'legalProcess',
  ...COUNT_FIELDS,
  'shareWithDataDisclosed',
  'medianHoursToAcknowledge',
  'medianHoursToGiveEffect',
] as const;

/** The report's rows as CSV (RFC 4180, UTF-8): banded cells as printed ("1–9"), an unknown median empty. */
export function renderReportCsv(document: ReportDocument): string {
  return csvRecords([
    REPORT_CSV_HEADER,
    ...document.rows.map((row) => [
      document.period,
      document.version,
      document.threshold,
      row.country,
      row.legalProcess,
      ...COUNT_FIELDS.map((field) => row[field]),
      row.shareWithDataDisclosed,
      row.medianHoursToAcknowledge,
      row.medianHoursToGiveEffect,
    ]),
  ]);
}
