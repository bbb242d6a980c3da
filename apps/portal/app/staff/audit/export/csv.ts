import type { AuditEvent } from '@writ/contracts';

// RFC 4180 CSV of audit events. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a
// leading apostrophe: an actor label or a subject id is outside text, and an export is opened in Excel.

export const CSV_HEADER = [
  'id',
  'at',
  'action',
  'actor_id',
  'actor_label',
  'subject_type',
  'subject_id',
  'log_index',
  'details_json',
  'leaf_base64',
] as const;

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function eventLine(event: AuditEvent): string {
  return csvLine([
    event.id,
    event.at,
    event.action,
    event.actorId ?? '',
    event.actorLabel,
    event.subjectType,
    event.subjectId ?? '',
    event.logIndex === null ? '' : String(event.logIndex),
    JSON.stringify(event.details),
    event.leaf,
  ]);
}
