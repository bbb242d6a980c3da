/**
 * Machine ceilings, measured here and now: what no Writ endpoint can beat on this machine. docs/TOOLCHAIN.md quotes
 * figures from a reference 2-core machine; machines of the same kind differ by 2× or more (CPU model, neighbours,
 * disk), so intake.json and listing.json carry both the reference and this run's figures (bench/results/ceiling.json,
 * written first: `npm run bench` runs files in name order).
 *
 *   npx tsx bench/ceiling.bench.ts
 *   BENCH_DATABASE_URL=postgresql://…/postgres  (server to create writ_bench_* on; default 127.0.0.1:5432)
 *   BENCH_DURATION=10 (seconds per measurement)
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  admin,
  freshDatabase,
  load,
  loadAverage,
  log,
  machine,
  postgresVersion,
  startHelloWorld,
  writeResult,
} from './intake-harness.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const INSERT_CLIENTS = 8;

/** docs/TOOLCHAIN.md's hello world: 16 connections from autocannon in this process, the server in its own. */
async function nestHelloWorld() {
  const hello = await startHelloWorld();
  try {
    await load('hello world warm-up', { url: hello.url, connections: 16, duration: 2 });
    return await load('NestJS 12 + Express hello world', { url: hello.url, connections: 16, duration: DURATION });
  } finally {
    hello.stop();
  }
}

/** Single-row INSERT, each its own commit (synchronous_commit as configured), from 8 clients at once. */
async function insertCommits(url: string): Promise<{ perSecond: number; clients: number; synchronousCommit: string }> {
  await admin(url, (client) => client.query('CREATE TABLE ceiling_insert (id bigserial PRIMARY KEY, at timestamptz)'));
  const synchronousCommit = await admin(
    url,
    async (client) => (await client.query<{ s: string }>('SHOW synchronous_commit')).rows[0]!.s,
  );
  const clients = await Promise.all(
    Array.from({ length: INSERT_CLIENTS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  try {
    const deadline = performance.now() + DURATION * 1000;
    const started = performance.now();
    const counts = await Promise.all(
      clients.map(async (client) => {
        let n = 0;
        while (performance.now() < deadline) {
          await client.query({ name: 'ceiling', text: 'INSERT INTO ceiling_insert (at) VALUES (now())' });
          n += 1;
        }
        return n;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const perSecond = Math.round(counts.reduce((a, b) => a + b, 0) / seconds);
    log(`PostgreSQL single-row INSERT commits, ${INSERT_CLIENTS} clients: ${perSecond}/s`);
    return { perSecond, clients: INSERT_CLIENTS, synchronousCommit };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

/** Small SHA-256 hashes per second on one core, as docs/TOOLCHAIN.md counts them (a short string each). */
function smallHashes(): number {
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 2000) {
    for (let i = 0; i < 1000; i += 1) createHash('sha256').update(`leaf ${i}`).digest();
    n += 1000;
  }
  const perSecond = Math.round(n / ((performance.now() - started) / 1000));
  log(`SHA-256 small hashes: ${perSecond}/s on one core`);
  return perSecond;
}

async function main(): Promise<void> {
  const loadAverageAtStart = loadAverage();
  const sha256SmallPerSecond = smallHashes();
  const hello = await nestHelloWorld();
  const database = await freshDatabase('ceiling');
  try {
    const inserts = await insertCommits(database.url);
    writeResult('ceiling.json', {
      benchmark: 'ceiling',
      at: new Date().toISOString(),
      machine: { ...machine(), postgres: await postgresVersion(database.url), loadAverageAtStart },
      nestjsHelloWorld: {
        requestsPerSecond: hello.requestsPerSecond,
        p99Ms: hello.latencyMs.p99,
        connections: hello.connections,
      },
      postgresSingleRowInsertCommitsPerSecond: { value: inserts.perSecond, clients: inserts.clients },
      postgresSynchronousCommit: inserts.synchronousCommit,
      sha256SmallHashesPerSecond: sha256SmallPerSecond,
    });
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
