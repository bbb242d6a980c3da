/**
 * A whole number with commas between groups of three digits ("12,345"), as the portal writes counts and log sizes.
 * Not `toLocaleString`: in a browser the first call loads ICU's locale data, about 30 ms on one thread of a laptop
 * and four times that on a phone. On the report page it was the longest task after the check came back.
 * Anything but a safe integer is written as JavaScript writes it.
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return String(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

/** A count with its noun: "1 phone number", "12,345 phone numbers" (`plural` for nouns not made with an s). */
export function counted(value: number, singular: string, plural = `${singular}s`): string {
  return `${groupDigits(value)} ${value === 1 ? singular : plural}`;
}
