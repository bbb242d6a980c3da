/**
 * The staff queue as people get it: the portal's server-rendered /staff/requests (session check, the list with its
 * counts per status, the HTML) over 100,000 seeded requests, the built API and the built portal each in its own
 * process on a fresh database; and a cold load of one request's page in Chromium (new browser context each time:
 * empty cache, as the first visit of the day).
 * Targets (issue 15): SSR p99 ≤ 100 ms per page; request page cold load < 1 s.
 * Figures are also given as ratios to bench/ceiling.bench.ts's NestJS hello world from the same run
 * (`npm run bench -- ceiling queue`: ceiling runs first), since this machine's speed varies by 2× or more.
 *
 *   npx tsx bench/queue.bench.ts        (needs `npm run build` first: it measures the built portal)
 *   BENCH_DATABASE_URL=postgresql://…/postgres  BENCH_DURATION=8 (seconds per scenario)  BENCH_CONNECTIONS=2
 *   BENCH_REQUESTS=100000  BENCH_COLD_LOADS=10
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  admin,
  apiLogin,
  createIdentity,
  freshDatabase,
  load,
  loadAverage,
  log,
  machine,
  machineCeiling,
  postgresVersion,
  ROOT,
  startApi,
  type Summary,
  writeResult,
} from './intake-harness.js';
import { seedRequests } from './request-seed.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const COLD_LOADS = Number(process.env.BENCH_COLD_LOADS ?? 10);
const TARGET = { ssrP99Ms: 100, coldLoadMs: 1000 };

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

/** A logged-in session (second factor passed), as the login would leave it; the cookie value. */
async function session(url: string, staffId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await admin(url, (client) =>
    client.query(
      `INSERT INTO session (token_hash, staff_id, mfa_passed, csrf_token, expires_at)
       VALUES ($1, $2, true, $3, now() + interval '2 hours')`,
      [createHash('sha256').update(token).digest('hex'), staffId, randomBytes(32).toString('base64url')],
    ),
  );
  return token;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Each load in a new context (no cache, no service worker); time to the load event, as Navigation Timing has it. */
async function coldLoads(portal: string, token: string, ids: string[]) {
  const browser = await chromium.launch({
    executablePath: process.env.WRIT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // The browser itself is started once, as a person's is: its first page pays for starting the renderer
    // processes, which is not the page's cost. A throwaway context and page absorb that.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(`${portal}/staff/login`, { waitUntil: 'load' });
    await warm.close();
    const times: number[] = [];
    // Where each load's time goes: the first byte of the HTML (server and network), the parsed document with its
    // scripts run (DOMContentLoaded), and the load event (every build file, the page hydrated).
    const phases: { firstByteMs: number; domReadyMs: number }[] = [];
    for (const id of ids) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addCookies([{ name: 'writ_session', value: token, url: portal }]);
      const page = await context.newPage();
      const response = await page.goto(`${portal}/staff/requests/${id}`, { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`request page ${id}: HTTP ${response?.status()}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const timing = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return {
          loadMs: nav!.loadEventEnd - nav!.startTime,
          firstByteMs: nav!.responseStart - nav!.startTime,
          domReadyMs: nav!.domContentLoadedEventEnd - nav!.startTime,
        };
      });
      times.push(Math.round(timing.loadMs));
      phases.push({ firstByteMs: Math.round(timing.firstByteMs), domReadyMs: Math.round(timing.domReadyMs) });
      await context.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    const spread = (values: number[]) => {
      const ordered = [...values].sort((a, b) => a - b);
      return { p50: percentile(ordered, 50), p95: percentile(ordered, 95), max: ordered.at(-1)! };
    };
    const firstByte = spread(phases.map((p) => p.firstByteMs));
    const domReady = spread(phases.map((p) => p.domReadyMs));
    log(
      `request page cold loads: p50 ${percentile(sorted, 50)} ms, p95 ${percentile(sorted, 95)} ms, max ${sorted.at(-1)} ms ` +
        `(first byte p50 ${firstByte.p50} / max ${firstByte.max} ms; DOM ready p50 ${domReady.p50} / max ${domReady.max} ms)`,
    );
    return {
      loads: times.length,
      ms: times,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: sorted.at(-1)!,
      firstByteMs: firstByte,
      domReadyMs: domReady,
      phases,
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const loadAverageAtStart = loadAverage();
  const database = await freshDatabase('queue');
  const secret = randomBytes(32).toString('base64');
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
  try {
    const { staffId } = await createIdentity(database.url, ['REVIEWER']);
    log(`seeding ${REQUESTS} requests…`);
    const seeded = await seedRequests(database.url, staffId, REQUESTS);
    log(`seeded in ${seeded.seconds} s`);
    const token = await session(database.url, staffId);
    const ids = await admin(database.url, async (client) => {
      const { rows } = await client.query<{ id: string }>('SELECT id FROM request ORDER BY random() LIMIT $1', [
        COLD_LOADS + 1,
      ]);
      return rows.map((row) => row.id);
    });

    // Production refuses to run the API as the owner: it logs in as writ_api, as the portal tests' API does.
    api = await startApi(await apiLogin(database.url), { PORTAL_PROXY_SECRET: secret });
    portal = await startPortal(api.url, secret);
    const headers = { cookie: `writ_session=${token}` };
    const scenarios: [string, string[]][] = [
      ['queue first page, counts per status', ['/staff/requests']],
      ['queue search', ['/staff/requests?q=bvr', '/staff/requests?q=parquet%2024']],
      [
        'queue search, free text',
        ['/staff/requests?q=launder', '/staff/requests?q=meier%2012', '/staff/requests?q=drug%20berlin%20munich'],
      ],
      ['queue filtered (status chip)', ['/staff/requests?status=RECEIVED']],
      ['queue filtered (legal process + country)', ['/staff/requests?legalProcess=WARRANT&country=NL']],
      ['queue sorted by deadline', ['/staff/requests?sort=deadline']],
      ['queue sorted by deadline, filtered', ['/staff/requests?sort=deadline&status=IN_REVIEW,VERIFIED']],
    ];
    // Every page is a full page, not a refusal: checked once before measuring.
    for (const [, paths] of scenarios) {
      for (const p of paths) {
        const response = await fetch(`${portal.url}${p}`, { headers });
        const html = await response.text();
        if (!response.ok || !/data-testid=["']queue["']/.test(html)) throw new Error(`${p}: not a queue page`);
      }
    }
    const requests = (paths: string[]) => paths.map((p) => ({ method: 'GET' as const, path: p }));
    await load('warm-up', {
      url: portal.url,
      headers,
      connections: CONNECTIONS,
      duration: 3,
      requests: requests(scenarios.flatMap(([, p]) => p)),
    });
    const runs: (Summary & { paths: string[] })[] = [];
    for (const [name, paths] of scenarios) {
      const summary = await load(name, {
        url: portal.url,
        headers,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: requests(paths),
      });
      runs.push({ ...summary, paths });
    }
    // The API's share of a page: the same list calls straight to the API (with and without counts), and who-am-I.
    const apiRuns: Summary[] = [];
    for (const [name, p] of [
      ['api: list, first page with counts', '/requests?limit=50&counts=true'],
      ['api: list, first page without counts', '/requests?limit=50'],
      ['api: who am I (every page asks)', '/auth/me'],
    ] as const) {
      apiRuns.push(
        await load(name, {
          url: api.url,
          headers,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: requests([p]),
        }),
      );
    }
    // One warm-up load so the server has the route's code loaded; the browser side stays cold every time.
    await (await fetch(`${portal.url}/staff/requests/${ids[0]}`, { headers })).text();
    const cold = await coldLoads(portal.url, token, ids.slice(1));

    const ceiling = machineCeiling();
    const hello = (ceiling.measuredHere as { nestjsHelloWorld?: { p99Ms: number; requestsPerSecond: number } } | null)
      ?.nestjsHelloWorld;
    const ratio = (value: number, to: number | undefined) => (to ? Math.round((value / to) * 100) / 100 : null);
    const worst = [...runs].sort((a, b) => b.latencyMs.p99 - a.latencyMs.p99)[0]!;
    writeResult('queue.json', {
      benchmark: 'queue',
      at: new Date().toISOString(),
      machine: {
        ...machine(),
        postgres: await postgresVersion(database.url),
        loadAverageAtStart,
        loadAverageAtEnd: loadAverage(),
      },
      machineCeiling: ceiling,
      target: TARGET,
      seeded: { requests: REQUESTS, targets: REQUESTS * 3, seconds: seeded.seconds },
      connections: CONNECTIONS,
      durationSecondsPerScenario: DURATION,
      runs: runs.map((run) => ({
        ...run,
        // How many hello worlds' worth of time (p99) and of throughput one page costs, on this machine, now.
        p99OverHelloWorldP99: ratio(run.latencyMs.p99, hello?.p99Ms),
        helloWorldRpsOverThis: ratio(hello?.requestsPerSecond ?? 0, run.requestsPerSecond),
      })),
      apiRuns,
      requestPageColdLoad: { ...cold, p50OverHelloWorldP99: ratio(cold.p50Ms, hello?.p99Ms) },
      ceilingNote: hello
        ? `ratios against the NestJS hello world measured at ${(ceiling.measuredHere as { at: string }).at}`
        : 'no bench/results/ceiling.json: run `npm run bench -- ceiling queue` for the ratios',
      worstP99: { scenario: worst.name, p99Ms: worst.latencyMs.p99 },
      meetsTarget:
        runs.every((r) => r.latencyMs.p99 <= TARGET.ssrP99Ms && r.non2xx === 0 && r.errors === 0) &&
        cold.maxMs < TARGET.coldLoadMs,
    });
  } finally {
    await portal?.stop();
    await api?.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
