import { type DsaRow, EU_MEMBER_STATES, OffenceCategoryCode, type ReportDocument } from '@writ/contracts';
import { csvRecords } from './csv.js';

/**
 * The header row of the EU DSA harmonised transparency template, Annex I part 3 ("Member State orders"), as the
 * Commission's CSV has it, character for character (test/api/reports-downloads.test.ts compares it with the
 * template's first line).
 */
export const DSA_HEADER =
  'Applicability,Service,Reporting period,Category of illegal content,"Description of the sub-category ""Other""",' +
  'Scope,Number of orders to act against illegal content received,' +
  'Number of specific items of information included in the total number of orders to act against illegal content,' +
  'Median time to inform the authority of the receipt of the order to act against illegal content,' +
  'Median time to give effect to the order to act against illegal content,' +
  'Number of orders to provide information,' +
  'Median time to inform the authority of the receipt of the order to provide information,' +
  'Median time to give effect to the order to provide information,' +
  'Contextual information on number of orders to act against illegal content received,' +
  'Contextual information on number of specific items of information included in the total number of orders to act against illegal content,' +
  'Contextual information on Median time to inform the authority of the receipt of the order to act against illegal content,' +
  'Contextual information on Median time to give effect to the order to act against illegal content,' +
  'Contextual information on Number of orders to provide information,' +
  'Contextual information on Median time to inform the authority of the receipt of the order to provide information,' +
  'Contextual information on Median time to give effect to the order to provide information';

const CATEGORIES = ['TOTAL', ...OffenceCategoryCode.options.map((code) => `STATEMENT_CATEGORY_${code}`)];

/** "2026-01-01/2026-06-30": the template's period, first and last day inclusive. */
function reportingPeriod(document: ReportDocument): string {
  return `${document.periodStart}/${document.periodEnd}`;
}

/**
 * Annex I part 3 filled in per Annex II: every category for the total and for each Member State, counts as
 * integers, medians in hours, 0 where nothing happened. Two departures, each explained in the row's contextual
 * column: a count the small-number rule bands, or withholds so that no band can be subtracted out, is left blank
 * (neither is an integer, and printing the exact number publicly would defeat the rule), and so is a median the
 * report does not give for orders that came in; the "orders to act against illegal content" columns are blank
 * because Writ handles orders to provide information only.
 */
export function renderDsaCsv(document: ReportDocument): string {
  const byKey = new Map(document.dsa.map((row) => [`${row.scope}|${row.category}`, row]));
  const records: (string | number)[][] = [];
  for (const scope of ['TOTAL', ...EU_MEMBER_STATES]) {
    for (const category of CATEGORIES) {
      const row: DsaRow = byKey.get(`${scope}|${category}`) ?? {
        scope,
        category,
        orders: 0,
        medianHoursToAcknowledge: null,
        medianHoursToGiveEffect: null,
      };
      const banded = typeof row.orders === 'string';
      const withheld = banded && row.orders.toString().startsWith('≥');
      // Annex II: 0 where nothing happened. A median the report does not give for orders that did come in (taken
      // over fewer than the threshold, it is close to one person's timing) is not 0 hours: blank, said alongside.
      const median = (hours: number | null) => hours ?? (row.orders === 0 ? 0 : '');
      const medianContext = (hours: number | null, step: string) =>
        median(hours) === ''
          ? `Not given: fewer than ${document.threshold} of these orders were ${step} so far, and a median over so few is close to one person's timing.`
          : '';
      records.push([
        'All',
        '',
        reportingPeriod(document),
        category,
        '',
        scope,
        '',
        '',
        '',
        '',
        banded ? '' : row.orders,
        median(row.medianHoursToAcknowledge),
        median(row.medianHoursToGiveEffect),
        'Not applicable: Writ records orders to provide information only.',
        '',
        '',
        '',
        withheld
          ? `Withheld: at least ${document.threshold}, left out so that no banded count can be worked out from the totals.`
          : banded
            ? `Between 1 and ${document.threshold - 1}: counts below ${document.threshold} are published as a band (small-number rule).`
            : '',
        medianContext(row.medianHoursToAcknowledge, 'acknowledged'),
        medianContext(row.medianHoursToGiveEffect, 'given effect'),
      ]);
    }
  }
  return `${DSA_HEADER}\r\n${csvRecords(records)}`;
}
