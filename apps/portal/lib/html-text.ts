/**
 * Text made safe to place between HTML tags or inside a double-quoted attribute: the five characters that can
 * end either are written as character references, and nothing else changes. Only for the few pages that build a
 * block of markup as text (see reports/report-table.ts, which says why); everywhere else React escapes.
 */
const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function htmlText(value: string): string {
  return value.replace(/[&<>"']/g, (char) => REFERENCES[char]!);
}
