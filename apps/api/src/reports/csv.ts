/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF after every record, the last one included. */
export function csvRecords(records: readonly (readonly (string | number | null)[])[]): string {
  return records.map((record) => record.map(csvField).join(',') + '\r\n').join('');
}
