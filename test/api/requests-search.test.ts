// Search (q) combined with filters, over more requests than a search's first step looks at (list-requests.ts,
// SEARCH_WINDOW): whichever way a page is found, it must be exactly the matches, newest first, and the
// cursor must carry on where it stopped. Compared with a brute-force filter over every row.
import { RequestListPage, RequestPage, SEARCH_COUNT_LIMIT } from '@writ/contracts';
import fc from 'fast-check';
import { SEARCH_WINDOW } from '../../apps/api/src/requests/list-requests';
import { matchesWords, queryWords, searchText, searchWords } from '../../apps/api/src/requests/search';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { callRaw, createAuthority } from './requests.fixtures';

/** Matches by the thousand outside the window: the second step's worst case. */
const PLENTY = 1000;
const COUNT = SEARCH_WINDOW + PLENTY + 500;
const FAR = SEARCH_WINDOW + 100;
/** From here on, case numbers share a word: plentiful matches, none of them in the first page's window. */
const OLD = SEARCH_WINDOW + 200;
const STATUSES = ['RECEIVED', 'IN_REVIEW', 'CLOSED', 'DELIVERED', 'REJECTED'] as const;

interface Row {
  id: string;
  reference: string;
  receivedAt: Date;
  country: 'DE' | 'FR';
  authorityId: string;
  status: (typeof STATUSES)[number];
  type: 'RECORDS' | 'EMERGENCY';
  statementOfReasons: string | null;
  words: string[];
}

let t: TestApp;
let reviewer: TestStaff;
const rows: Row[] = [];

/** Request i was received i minutes before the newest; its attributes repeat with different periods. */
function caseNumber(i: number): string {
  if (i >= COUNT - 3) return `PARQUET 26/${i}`; // only the three oldest: found only by the index-driven query
  if (i === 10 || i === FAR) return `KARLSRUHE ${i}`; // two matches further apart than the window
  if (i >= OLD) return `ALTAKTE ${i}/19`;
  return i % 3 === 0 ? `Js ${i}/26` : `AZ ${i}`;
}

/** Free text on one request in five, so searches also meet words of the statement of reasons. */
function statementOfReasons(i: number): string | null {
  if (i % 5 !== 0) return null;
  return i % 2 === 0 ? `Verdacht des Betrugs, Aktenzeichen ${i}` : 'Suspected fraud (Betrug) over a messaging account';
}

beforeAll(async () => {
  t = await startTestApp();
  reviewer = await createStaff(t, ['REVIEWER']);
  const intake = await createStaff(t, ['INTAKE']);
  const authorities = {
    DE: await createAuthority(t, { country: 'DE' }),
    FR: await createAuthority(t, { country: 'FR' }),
  };
  const newest = Date.parse('2026-06-01T12:00:00Z');
  for (let i = 0; i < COUNT; i += 1) {
    const country = i % 7 === 0 ? 'FR' : 'DE';
    const reference = `WR-2025-${String(i).padStart(6, '0')}`;
    rows.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      reference,
      receivedAt: new Date(newest - i * 60_000),
      country,
      authorityId: authorities[country],
      status: STATUSES[i % STATUSES.length]!,
      type: i % 11 === 0 ? 'EMERGENCY' : 'RECORDS',
      statementOfReasons: statementOfReasons(i),
      words: searchWords(reference, { caseNumber: caseNumber(i), statementOfReasons: statementOfReasons(i) }),
    });
  }
  // Written directly: ten thousand intakes over HTTP would take minutes and test nothing more here.
  for (let start = 0; start < COUNT; start += 500) {
    const batch = rows.slice(start, start + 500);
    await t.db.query(
      `INSERT INTO request (id, reference, type, legal_process, authority_id, country, case_number, received_at, status,
                            statement_of_reasons, search_text, search_vector, created_by_id, updated_at)
       SELECT u.id, u.reference, u.type::"RequestType", 'COURT_ORDER', u.authority_id, u.country, u.case_number,
              u.received_at, u.status::"RequestStatus", u.statement_of_reasons, u.search_text,
              array_to_tsvector(ARRAY(SELECT json_array_elements_text(u.words))), $8::uuid, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[],
                     $9::text[], $10::text[], $11::json[], $12::text[])
              AS u(id, reference, type, authority_id, country, received_at, status, case_number, search_text, words,
                   statement_of_reasons)`,
      [
        batch.map((r) => r.id),
        batch.map((r) => r.reference),
        batch.map((r) => r.type),
        batch.map((r) => r.authorityId),
        batch.map((r) => r.country),
        batch.map((r) => r.receivedAt.toISOString()),
        batch.map((r) => r.status),
        intake.id,
        batch.map((_, k) => caseNumber(start + k)),
        batch.map((r, k) => searchText(r.reference, caseNumber(start + k))),
        batch.map((r) => JSON.stringify(r.words)),
        batch.map((r) => r.statementOfReasons),
      ],
    );
  }
  await t.db.query('ANALYZE request');
}, 60_000);
afterAll(async () => {
  await t.close();
});

interface Filters {
  q: string;
  country?: 'DE' | 'FR';
  status?: (typeof STATUSES)[number][];
  type?: 'RECORDS' | 'EMERGENCY';
  byAuthority?: boolean;
}

function expected(filters: Filters): string[] {
  const words = queryWords(filters.q);
  return rows
    .filter((r) => matchesWords(r.words, words))
    .filter((r) => !filters.country || r.country === filters.country)
    .filter((r) => !filters.status || filters.status.includes(r.status))
    .filter((r) => !filters.type || r.type === filters.type)
    .filter((r) => !filters.byAuthority || r.country === 'FR')
    .map((r) => r.id); // rows are newest first already
}

async function search(filters: Filters, limit: number, pages: number): Promise<string[]> {
  const params = new URLSearchParams({ q: filters.q, limit: String(limit) });
  if (filters.country) params.set('country', filters.country);
  if (filters.status) params.set('status', filters.status.join(','));
  if (filters.type) params.set('type', filters.type);
  if (filters.byAuthority) params.set('authorityId', rows.find((r) => r.country === 'FR')!.authorityId);
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    // The query as a browser's address would carry it (a comma-separated status list): what the API parses.
    const reply = await callRaw(t, 'GET', `/requests?${params}${cursor ? `&cursor=${cursor}` : ''}`, { as: reviewer });
    expect(reply.status).toBe(200);
    const body = RequestPage.parse(reply.body);
    ids.push(...body.items.map((item) => item.id));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

describe("GET /requests?q= with filters, beyond the first step's window", () => {
  it('finds matches that only the oldest requests hold', async () => {
    const ids = await search({ q: 'parquet' }, 50, 1);
    expect(ids).toEqual(rows.slice(-3).map((r) => r.id));
    expect(await search({ q: 'parquet', country: 'DE' }, 50, 1)).toEqual(expected({ q: 'parquet', country: 'DE' }));
  });

  it("finds plentiful matches that are all older than the first step's window reaches", async () => {
    const all = expected({ q: 'altakte' });
    expect(all.length).toBeGreaterThan(PLENTY);
    expect(await search({ q: 'altakte' }, 50, 3)).toEqual(all.slice(0, 150));
    expect(await search({ q: 'altakte', status: ['CLOSED'] }, 200, 1)).toEqual(
      expected({ q: 'altakte', status: ['CLOSED'] }).slice(0, 200),
    );
  });

  it('pages through matches further apart than the window, each exactly once and newest first', async () => {
    // The first page's window holds only one of them: the next page must still be offered.
    expect(await search({ q: 'karlsruhe' }, 1, 5)).toEqual([rows[10]!.id, rows[FAR]!.id]);
    // Js case numbers under FR that are DELIVERED and EMERGENCY: one request in 1,155, pages of 2 through all.
    const filters: Filters = { q: 'js', country: 'FR', status: ['DELIVERED'], type: 'EMERGENCY' };
    const all = expected(filters);
    expect(all.length).toBeGreaterThan(5);
    expect(await search(filters, 2, 100)).toEqual(all);
  });

  it('answers exactly what a brute-force filter over every row answers, for random searches and filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            q: fc.constantFrom(
              'js',
              'az',
              'parquet',
              'karlsruhe',
              'altakte',
              '26',
              'js 26',
              'wr',
              'wr 2025',
              'zzz',
              'betrug',
              'fraud mess',
              'verdacht 12',
            ),
            country: fc.constantFrom('DE' as const, 'FR' as const),
            status: fc.uniqueArray(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 3 }),
            type: fc.constantFrom('RECORDS' as const, 'EMERGENCY' as const),
            byAuthority: fc.boolean(),
          },
          { requiredKeys: ['q'] },
        ),
        fc.constantFrom(1, 7, 50),
        async (filters, limit) => {
          const pages = 3;
          expect(await search(filters, limit, pages)).toEqual(expected(filters).slice(0, limit * pages));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('counts a search per status while at most SEARCH_COUNT_LIMIT requests match, and says so beyond', async () => {
    for (const filters of [
      { q: 'karlsruhe' },
      { q: 'betrug', country: 'FR' as const },
      { q: 'js', country: 'FR' as const, type: 'EMERGENCY' as const },
      { q: 'altakte' },
      { q: 'wr 2025', status: ['CLOSED' as const] },
    ]) {
      const params = new URLSearchParams({ q: filters.q, counts: 'true', limit: '1' });
      if (filters.country) params.set('country', filters.country);
      if (filters.type) params.set('type', filters.type);
      if (filters.status) params.set('status', filters.status.join(','));
      const reply = await callRaw(t, 'GET', `/requests?${params}`, { as: reviewer });
      expect(reply.status).toBe(200);
      const body = RequestListPage.parse(reply.body);
      // Counts ignore the status filter, as the chips do.
      const matches = expected({ ...filters, status: undefined });
      const byId = new Map(rows.map((r) => [r.id, r.status]));
      if (matches.length <= SEARCH_COUNT_LIMIT) {
        expect({ q: filters.q, tooManyToCount: body.tooManyToCount }).toEqual({
          q: filters.q,
          tooManyToCount: undefined,
        });
        for (const status of STATUSES) {
          expect([filters.q, status, body.counts?.[status]]).toEqual([
            filters.q,
            status,
            matches.filter((id) => byId.get(id) === status).length,
          ]);
        }
      } else {
        expect([filters.q, body.counts, body.tooManyToCount]).toEqual([filters.q, undefined, SEARCH_COUNT_LIMIT]);
      }
    }
    // Both branches were met.
    expect(expected({ q: 'karlsruhe' }).length).toBeLessThanOrEqual(SEARCH_COUNT_LIMIT);
    expect(expected({ q: 'altakte' }).length).toBeGreaterThan(SEARCH_COUNT_LIMIT);
  });
});
