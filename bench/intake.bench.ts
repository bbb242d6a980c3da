/**
 * Intake benchmark: POST /requests with three targets and two categories (request, targets, categories and the
 * audit event in one transaction), against the built API in its own process on a fresh database.
 * Target: ≥ 1,000 req/s with p99 ≤ 50 ms on 2 cores. Prints JSON and writes bench/results/intake.json.
 *
 *   npx tsx bench/intake.bench.ts
 *   BENCH_DATABASE_URL=postgresql://…/postgres  (server to create writ_bench_* on; default 127.0.0.1:5432)
 *   BENCH_DURATION=10 (seconds per run)  BENCH_CONNECTIONS=4,8,16,32
 */
import { randomUUID } from 'node:crypto';
import {
  admin,
  apiLogin,
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

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '4,8,16,32').split(',').map(Number);
const TARGET = { requestsPerSecond: 1000, p99Ms: 50 };

function intakeBody(authorityId: string): string {
  return JSON.stringify({
    type: 'RECORDS',
    legalProcess: 'COURT_ORDER',
    authorityId,
    caseNumber: '2 BvR 1234/21',
    legalBasis: '§ 100j StPO',
    issuedAt: '2026-01-10T09:00:00Z',
    hasNdo: true,
    ndoEndsAt: '2027-01-01T00:00:00Z',
    targets: [
      {
        selectorType: 'PHONE_NUMBER',
        value: '+49 30 1234567',
        role: 'SUSPECT',
        windowStart: '2025-12-01T00:00:00Z',
        windowEnd: '2026-01-01T00:00:00Z',
      },
      { selectorType: 'USERNAME', value: '@alice_1', role: 'SUSPECT' },
      { selectorType: 'ACCOUNT_ID', value: 'acct_000042', role: 'WITNESS' },
    ],
    categories: [{ category: 'IP_ADDRESS', asWritten: 'IP logs' }, { category: 'PHONE_NUMBER' }],
  });
}

async function main(): Promise<void> {
  const loadAverageAtStart = loadAverage();
  log('building the API (tsc -b)…');
  buildApi();
  const database = await freshDatabase('intake');
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    const { token } = await createIdentity(database.url, ['INTAKE']);
    const authorityId = randomUUID();
    await admin(database.url, (client) =>
      client.query(
        `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at) VALUES ($1, 'Bench court', 'COURT', 'DE', 'Berlin', now())`,
        [authorityId],
      ),
    );
    // Production refuses to run the API as the database's owner: it logs in as writ_api, as deployed.
    api = await startApi(await apiLogin(database.url));
    const base = {
      url: `${api.url}/requests`,
      method: 'POST' as const,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: intakeBody(authorityId),
    };

    log('warming up…');
    await load('warm-up', { ...base, connections: 8, duration: 3 });

    const runs: (Summary & { cpu: ReturnType<typeof cpuPerRequest>; loadAverageAfter: number[] })[] = [];
    const measured = async (name: string, options: Parameters<typeof load>[1]) => {
      const before = await cpuSnapshot(api!.pid, database.url);
      const summary = await load(name, options);
      const cpu = cpuPerRequest(before, await cpuSnapshot(api!.pid, database.url), summary.requests);
      log(`  CPU per request: API ${cpu.apiCpuMsPerRequest} ms, PostgreSQL ${cpu.postgresCpuMsPerRequest} ms`);
      runs.push({ ...summary, cpu, loadAverageAfter: loadAverage() });
    };
    for (const connections of CONNECTIONS) {
      await measured(`intake, ${connections} connections`, { ...base, connections, duration: DURATION });
    }
    // Every request with its own Idempotency-Key: the claim row is one more insert in the same transaction.
    await measured('intake with Idempotency-Key, 16 connections', {
      ...base,
      connections: 16,
      duration: DURATION,
      requests: [
        {
          setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
        },
      ],
    });

    // What was written must match what was answered: one request, three targets and one audit event per 201.
    const written = await admin(database.url, async (client) => {
      const { rows } = await client.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM request) AS requests, (SELECT count(*) FROM target) AS targets,
                (SELECT count(*) FROM audit_event WHERE action = 'request.created') AS events,
                (SELECT count(DISTINCT reference) FROM request) AS references`,
      );
      return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
    });
    const best = runs
      .filter((r) => r.non2xx === 0 && r.errors === 0 && r.latencyMs.p99 <= TARGET.p99Ms)
      .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];

    writeResult('intake.json', {
      benchmark: 'intake',
      at: new Date().toISOString(),
      machine: { ...machine(), postgres: await postgresVersion(database.url), loadAverageAtStart },
      machineCeiling: machineCeiling(),
      target: TARGET,
      request: 'POST /requests: 3 targets, 2 categories, audit event, bearer token; every request a new row',
      durationSecondsPerRun: DURATION,
      runs,
      written,
      best: best ?? null,
      meetsTarget: best ? best.requestsPerSecond >= TARGET.requestsPerSecond : false,
    });
  } finally {
    await api?.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
