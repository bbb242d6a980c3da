import { EU_MEMBER_STATES } from '../../countries.js';
import { ALL, COUNT_FIELDS, type CountField } from '../report.js';
import { pinnedCells } from './pinned-cells.js';
import type { CountedDsaRow, CountedRow } from './counted.js';

/**
 * Complementary suppression (docs/POLICY.md, "Small numbers in reports"). Banding a count of 1–9 protects nothing
 * if the report also prints an exact total and every other part of that total: the reader subtracts. So every
 * published sum is checked, and a sum that would leave exactly one hidden member gets a second one, withheld:
 * printed as "≥threshold" rather than its number. Repeated until no sum has exactly one hidden member, because a
 * withheld count is itself a member of other sums (its column, its row's outcomes, the DSA table).
 */

/** Where a count sits in the report: `<country>|<legal process>|<field>` or `dsa|<scope>|<category>`. */
export type CellKey = string;

/** A published identity: `total` equals the sum of `parts`. */
export interface Relation {
  total: CellKey;
  parts: CellKey[];
}

export type Hidden = 'band' | 'withheld';

/** The outcomes a request counts as: their counts add up to the requests received, in every row. */
export const OUTCOME_FIELDS = [
  'requestsWithDataDisclosed',
  'rejectedNotCourtOrder',
  'rejectedUnverified',
  'rejectedInvalid',
  'rejectedScope',
  'noData',
  'withdrawn',
  'pending',
] as const satisfies readonly CountField[];

export function rowKey(country: string | null, legalProcess: string | null, field: CountField): CellKey {
  return `${country ?? ALL}|${legalProcess ?? ALL}|${field}`;
}

export function dsaKey(country: string | null, category: string | null): CellKey {
  return `dsa|${country ?? 'TOTAL'}|${category ?? 'TOTAL'}`;
}

/** Every count of the report by its key; a cell with no row is 0 and never needs hiding, so it is left out. */
export function cellValues(rows: readonly CountedRow[], dsa: readonly CountedDsaRow[]): Map<CellKey, number> {
  const values = new Map<CellKey, number>();
  for (const row of rows) {
    for (const field of COUNT_FIELDS) values.set(rowKey(row.country, row.legalProcess, field), row.counts[field]);
  }
  for (const row of dsa) values.set(dsaKey(row.country, row.category), row.orders);
  return values;
}

/** Every sum a reader can form from what the report prints, listed from the rows it has. */
export function reportRelations(rows: readonly CountedRow[], dsa: readonly CountedDsaRow[]): Relation[] {
  const relations: Relation[] = [];
  const cells = rows.filter((row) => row.country !== null && row.legalProcess !== null);
  const countries = [...new Set(cells.map((row) => row.country!))];
  const processes = [...new Set(cells.map((row) => row.legalProcess!))];
  for (const field of COUNT_FIELDS) {
    for (const country of countries) {
      relations.push({
        total: rowKey(country, null, field),
        parts: cells.filter((r) => r.country === country).map((r) => rowKey(country, r.legalProcess, field)),
      });
    }
    for (const process of processes) {
      relations.push({
        total: rowKey(null, process, field),
        parts: cells.filter((r) => r.legalProcess === process).map((r) => rowKey(r.country, process, field)),
      });
    }
    relations.push({ total: rowKey(null, null, field), parts: countries.map((c) => rowKey(c, null, field)) });
    relations.push({ total: rowKey(null, null, field), parts: processes.map((p) => rowKey(null, p, field)) });
  }
  // Every request has exactly one outcome, so in each row the outcome counts add up to the requests received.
  for (const row of rows) {
    relations.push({
      total: rowKey(row.country, row.legalProcess, 'requestsReceived'),
      parts: OUTCOME_FIELDS.map((field) => rowKey(row.country, row.legalProcess, field)),
    });
  }
  const orders = dsa.filter((row) => row.country !== null && row.category !== null);
  const eu = [...new Set(orders.map((row) => row.country!))];
  const categories = [...new Set(orders.map((row) => row.category!))];
  for (const country of eu) {
    relations.push({
      total: dsaKey(country, null),
      parts: orders.filter((r) => r.country === country).map((r) => dsaKey(country, r.category)),
    });
    // The DSA table's total for a Member State is that country's requests received, printed twice.
    relations.push({ total: dsaKey(country, null), parts: [rowKey(country, null, 'requestsReceived')] });
  }
  for (const category of categories) {
    relations.push({
      total: dsaKey(null, category),
      parts: orders.filter((r) => r.category === category).map((r) => dsaKey(r.country, category)),
    });
  }
  if (dsa.length > 0) {
    relations.push({ total: dsaKey(null, null), parts: eu.map((c) => dsaKey(c, null)) });
    relations.push({ total: dsaKey(null, null), parts: categories.map((c) => dsaKey(null, c)) });
    // All requests = those from the EU (the DSA total) + those from each country outside it.
    const outside = countries.filter((c) => !(EU_MEMBER_STATES as readonly string[]).includes(c));
    relations.push({
      total: rowKey(null, null, 'requestsReceived'),
      parts: [dsaKey(null, null), ...outside.map((c) => rowKey(c, null, 'requestsReceived'))],
    });
  }
  return relations;
}

/**
 * Which counts are hidden: every count from 1 to threshold − 1 is banded (the small-number rule), and complements
 * are withheld until no sum has exactly one hidden member. A complement is an exact nonzero count of the same sum
 * (a part before the total, so totals stay printed where they can): the smallest one of at least 2·threshold − 2
 * if there is one, because then the sum leaves every value of the band possible (a band value b and a withheld
 * count w ≥ threshold add up to b + w, and b could be anything up to b + w − threshold ≥ threshold − 1); else
 * the largest. Zeros are never complements: a withheld 0 next to a band gives the band's value back as the sum.
 */
export function hiddenCells(
  values: ReadonlyMap<CellKey, number>,
  relations: readonly Relation[],
  threshold: number,
): Map<CellKey, Hidden> {
  const hidden = new Map<CellKey, Hidden>();
  for (const [key, value] of values) if (value >= 1 && value < threshold) hidden.set(key, 'band');
  const value = (key: CellKey) => values.get(key) ?? 0;
  const withholdIn = (relation: Relation): boolean => {
    let candidates = relation.parts.filter((key) => !hidden.has(key) && value(key) > 0);
    if (candidates.length === 0 && !hidden.has(relation.total) && value(relation.total) > 0) {
      candidates = [relation.total];
    }
    if (candidates.length === 0) return false;
    const ample = candidates.filter((key) => value(key) >= 2 * threshold - 2);
    const pick =
      ample.length > 0
        ? ample.reduce((a, b) => (value(b) < value(a) ? b : a))
        : candidates.reduce((a, b) => (value(b) > value(a) ? b : a));
    hidden.set(pick, 'withheld');
    return true;
  };
  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const relation of relations) {
        if ([relation.total, ...relation.parts].filter((key) => hidden.has(key)).length !== 1) continue;
        // Always possible with consistent counts: an exact total over one hidden part has another nonzero member.
        if (!withholdIn(relation)) throw new Error(`no complement for ${relation.total}`);
        changed = true;
      }
    }
    // No single sum gives a band back now; combinations of sums still can. Withhold one more count next to a
    // band they pin down, and check again. This ends: once every nonzero count is hidden, the sums say only 0.
    const band = pinnedCells(relations, new Set(hidden.keys())).find((key) => hidden.get(key) === 'band');
    if (band === undefined) return hidden;
    const around = relations.filter((r) => r.total === band || r.parts.includes(band));
    if (!around.some(withholdIn)) {
      // Every count of every sum around it is hidden or 0: withhold the rest of the report's nonzero counts.
      for (const [key, count] of values) if (count > 0 && !hidden.has(key)) hidden.set(key, 'withheld');
    }
  }
}
