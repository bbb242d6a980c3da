// How the requests screens' forms read a field into the API's body, and fill a field from a request.

/** A datetime-local value is read as UTC, as the label says: courts and staff sit in different time zones. */
export function instant(value: FormDataEntryValue | null): string | undefined {
  const text = String(value ?? '').trim();
  return text ? `${text.length === 16 ? `${text}:00` : text}Z` : undefined;
}

/** Free text, trimmed; empty is "not given". */
export function text(value: FormDataEntryValue | null): string | undefined {
  const trimmed = String(value ?? '').trim();
  return trimmed || undefined;
}

/** The datetime-local value (UTC, to the minute) of an instant, to pre-fill a field with what a request has now. */
export function localValue(iso: string | null): string {
  return iso ? new Date(iso).toISOString().slice(0, 16) : '';
}
