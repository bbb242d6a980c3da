// How the requests screens' forms read a field into the API's body.

/** A datetime-local value is read as UTC, as the label says: courts and staff sit in different time zones. */
export function instant(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? '').trim();
  return text ? `${text.length === 16 ? `${text}:00` : text}Z` : undefined;
}
