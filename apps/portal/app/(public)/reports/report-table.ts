import { COUNT_FIELDS, type ReportRow } from '@writ/contracts';
import { htmlText } from '@/lib/html-text';
import { cell, countryLabel, DERIVED_LABELS, FIELD_LABELS, hours, percent, processLabel } from '@/lib/reports';

/**
 * The report's figures table as markup, for the page to place with dangerouslySetInnerHTML. Why not JSX: a table
 * of every country × legal process × 17 counts is several hundred elements that never change once rendered, and
 * React would otherwise send each one twice (in the HTML and again in the page's RSC payload) and walk each one
 * while hydrating. On a mid-range phone that was about 150 ms of blocked main thread (Lighthouse, mobile), for a
 * table nothing on the page ever updates. As text it is sent once more as one string and not hydrated at all.
 * Every value passes through htmlText; the markup is the same as the JSX it replaces (the tests read the cells).
 */
export function reportTableHtml(rows: readonly ReportRow[]): string {
  const head = [...COUNT_FIELDS.map((field) => FIELD_LABELS[field]), ...Object.values(DERIVED_LABELS)]
    .map((label) => `<th scope="col">${htmlText(label)}</th>`)
    .join('');
  const td = (field: string, text: string) => `<td class="num" data-field="${field}">${htmlText(text)}</td>`;
  const body = rows
    .map((row) => {
      const counts = COUNT_FIELDS.map((field) => td(field, cell(row[field]))).join('');
      // The share and the DSA medians, as the downloads carry them: "—" where the report gives none.
      const derived =
        td('shareWithDataDisclosed', percent(row.shareWithDataDisclosed)) +
        td('medianHoursToAcknowledge', hours(row.medianHoursToAcknowledge)) +
        td('medianHoursToGiveEffect', hours(row.medianHoursToGiveEffect));
      return (
        `<tr data-testid="report-row"><th scope="row">${htmlText(countryLabel(row.country))}</th>` +
        `<td class="process">${htmlText(processLabel(row.legalProcess))}</td>${counts}${derived}</tr>`
      );
    })
    .join('');
  return (
    `<table data-testid="report-table"><thead><tr><th scope="col">Country</th><th scope="col">Legal process</th>` +
    `${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}
