/**
 * Listing benchmark: GET /requests pages (filters, search, deep cursors) and the notification queue over 100,000
 * seeded requests (300,000 targets), against the built API in its own process on a fresh database.
 * Target: p99 ≤ 30 ms per page. Prints JSON and writes bench/results/listing.json.
 *
 *   npx tsx bench/listing.bench.ts
 *   BENCH_DATABASE_URL=postgresql://…/postgres  BENCH_DURATION=8 (seconds per scenario)  BENCH_CONNECTIONS=4
 *   BENCH_REQUESTS=100000  BENCH_KEEP=1 (keep the seeded database, for EXPLAIN)
 *   BENCH_SCENARIOS=search,overdue (only scenarios whose name contains one of the words)
 */
import { searchTokens } from '../apps/api/src/requests/search.js';
import {
  admin,
  buildApi,
  cpuPerRequest,
  cpuSnapshot,
  createIdentity,
  freshDatabase,
  load,
  loadAverage,
  log,
  machineCeiling,
  machine,
  postgresVersion,
  startApi,
  type Summary,
  writeResult,
} from './intake-harness.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const TARGET = { p99Ms: 30 };
const ONLY = (process.env.BENCH_SCENARIOS ?? '').split(',').filter(Boolean);

const COUNTRIES = ['DE', 'FR', 'NL', 'AT', 'BE', 'PL', 'IT', 'ES'];

/**
 * Realistic shape: one request every 15 minutes going back ~3 years; recent ones still open, older ones answered
 * (1% of them left open: the overdue backlog); three targets and one or two categories each. search_tokens is
 * computed in SQL by a function equal to apps/api/src/requests/search.ts for these ASCII references and case
 * numbers (checked against it below).
 */
const SEED = `
CREATE FUNCTION pg_temp.bench_tokens(ref text, case_number text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT left(w, len)), '{}') FROM (
    SELECT w FROM regexp_split_to_table(lower(ref || ' ' || coalesce(case_number, '')), '[^a-z0-9]+') w WHERE w <> ''
    UNION ALL
    SELECT ltrim(w, '0') FROM regexp_split_to_table(lower(ref || ' ' || coalesce(case_number, '')), '[^a-z0-9]+') w
     WHERE w ~ '^0+[0-9]'
  ) words, generate_series(1, 32) len WHERE len <= length(w)
$$;

INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
SELECT ('00000000-0000-4000-8000-' || lpad(a::text, 12, '0'))::uuid, 'Authority ' || a,
       (ARRAY['COURT', 'COURT', 'PROSECUTOR', 'POLICE']::"AuthorityKind"[])[1 + a % 4],
       (ARRAY['${COUNTRIES.join("','")}'])[1 + a % ${COUNTRIES.length}], 'Bench', now()
  FROM generate_series(1, 20) a;

INSERT INTO request (id, reference, type, legal_process, authority_id, country, case_number, received_at,
                     acknowledged_at, due_at, responded_at, has_ndo, ndo_ends_at, status, outcome, search_text,
                     search_tokens, created_by_id, created_at, updated_at)
SELECT g.id, g.reference, (ARRAY['RECORDS', 'RECORDS', 'RECORDS', 'PRESERVATION', 'EMERGENCY', 'INQUIRY']::"RequestType"[])[1 + g.i % 6],
       (ARRAY['COURT_ORDER', 'COURT_ORDER', 'WARRANT', 'SUBPOENA', 'LETTER']::"LegalProcess"[])[1 + g.i % 5],
       ('00000000-0000-4000-8000-' || lpad((1 + g.i % 20)::text, 12, '0'))::uuid,
       (ARRAY['${COUNTRIES.join("','")}'])[1 + (1 + g.i % 20) % ${COUNTRIES.length}],
       g.case_number, g.received_at, g.received_at + interval '2 hours', g.received_at + interval '30 days',
       CASE WHEN g.open THEN NULL ELSE g.received_at + interval '10 days' END,
       g.i % 5 = 0, CASE WHEN g.i % 10 = 0 THEN g.received_at + interval '180 days' END,
       g.status, CASE WHEN g.open THEN 'PENDING'::"Outcome"
                      ELSE (ARRAY['DISCLOSED', 'NO_DATA', 'REJECTED_NOT_COURT_ORDER', 'WITHDRAWN', 'DISCLOSED']::"Outcome"[])[1 + g.i % 5] END,
       lower(g.reference || ' ' || g.case_number), pg_temp.bench_tokens(g.reference, g.case_number),
       $1::uuid, g.received_at, g.received_at
  FROM (
    SELECT i, gen_random_uuid() AS id, 'WR-' || extract(year FROM now() - i * interval '15 minutes') || '-' || lpad(i::text, 6, '0') AS reference,
           (ARRAY[(i % 97) || ' Js ' || i || '/' || (20 + i % 7), 'AZ ' || (i % 13) || ' BvR ' || i || '/' || (20 + i % 7),
                  'PARQUET ' || (20 + i % 7) || '/' || i, 'CASE-' || i])[1 + i % 4] AS case_number,
           now() - i * interval '15 minutes' AS received_at,
           (i < 4300 OR i % 100 = 0) AS open,
           CASE WHEN i < 4300 OR i % 100 = 0
                THEN (ARRAY['RECEIVED', 'IN_REVIEW', 'VERIFIED', 'DECIDED', 'DISCLOSURE_PREPARED', 'APPROVED']::"RequestStatus"[])[1 + i % 6]
                ELSE (ARRAY['DELIVERED', 'CLOSED', 'REJECTED', 'NO_DATA', 'WITHDRAWN', 'CLOSED']::"RequestStatus"[])[1 + i % 6] END AS status
      FROM generate_series(1, $2::int) i
  ) g;

INSERT INTO target (id, request_id, selector_type, value, role, created_at)
SELECT gen_random_uuid(), r.id, (ARRAY['ACCOUNT_ID', 'USERNAME', 'PHONE_NUMBER']::"SelectorType"[])[k],
       CASE k WHEN 1 THEN 'acct_' || n WHEN 2 THEN 'user_' || n ELSE '+4930' || lpad(n::text, 7, '0') END,
       (ARRAY['SUSPECT', 'VICTIM', 'WITNESS']::"TargetRole"[])[k], r.created_at
  FROM (SELECT id, created_at, row_number() OVER () AS n FROM request) r, generate_series(1, 3) k;

INSERT INTO requested_category (request_id, category)
SELECT id, 'IP_ADDRESS'::"DataCategory" FROM request
UNION ALL SELECT id, 'MESSAGE_CONTENT'::"DataCategory" FROM request WHERE id::text < '8';

SELECT setval('request_reference_seq', $2::int);
`;

async function seed(url: string, staffId: string): Promise<{ seconds: number; tokenCheck: string }> {
  const started = performance.now();
  const tokenCheck = await admin(url, async (client) => {
    // node-postgres runs a multi-statement text only without parameters: bind them by hand (both are ours).
    await client.query(
      SEED.replaceAll('$1::uuid', `'${staffId}'::uuid`).replaceAll('$2::int', String(Math.trunc(REQUESTS))),
    );
    await client.query('VACUUM ANALYZE request, target, requested_category, authority');
    const { rows } = await client.query<{ reference: string; case_number: string; search_tokens: string[] }>(
      'SELECT reference, case_number, search_tokens FROM request ORDER BY random() LIMIT 200',
    );
    for (const row of rows) {
      const expected = [...searchTokens(row.reference, row.case_number)].sort();
      const actual = [...row.search_tokens].sort();
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        throw new Error(`seeded search_tokens differ from the API's for ${row.reference} / ${row.case_number}`);
      }
    }
    return `the SQL tokens of ${rows.length} random rows equal apps/api/src/requests/search.ts`;
  });
  return { seconds: Math.round((performance.now() - started) / 100) / 10, tokenCheck };
}

/** Cursors at several depths, taken by walking the list through the API as a client would. */
async function cursorsAtDepths(
  api: string,
  headers: Record<string, string>,
  depths: number[],
): Promise<Record<number, string>> {
  const found: Record<number, string> = {};
  let cursor: string | null = null;
  let seen = 0;
  const deepest = Math.max(...depths);
  while (seen < deepest) {
    const response: Response = await fetch(`${api}/requests?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers,
    });
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    seen += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) break;
    for (const depth of depths) if (!found[depth] && seen >= depth) found[depth] = cursor;
  }
  return found;
}

async function main(): Promise<void> {
  const loadAverageAtStart = loadAverage();
  log('building the API (tsc -b)…');
  buildApi();
  const database = await freshDatabase('listing');
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    const { staffId, token } = await createIdentity(database.url, ['REVIEWER']);
    log(`seeding ${REQUESTS} requests…`);
    const seeded = await seed(database.url, staffId);
    log(`seeded in ${seeded.seconds} s; ${seeded.tokenCheck}`);
    const sample = await admin(database.url, async (client) => {
      const { rows } = await client.query<{ reference: string; authority_id: string }>(
        `SELECT reference, authority_id FROM request ORDER BY received_at DESC OFFSET $1 LIMIT 1`,
        [Math.floor(REQUESTS / 3)],
      );
      return rows[0]!;
    });

    api = await startApi(database.url);
    const headers = { authorization: `Bearer ${token}` };
    const depths = [1_000, 10_000, 50_000, 90_000].filter((depth) => depth < REQUESTS);
    const cursors = await cursorsAtDepths(api.url, headers, depths);
    const midCursor = cursors[depths[Math.floor(depths.length / 2)]!] ?? '';
    const path = (paths: string[]) => ({ requests: paths.map((p) => ({ method: 'GET', path: p })) });
    const scenarios: [string, string[]][] = [
      ['first page (50)', ['/requests?limit=50']],
      ['first page (200)', ['/requests?limit=200']],
      [
        'deep pages via cursor (1k, 10k, 50k, 90k rows in)',
        Object.values(cursors).map((c) => `/requests?limit=50&cursor=${c}`),
      ],
      ['status filter (three open states)', ['/requests?status=RECEIVED,IN_REVIEW,VERIFIED&limit=50']],
      ['status filter (final states, deep)', [`/requests?status=CLOSED,REJECTED&limit=50&cursor=${midCursor}`]],
      [
        'country + received date range',
        ['/requests?country=FR&receivedFrom=2025-01-01&receivedTo=2025-06-30&limit=50'],
      ],
      ['authority', [`/requests?authorityId=${sample.authority_id}&limit=50`]],
      ['overdue', ['/requests?overdue=true&limit=50']],
      ['type + legal process rare combination', ['/requests?type=EMERGENCY&status=APPROVED&limit=50']],
      [
        'search q (exact reference, number, case number words, common prefix)',
        [
          `/requests?q=${encodeURIComponent(sample.reference)}`,
          `/requests?q=${Number(sample.reference.slice(8))}`,
          '/requests?q=js%204711',
          '/requests?q=bvr',
          '/requests?q=parquet%2024',
        ],
      ],
      // The seed files "Js" case numbers (i % 4 = 0) under FR and PL authorities only, and never as CLOSED
      // (i % 6 in 1, 5); one in 60 is a DELIVERED one from FR.
      ['search q + filters that overlap', ['/requests?q=js&country=FR&status=DELIVERED&limit=50']],
      [
        'search q + filters that match nothing together (worst case)',
        ['/requests?q=js&country=DE&status=CLOSED&limit=50'],
      ],
      ['notification queue', ['/requests/notification-queue?limit=50']],
    ];

    if (ONLY.length) scenarios.splice(0, Infinity, ...scenarios.filter(([name]) => ONLY.some((w) => name.includes(w))));
    const runs: (Summary & { paths: string[]; cpu: ReturnType<typeof cpuPerRequest> })[] = [];
    await load('warm-up', {
      url: api.url,
      headers,
      connections: CONNECTIONS,
      duration: 3,
      ...path(scenarios.flatMap(([, p]) => p)),
    });
    for (const [name, paths] of scenarios) {
      const before = await cpuSnapshot(api.pid, database.url);
      const summary = await load(name, {
        url: api.url,
        headers,
        connections: CONNECTIONS,
        duration: DURATION,
        ...path(paths),
      });
      const cpu = cpuPerRequest(before, await cpuSnapshot(api.pid, database.url), summary.requests);
      runs.push({ ...summary, paths, cpu });
    }
    const worst = [...runs].sort((a, b) => b.latencyMs.p99 - a.latencyMs.p99)[0]!;
    writeResult('listing.json', {
      benchmark: 'listing',
      at: new Date().toISOString(),
      machine: {
        ...machine(),
        postgres: await postgresVersion(database.url),
        loadAverageAtStart,
        loadAverageAtEnd: loadAverage(),
      },
      machineCeiling: machineCeiling(),
      target: TARGET,
      seeded: { requests: REQUESTS, targets: REQUESTS * 3, ...seeded },
      connections: CONNECTIONS,
      durationSecondsPerScenario: DURATION,
      runs,
      worstP99: { scenario: worst.name, p99Ms: worst.latencyMs.p99 },
      meetsTarget: runs.every((r) => r.latencyMs.p99 <= TARGET.p99Ms && r.non2xx === 0 && r.errors === 0),
      overTarget: runs.filter((r) => r.latencyMs.p99 > TARGET.p99Ms).map((r) => `${r.name}: p99 ${r.latencyMs.p99} ms`),
    });
  } finally {
    await api?.stop();
    // BENCH_KEEP=1 leaves the seeded database behind for EXPLAIN ANALYZE (drop it by hand afterwards).
    if (process.env.BENCH_KEEP === '1') log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
