import {
  ALL,
  COUNT_FIELDS,
  type CountField,
  EU_MEMBER_STATES,
  OUTCOME_FIELDS,
  type ReportDocument,
} from '@writ/contracts';
import fc from 'fast-check';
import { buildReport } from './build-report.js';
import type { CountedDsaRow, CountedRow } from './count-period.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);

// Requests as the database would hold them, few and spread thin, so that most cells are small: the hard case.
const COUNTRIES = ['DE', 'FR', 'US', 'BR'];
const PROCESSES = ['COURT_ORDER', 'WARRANT', 'SUBPOENA'];
const CATEGORIES = ['CYBER_VIOLENCE', 'SCAMS_AND_FRAUD', null];

const request = fc.record({
  country: fc.constantFrom(...COUNTRIES),
  legalProcess: fc.constantFrom(...PROCESSES),
  category: fc.constantFrom(...CATEGORIES),
  outcome: fc.constantFrom(...OUTCOME_FIELDS),
  targets: fc.integer({ min: 1, max: 3 }),
  emergency: fc.boolean(),
  gag: fc.boolean(),
  notified: fc.boolean(),
  hoursToAck: fc.option(fc.integer({ min: 1, max: 100 })),
});
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

/** What countPeriod's GROUPING SETS give, counted the slow way. */
function countRows(requests: Request[]): CountedRow[] {
  const groups = new Map<string, { country: string | null; legalProcess: string | null; of: Request[] }>();
  for (const r of requests) {
    for (const [country, legalProcess] of [
      [r.country, r.legalProcess],
      [r.country, null],
      [null, r.legalProcess],
      [null, null],
    ] as const) {
      const key = `${country}|${legalProcess}`;
      const group = groups.get(key) ?? { country, legalProcess, of: [] };
      group.of.push(r);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ country, legalProcess, of }) => {
    const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, 0])) as Record<CountField, number>;
    for (const r of of) {
      counts.requestsReceived += 1;
      counts[r.outcome] += 1;
      counts.accountsSpecified += r.targets;
      if (r.outcome === 'requestsWithDataDisclosed') {
        counts.accountsDisclosed += r.targets;
        counts.ipAddressDisclosures += 1;
      }
      if (r.emergency) counts.emergencyRequests += 1;
      if (r.gag) counts.gagOrdersInForce += 1;
      if (r.notified) counts.usersNotified += 1;
    }
    const acks = of.flatMap((r) => (r.hoursToAck === null ? [] : [r.hoursToAck]));
    return {
      country,
      legalProcess,
      counts,
      medianHoursToAcknowledge: median(acks),
      medianHoursToGiveEffect: null,
      acknowledged: acks.length,
      answered: 0,
    };
  });
}

function countDsa(requests: Request[]): CountedDsaRow[] {
  const eu = requests.filter((r) => (EU_MEMBER_STATES as readonly string[]).includes(r.country));
  const groups = new Map<string, { country: string | null; category: string | null; of: Request[] }>();
  for (const r of eu) {
    const category = r.category ?? 'NOT_SPECIFIED_ORDER';
    for (const [country, cat] of [
      [r.country, category],
      [r.country, null],
      [null, category],
      [null, null],
    ] as const) {
      const key = `${country}|${cat}`;
      const group = groups.get(key) ?? { country, category: cat, of: [] };
      group.of.push(r);
      groups.set(key, group);
    }
  }
  if (groups.size === 0) groups.set('null|null', { country: null, category: null, of: [] });
  return [...groups.values()].map(({ country, category, of }) => {
    const acks = of.flatMap((r) => (r.hoursToAck === null ? [] : [r.hoursToAck]));
    return {
      country,
      category,
      orders: of.length,
      medianHoursToAcknowledge: median(acks),
      medianHoursToGiveEffect: null,
      acknowledged: acks.length,
      answered: 0,
    };
  });
}

function publish(requests: Request[], threshold: number): ReportDocument {
  const start = new Date('2026-01-01T00:00:00Z');
  return buildReport(
    {
      period: { id: '2026-H1', granularity: 'HALF_YEAR', start, end: new Date('2026-07-01T00:00:00Z') },
      version: 1,
      threshold,
      countedAt: new Date('2026-07-02T00:00:00Z'),
      changelog: null,
      previousSha256: null,
    },
    countRows(requests),
    countDsa(requests),
  );
}

// ---- The attacker: sees only the published document, and knows how a report adds up. ----

type Equation = { terms: Map<string, number>; constant: number };

/** Every sum the published document implies, over its printed cells (an absent row is all zeros). */
function publishedSums(document: ReportDocument): { cells: Map<string, number | string>; sums: string[][][] } {
  const cells = new Map<string, number | string>();
  for (const row of document.rows) {
    for (const field of COUNT_FIELDS) cells.set(`${row.country}|${row.legalProcess}|${field}`, row[field]);
  }
  for (const row of document.dsa) cells.set(`dsa|${row.scope}|${row.category}`, row.orders);
  const sums: string[][][] = []; // [[total], parts]
  const leaves = document.rows.filter((r) => r.country !== ALL && r.legalProcess !== ALL);
  const countries = [...new Set(leaves.map((r) => r.country))];
  const processes = [...new Set(leaves.map((r) => r.legalProcess))];
  for (const field of COUNT_FIELDS) {
    for (const c of countries) {
      sums.push([
        [`${c}|ALL|${field}`],
        leaves.filter((r) => r.country === c).map((r) => `${c}|${r.legalProcess}|${field}`),
      ]);
    }
    for (const p of processes) {
      sums.push([
        [`ALL|${p}|${field}`],
        leaves.filter((r) => r.legalProcess === p).map((r) => `${r.country}|${p}|${field}`),
      ]);
    }
    sums.push([[`ALL|ALL|${field}`], countries.map((c) => `${c}|ALL|${field}`)]);
    sums.push([[`ALL|ALL|${field}`], processes.map((p) => `ALL|${p}|${field}`)]);
  }
  for (const row of document.rows) {
    const key = `${row.country}|${row.legalProcess}`;
    sums.push([[`${key}|requestsReceived`], OUTCOME_FIELDS.map((f) => `${key}|${f}`)]);
  }
  const orders = document.dsa.filter((r) => r.scope !== 'TOTAL' && r.category !== 'TOTAL');
  const eu = [...new Set(orders.map((r) => r.scope))];
  for (const c of eu) {
    sums.push([[`dsa|${c}|TOTAL`], orders.filter((r) => r.scope === c).map((r) => `dsa|${c}|${r.category}`)]);
    sums.push([[`dsa|${c}|TOTAL`], [`${c}|ALL|requestsReceived`]]);
  }
  for (const cat of new Set(orders.map((r) => r.category))) {
    sums.push([[`dsa|TOTAL|${cat}`], orders.filter((r) => r.category === cat).map((r) => `dsa|${r.scope}|${cat}`)]);
  }
  sums.push([[`dsa|TOTAL|TOTAL`], [...new Set(orders.map((r) => r.category))].map((k) => `dsa|TOTAL|${k}`)]);
  sums.push([[`dsa|TOTAL|TOTAL`], eu.map((c) => `dsa|${c}|TOTAL`)]);
  const outside = countries.filter((c) => !(EU_MEMBER_STATES as readonly string[]).includes(c));
  sums.push([[`ALL|ALL|requestsReceived`], ['dsa|TOTAL|TOTAL', ...outside.map((c) => `${c}|ALL|requestsReceived`)]]);
  return { cells, sums };
}

function equations(document: ReportDocument): Equation[] {
  const { cells, sums } = publishedSums(document);
  return sums.map(([[total], parts]) => {
    const terms = new Map<string, number>();
    let constant = 0;
    for (const [key, sign] of [[total!, 1] as const, ...parts!.map((p) => [p, -1] as const)]) {
      const cell = cells.get(key) ?? 0;
      if (typeof cell === 'number') constant -= sign * cell;
      else terms.set(key, (terms.get(key) ?? 0) + sign);
    }
    return { terms, constant };
  });
}

/** |x| > 1e-9. Not Math.abs: in jest's vm context a global lookup is a slow call, and this runs in the inner loop. */
const significant = (x: number) => x > 1e-9 || x < -1e-9;

/** Hidden cells whose value the published sums pin down: Gauss–Jordan elimination over every equation at once. */
function determined(eqs: Equation[]): Set<string> {
  const unknowns = [...new Set(eqs.flatMap((e) => [...e.terms.keys()]))];
  const rows = eqs.map((e) => unknowns.map((u) => e.terms.get(u) ?? 0));
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    const pivot = rows.findIndex((r, i) => i >= rank && significant(r[col]!));
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const top = rows[rank]!;
    const p = top[col]!;
    for (let j = 0; j < top.length; j++) top[j]! /= p;
    // In place, over the pivot row's nonzero columns only (v − f·0 is v): the numbers of a full pass of copies,
    // at a fraction of the cost.
    const used = top.flatMap((v, j) => (v === 0 ? [] : [j]));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const f = row[col]!;
      if (i === rank || (f < 1e-9 && f > -1e-9)) continue;
      for (const j of used) row[j]! -= f * top[j]!;
    }
    rank++;
  }
  const pinned = new Set<string>();
  for (const row of rows) {
    const nonzero = row.flatMap((v, j) => (significant(v) ? [j] : []));
    if (nonzero.length === 1) pinned.add(unknowns[nonzero[0]!]!);
  }
  return pinned;
}

describe('complementary suppression', () => {
  const data = fc.tuple(fc.array(request, { minLength: 0, maxLength: 80 }), fc.integer({ min: 3, max: 12 }));

  it('leaves no band that one published sum gives back by subtraction', () => {
    fc.assert(
      fc.property(data, ([requests, threshold]) => {
        // One expect per run, not per sum: jest builds every matcher afresh for each expect() call.
        const giveBack = equations(publish(requests, threshold)).filter((eq) => eq.terms.size === 1);
        expect(giveBack).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('leaves no band that any combination of published sums pins down', () => {
    fc.assert(
      fc.property(data, ([requests, threshold]) => {
        const document = publish(requests, threshold);
        const { cells } = publishedSums(document);
        const pinnedBands = [...determined(equations(document))].filter((k) => String(cells.get(k)).startsWith('1–'));
        expect(pinnedBands).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('keeps every printed sum true: exact totals equal their exact parts, hidden ones are consistent', () => {
    fc.assert(
      fc.property(data, ([requests, threshold]) => {
        const exact = equations(publish(requests, threshold)).filter((eq) => eq.terms.size === 0);
        expect(exact.filter((eq) => !Object.is(eq.constant, 0))).toEqual([]);
      }),
      { numRuns },
    );
  });

  it('prints no median over fewer requests than the threshold', () => {
    fc.assert(
      fc.property(data, ([requests, threshold]) => {
        const document = publish(requests, threshold);
        for (const row of document.rows) {
          if (typeof row.requestsReceived === 'string' && row.requestsReceived.startsWith('1–')) {
            expect(row.medianHoursToAcknowledge).toBeNull();
          }
        }
      }),
      { numRuns },
    );
  });

  it('withholds the complement in a small hand-made table', () => {
    // DE: 3 by court order, 20 by warrant. Without a complement, 23 − 20 gives the 3 back.
    const requests: Request[] = [
      ...Array.from({ length: 3 }, () => ({ ...base, legalProcess: 'COURT_ORDER' })),
      ...Array.from({ length: 20 }, () => ({ ...base, legalProcess: 'WARRANT' })),
    ];
    const document = publish(requests, 10);
    const row = (c: string, p: string) => document.rows.find((r) => r.country === c && r.legalProcess === p)!;
    expect(row('DE', 'COURT_ORDER').requestsReceived).toBe('1–9');
    expect(row('DE', 'WARRANT').requestsReceived).toBe('≥10');
    expect(row('DE', ALL).requestsReceived).toBe(23);
    expect(row('DE', 'COURT_ORDER').medianHoursToAcknowledge).toBeNull();
    expect(row('DE', 'WARRANT').medianHoursToAcknowledge).toBe(5);
  });
});

const base: Request = {
  country: 'DE',
  legalProcess: 'COURT_ORDER',
  category: null,
  outcome: 'noData',
  targets: 1,
  emergency: false,
  gag: false,
  notified: false,
  hoursToAck: 5,
};
