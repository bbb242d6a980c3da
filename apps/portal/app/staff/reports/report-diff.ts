import { COUNT_FIELDS, type ReportRow } from '@writ/contracts';
import { cell, countryLabel, DERIVED_LABELS, FIELD_LABELS, hours, percent, processLabel } from '@/lib/reports';

// What a correction would change: the figures of a draft that differ from the published version of its period, as
// the public would read them. Compared as printed (a band, a withheld "≥10", a share, a median), because that is
// what a reader of the two versions sees change.

export interface FigureChange {
  /** "France (FR)", "All countries". */
  country: string;
  /** "Court order", "All legal processes". */
  legalProcess: string;
  /** The column's heading on the report page. */
  figure: string;
  published: string;
  draft: string;
}

type Printed = { label: string; shown: (row: ReportRow | undefined) => string };

/** A row a report does not print is a country or legal process without requests: every count 0, nothing derived. */
const FIGURES: Printed[] = [
  ...COUNT_FIELDS.map((field) => ({ label: FIELD_LABELS[field], shown: (row?: ReportRow) => cell(row?.[field] ?? 0) })),
  { label: DERIVED_LABELS.shareWithDataDisclosed, shown: (row) => percent(row?.shareWithDataDisclosed ?? null) },
  { label: DERIVED_LABELS.medianHoursToAcknowledge, shown: (row) => hours(row?.medianHoursToAcknowledge ?? null) },
  { label: DERIVED_LABELS.medianHoursToGiveEffect, shown: (row) => hours(row?.medianHoursToGiveEffect ?? null) },
];

const key = (row: ReportRow) => `${row.country}\u0000${row.legalProcess}`;

/** Every printed figure that differs, row by row in the draft's order (then rows only the published one has). */
export function changedFigures(published: readonly ReportRow[], draft: readonly ReportRow[]): FigureChange[] {
  const before = new Map(published.map((row) => [key(row), row]));
  const after = new Map(draft.map((row) => [key(row), row]));
  const rows = [...draft, ...published.filter((row) => !after.has(key(row)))];
  return rows.flatMap((row) =>
    FIGURES.flatMap(({ label, shown }) => {
      const was = shown(before.get(key(row)));
      const now = shown(after.get(key(row)));
      if (was === now) return [];
      return [
        {
          country: countryLabel(row.country),
          legalProcess: processLabel(row.legalProcess),
          figure: label,
          published: was,
          draft: now,
        },
      ];
    }),
  );
}
