/**
 * Transparency reports (issue 14), two figures:
 *  a. computing the full report of one half-year (every country × legal process cell, the totals, the DSA orders,
 *     banding and complementary withholding, the canonical JSON and its hash) with 3,000,000 requests in the
 *     database, about a decade at the largest platforms' scale: one every 105 s, so ~150,000 in the half-year.
 *     Timed as an ADMIN gets it: POST /reports/drafts on the built API, end to end (then the draft is discarded).
 *     Target: ≤ 1 s.
 *  b. the public report page /reports/{period}, served by the built portal (apps/portal/dist/server: rendered once,
 *     then from memory until something is published) against the built API, under autocannon on the same machine,
 *     and under wrk when it is installed (with and without gzip, next to the hello world under wrk: autocannon runs
 *     in Node on the same cores and spends more CPU reading a 300 KB page than the server spends sending it).
 *     Target: ≥ 2,000 req/s with p99 ≤ 50 ms.
 * Figures are also given as ratios to bench/ceiling.bench.ts's NestJS hello world from the same run
 * (`npm run bench -- ceiling reports`: ceiling runs first), since this machine's speed varies by 2× or more.
 *
 *   npx tsx bench/reports.bench.ts      (needs `npm run build` first: it measures the built API and portal)
 *   BENCH_DATABASE_URL=postgresql://…/postgres  BENCH_REQUESTS=3000000  BENCH_DRAFTS=5  BENCH_DURATION=10
 *   BENCH_CONNECTIONS=10  BENCH_KEEP_DATABASE=1 (keep the seeded database)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import {
  admin,
  apiLogin,
  createIdentity,
  freshDatabase,
  hasWrk,
  load,
  loadAverage,
  log,
  machine,
  machineCeiling,
  postgresVersion,
  ROOT,
  startApi,
  startHelloWorld,
  type Summary,
  wrkLoad,
  writeResult,
} from './intake-harness.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000_000);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 5);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET = { reportComputeMs: 1000, pageRequestsPerSecond: 2000, pageP99Ms: 50 };
const COUNTRIES = ['DE', 'FR', 'NL', 'AT', 'BE', 'PL', 'IT', 'ES', 'US', 'GB', 'IE', 'SE', 'DK', 'CZ', 'PT', 'BR'];
const PROCESSES = ['COURT_ORDER', 'COURT_ORDER', 'WARRANT', 'SUBPOENA', 'ADMINISTRATIVE_ORDER', 'LETTER', 'OTHER'];
const OUTCOMES = [
  'DISCLOSED',
  'DISCLOSED',
  'NO_DATA',
  'REJECTED_NOT_COURT_ORDER',
  'REJECTED_UNVERIFIED',
  'REJECTED_INVALID',
  'REJECTED_SCOPE',
  'WITHDRAWN',
  'NO_DATA',
];
const CATEGORIES = ['SCAMS_AND_FRAUD', 'ILLEGAL_OR_HARMFUL_SPEECH', 'CYBER_VIOLENCE', 'PROTECTION_OF_MINORS'];
const sqlArray = (values: string[]) => `ARRAY['${values.join("','")}']`;

/**
 * One request every 105 s going back from now; answered ones have their outcome, acknowledgement a few hours and
 * a response some days after receipt; every fifth has a gag order, every seventh user was notified; one to three
 * targets each. Written in one INSERT … SELECT generate_series: minutes, not hours.
 */
const SEED = `
INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
SELECT ('00000000-0000-4000-8000-' || lpad(a::text, 12, '0'))::uuid, 'Authority ' || a,
       (ARRAY['COURT', 'COURT', 'PROSECUTOR', 'POLICE']::"AuthorityKind"[])[1 + a % 4],
       (${sqlArray(COUNTRIES)})[1 + a % ${COUNTRIES.length}], 'Bench', now()
  FROM generate_series(0, ${COUNTRIES.length * 2 - 1}) a;

INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, acknowledged_at,
                     due_at, responded_at, has_ndo, ndo_ends_at, user_notified_at, status, outcome,
                     offence_category_code, search_text, target_count, created_by_id, created_at, updated_at)
SELECT gen_random_uuid(), 'WR-B-' || i,
       (ARRAY['RECORDS', 'RECORDS', 'RECORDS', 'PRESERVATION', 'EMERGENCY', 'INQUIRY']::"RequestType"[])[1 + i % 6],
       (${sqlArray(PROCESSES)}::"LegalProcess"[])[1 + i % ${PROCESSES.length}],
       ('00000000-0000-4000-8000-' || lpad((i % ${COUNTRIES.length * 2})::text, 12, '0'))::uuid,
       (${sqlArray(COUNTRIES)})[1 + (i % ${COUNTRIES.length * 2}) % ${COUNTRIES.length}],
       r, r + (1 + i % 47) * interval '1 hour', r + interval '30 days',
       CASE WHEN i % 50 <> 0 THEN r + (1 + i % 29) * interval '9 hours' END,
       i % 5 = 0, CASE WHEN i % 10 = 0 THEN r + interval '180 days' END,
       CASE WHEN i % 7 = 0 THEN r + interval '200 days' END,
       CASE WHEN i % 50 = 0 THEN 'IN_REVIEW' ELSE 'CLOSED' END::"RequestStatus",
       CASE WHEN i % 50 = 0 THEN 'PENDING' ELSE (${sqlArray(OUTCOMES)})[1 + i % ${OUTCOMES.length}] END::"Outcome",
       CASE WHEN i % 3 <> 0 THEN (${sqlArray(CATEGORIES)}::"OffenceCategoryCode"[])[1 + i % ${CATEGORIES.length}] END,
       'wr-b-' || i, 1 + abs(hashtext('WR-B-' || i)) % 3, $1::uuid, r, r
  FROM generate_series(1, $2::int) i, LATERAL (SELECT now() - i * interval '105 seconds' AS r) t;

-- target_count was written with the requests (the same formula as the targets below), so the trigger that keeps it
-- is off for this one bulk insert: firing it would rewrite all 3 M request rows. Checked after seeding.
ALTER TABLE target DISABLE TRIGGER target_count_insert;
INSERT INTO target (id, request_id, selector_type, value, role, created_at)
SELECT gen_random_uuid(), r.id, 'ACCOUNT_ID', 'acct_' || r.reference || '_' || k, 'SUSPECT', r.created_at
  FROM request r, generate_series(1, 3) k
 WHERE k <= 1 + abs(hashtext(r.reference)) % 3;
ALTER TABLE target ENABLE TRIGGER target_count_insert;
`;

/** The last half-year that has ended: its report can be drafted. */
function lastEndedHalfYear(now = new Date()): string {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() >= 6 ? `${year}-H1` : `${year - 1}-H2`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built portal (apps/portal/dist/server/main.js), as deployed, talking to the API at `apiUrl`. */
async function startPortal(apiUrl: string, secret: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'apps/portal/dist/server/main.js'), '--port', String(port), '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', WRIT_API_URL: apiUrl, PORTAL_PROXY_SECRET: secret },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error('the portal did not come up within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function call(api: string, token: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const meets = (run: Summary) =>
  run.requestsPerSecond >= TARGET.pageRequestsPerSecond &&
  run.latencyMs.p99 <= TARGET.pageP99Ms &&
  run.non2xx === 0 &&
  run.errors === 0;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const loadAverageAtStart = loadAverage();
  const database = await freshDatabase('reports');
  const secret = randomBytes(32).toString('base64');
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  try {
    const drafter = await createIdentity(database.url, ['ADMIN']);
    const approver = await createIdentity(database.url, ['ADMIN']);
    log(`seeding ${REQUESTS} requests…`);
    const seedStarted = performance.now();
    const period = lastEndedHalfYear();
    const inPeriod = await admin(database.url, async (client) => {
      await client.query(
        SEED.replaceAll('$1::uuid', `'${drafter.staffId}'::uuid`).replaceAll('$2::int', String(Math.trunc(REQUESTS))),
      );
      await client.query('VACUUM ANALYZE request, target, authority');
      const { rows: drift } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT r.id FROM request r JOIN target t ON t.request_id = r.id
           WHERE r.id IN (SELECT id FROM request TABLESAMPLE SYSTEM (0.1))
           GROUP BY r.id HAVING count(*) <> max(r.target_count)) d`,
      );
      if (drift[0]!.n !== 0) throw new Error('seeded target_count differs from the seeded targets');
      const half = period.endsWith('H1') ? ['01-01', '07-01'] : ['07-01', '01-01'];
      const year = Number(period.slice(0, 4));
      const { rows } = await client.query<{ n: number; targets: number }>(
        `SELECT count(*)::int AS n, (SELECT count(*)::int FROM target t JOIN request q ON q.id = t.request_id
                                      WHERE q.received_at >= $1 AND q.received_at < $2) AS targets
           FROM request WHERE received_at >= $1 AND received_at < $2`,
        [`${year}-${half[0]}T00:00:00Z`, `${half[1] === '01-01' ? year + 1 : year}-${half[1]}T00:00:00Z`],
      );
      return rows[0]!;
    });
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    log(`seeded in ${seedSeconds} s; ${period}: ${inPeriod.n} requests, ${inPeriod.targets} targets`);

    api = await startApi(await apiLogin(database.url), { PORTAL_PROXY_SECRET: secret });
    // a. The report, computed as an admin drafts it; the first run warms the API's code and PostgreSQL's cache.
    const draftMs: number[] = [];
    for (let run = 0; run <= DRAFTS; run += 1) {
      const started = performance.now();
      const draft = await call(api.url, drafter.token, 'POST', '/reports/drafts', { period });
      const ms = Math.round(performance.now() - started);
      if (run > 0) draftMs.push(ms);
      log(`draft ${run === 0 ? '(warm-up)' : run}: ${ms} ms`);
      if (run < DRAFTS) {
        await call(api.url, drafter.token, 'POST', `/reports/drafts/${String(draft.id)}/discard`, {
          reason: 'benchmark run',
        });
      } else {
        await call(api.url, approver.token, 'POST', `/reports/drafts/${String(draft.id)}/approve`);
      }
    }
    const sortedDrafts = [...draftMs].sort((a, b) => a - b);
    // b. The published page. The log index arrives within a second or two of publication.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const version = await call(api.url, drafter.token, 'GET', `/reports/${period}`);
      if (version.logIndex !== null && version.logIndex !== undefined) break;
      if (Date.now() > deadline) throw new Error('the report was not sequenced into the log within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    portal = await startPortal(api.url, secret);
    const page = `/reports/${period}`;
    const html = await (await fetch(`${portal.url}${page}`)).text();
    if (!html.includes('data-testid="content-disclosed"')) throw new Error(`${page}: not a report page`);
    await load('warm-up', { url: `${portal.url}${page}`, connections: CONNECTIONS, duration: 3 });
    const pageRun = await load('public report page', {
      url: `${portal.url}${page}`,
      connections: CONNECTIONS,
      duration: DURATION,
    });
    // The same page through wrk, with and without gzip (what browsers ask for), next to the hello world through wrk.
    let wrkRuns: { identity: Summary; gzip: Summary; helloWorld: Summary } | null = null;
    if (hasWrk()) {
      const pageUrl = `${portal.url}${page}`;
      const hello = await startHelloWorld();
      try {
        wrkRuns = {
          identity: wrkLoad('public report page', { url: pageUrl, connections: CONNECTIONS, duration: DURATION }),
          gzip: wrkLoad('public report page, gzip', {
            url: pageUrl,
            connections: CONNECTIONS,
            duration: DURATION,
            headers: { 'accept-encoding': 'gzip' },
          }),
          helloWorld: wrkLoad('NestJS hello world', { url: hello.url, connections: CONNECTIONS, duration: DURATION }),
        };
      } finally {
        hello.stop();
      }
    } else {
      log('wrk is not installed (apt-get install wrk): the page is measured with autocannon only');
    }
    const apiRun = await load('api: published report (the page asks for it)', {
      url: `${api.url}/reports/${period}`,
      connections: CONNECTIONS,
      duration: DURATION,
    });

    const ceiling = machineCeiling();
    const hello = (ceiling.measuredHere as { nestjsHelloWorld?: { p99Ms: number; requestsPerSecond: number } } | null)
      ?.nestjsHelloWorld;
    const ratio = (value: number, to: number | undefined) => (to ? Math.round((value / to) * 100) / 100 : null);
    const report = {
      runs: draftMs.length,
      ms: draftMs,
      p50Ms: percentile(sortedDrafts, 50),
      maxMs: sortedDrafts.at(-1)!,
    };
    writeResult('reports.json', {
      benchmark: 'reports',
      at: new Date().toISOString(),
      machine: {
        ...machine(),
        postgres: await postgresVersion(database.url),
        loadAverageAtStart,
        loadAverageAtEnd: loadAverage(),
      },
      machineCeiling: ceiling,
      target: TARGET,
      seeded: {
        requests: REQUESTS,
        seconds: seedSeconds,
        period,
        requestsInPeriod: inPeriod.n,
        targetsInPeriod: inPeriod.targets,
      },
      reportCompute: report,
      publicReportPage: {
        ...pageRun,
        path: page,
        // Throughput and p99 against the NestJS hello world on this machine, now.
        rpsOverHelloWorldRps: ratio(pageRun.requestsPerSecond, hello?.requestsPerSecond),
        p99OverHelloWorldP99: ratio(pageRun.latencyMs.p99, hello?.p99Ms),
      },
      publicReportPageWrk: wrkRuns && {
        ...wrkRuns,
        rpsOverHelloWorldRps: ratio(wrkRuns.identity.requestsPerSecond, wrkRuns.helloWorld.requestsPerSecond),
        gzipRpsOverHelloWorldRps: ratio(wrkRuns.gzip.requestsPerSecond, wrkRuns.helloWorld.requestsPerSecond),
      },
      apiPublishedReport: apiRun,
      ceilingNote: hello
        ? `ratios against the NestJS hello world measured at ${(ceiling.measuredHere as { at: string }).at}`
        : 'no bench/results/ceiling.json: run `npm run bench -- ceiling reports` for the ratios',
      meetsTarget: {
        reportCompute: report.maxMs <= TARGET.reportComputeMs,
        publicReportPage: meets(pageRun),
        publicReportPageWrk: wrkRuns && { identity: meets(wrkRuns.identity), gzip: meets(wrkRuns.gzip) },
      },
    });
  } finally {
    await portal?.stop();
    await api?.stop();
    // BENCH_KEEP_DATABASE=1 keeps the seeded database, to study the report's query plans without seeding again.
    if (process.env.BENCH_KEEP_DATABASE) log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
