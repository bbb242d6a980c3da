// Shared by bench/intake.bench.ts and bench/listing.bench.ts: a fresh database on the PostgreSQL named by
// BENCH_DATABASE_URL (created and dropped), the built API as its own process against it, a staff identity with an
// API token, and autocannon runs summarised the same way.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { generateSignerKey } from '../packages/tlog/src/index.js';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * What a 2-core machine can do at best, as docs/TOOLCHAIN.md measured it on its reference machine, and as
 * bench/ceiling.bench.ts measured it on this one (null until that has run). No endpoint can beat these.
 */
export function machineCeiling() {
  let measuredHere: unknown = null;
  try {
    const { at, nestjsHelloWorld, postgresSingleRowInsertCommitsPerSecond, sha256SmallHashesPerSecond } = JSON.parse(
      readFileSync(path.join(ROOT, 'bench/results/ceiling.json'), 'utf8'),
    );
    measuredHere = { at, nestjsHelloWorld, postgresSingleRowInsertCommitsPerSecond, sha256SmallHashesPerSecond };
  } catch {
    // not measured yet: `npm run bench -- ceiling`
  }
  return {
    toolchainReference: {
      nestjsHelloWorld: { requestsPerSecond: 6000, p99Ms: 18 },
      postgresSingleRowInsertCommitsPerSecond: { value: 11_500, clients: 8 },
      sha256SmallHashesPerSecond: 570_000,
    },
    measuredHere,
  };
}

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
}

/** A new writ_bench_* database with every migration applied. */
export async function freshDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `writ_bench_${label}_${process.pid}_${Date.now().toString(36)}`;
  await admin(SERVER_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(SERVER_URL, name);
  run('npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'deploy', '--quiet', '--url', url]);
  return {
    url,
    drop: () =>
      admin(SERVER_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * `url` logged in as the API's login role writ_api (created on the server if missing: no superuser, no CREATEROLE,
 * a member of writ_app only), which production demands; as test/support/postgres.ts does for the test tiers.
 */
export async function apiLogin(url: string): Promise<string> {
  const password = 'writ-api-test-only';
  await admin(SERVER_URL, async (client) => {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = 'writ_api'`);
    if (!rowCount) {
      await client.query(`CREATE ROLE writ_api LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${password}'`);
    }
    const member = await client.query(`SELECT pg_has_role('writ_api', 'writ_app', 'MEMBER') AS ok`);
    if (!member.rows[0].ok) await client.query('GRANT writ_app TO writ_api');
  });
  const parsed = new URL(url);
  parsed.username = 'writ_api';
  parsed.password = password;
  return parsed.toString();
}

/** tsc -b is incremental: seconds when nothing changed. The benchmark measures the built API, as deployed. */
export function buildApi(): void {
  run('npx', ['--no-install', 'tsc', '-b', 'apps/api']);
}

export async function createIdentity(url: string, roles: string[]): Promise<{ staffId: string; token: string }> {
  const staffId = randomUUID();
  const token = `writ_${randomBytes(32).toString('base64url')}`;
  await admin(url, async (client) => {
    await client.query(
      `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
       VALUES ($1, $2, 'Bench', '!no-password-login', $3::"StaffRole"[], now())`,
      [staffId, `bench-${staffId.slice(0, 8)}@bench.example`, roles],
    );
    await client.query(
      `INSERT INTO api_token (id, name, token_hash, staff_id, roles, expires_at)
       VALUES ($1, 'bench', $2, $3, $4::"StaffRole"[], now() + interval '30 days')`,
      [randomUUID(), createHash('sha256').update(token).digest('hex'), staffId, roles],
    );
  });
  return { staffId, token };
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

export interface RunningApi {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The built API (apps/api/dist/main.js) as its own process, as in production, on the given database. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const port = await freePort();
  // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'apps/api/dist/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      LOG_LEVEL: 'warn',
      // Production refuses to start without a checkpoint signing key; a throwaway one for this run.
      LOG_SIGNING_KEYS: generateSignerKey('bench.writ.example'),
      // Production also refuses to start without the disclosure packages' keys: throwaway ones too.
      DISCLOSURE_SIGNING_KEY: generateSignerKey('bench-packages.writ.example'),
      DISCLOSURE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOTP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      // And without the secret the portal signs the browser's address with; a bench that starts a portal passes
      // the same value in `env`, the others need only some value.
      PORTAL_PROXY_SECRET: randomBytes(32).toString('base64'),
      STORAGE_DIR: mkdtempSync(path.join(os.tmpdir(), 'writ-bench-storage-')),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error('the API did not come up within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface Summary {
  name: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function load(name: string, options: autocannon.Options): Promise<Summary> {
  const result = await autocannon({ ...options, excludeErrorStats: false });
  const summary: Summary = {
    name,
    connections: options.connections ?? 10,
    durationSeconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: Math.round(result.latency.mean * 100) / 100,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  log(
    `${name}: ${summary.requestsPerSecond} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, ` +
      `non-2xx ${summary.non2xx}, errors ${summary.errors}`,
  );
  return summary;
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export async function postgresVersion(url: string): Promise<string> {
  return admin(url, async (client) => (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v);
}

export function writeResult(file: string, result: unknown): void {
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(path.join(dir, file), text);
  process.stdout.write(text);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat(5); here 0-based after the ") " split: 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

export interface CpuSnapshot {
  apiMs: number;
  postgresMs: number;
  at: number;
}

/**
 * CPU used by the API process and by the PostgreSQL backends serving the bench database. Divided by the requests
 * of a run, it says what one request costs, independently of whatever else the machine was doing meanwhile.
 */
export async function cpuSnapshot(apiPid: number, databaseUrl: string): Promise<CpuSnapshot> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const pids = await admin(databaseUrl, async (client) =>
    (
      await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      )
    ).rows.map((r) => r.pid),
  );
  return {
    apiMs: processCpuMs(apiPid),
    postgresMs: pids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    at: performance.now(),
  };
}

export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  const api = (after.apiMs - before.apiMs) / requests;
  const postgres = Math.max(0, after.postgresMs - before.postgresMs) / requests;
  return {
    apiCpuMsPerRequest: Math.round(api * 1000) / 1000,
    postgresCpuMsPerRequest: Math.round(postgres * 1000) / 1000,
    /** If API and database had these 2 cores to themselves: 2000 ms of CPU per second / CPU ms per request. */
    projectedRequestsPerSecondOn2Cores: Math.round(2000 / (api + postgres)),
    /** Node runs the API on one thread: it alone cannot go past 1000 ms / its CPU ms per request. */
    apiThreadCeilingRequestsPerSecond: Math.round(1000 / api),
  };
}

/** 1, 5 and 15 minute load averages: how busy the machine was (other work competes for the same cores). */
export function loadAverage(): number[] {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

/** docs/TOOLCHAIN.md's NestJS hello world (bench/ceiling-hello.mjs) in its own process, until `stop`. */
export async function startHelloWorld(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/ceiling-hello.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the hello-world server exited with code ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
    });
    return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
}

/** Whether wrk (Debian's package) is on this machine: a load generator in C, so it takes little of the CPU. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

const WRK_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/**
 * The same figures as `load`, measured by wrk (one thread) instead of autocannon. autocannon runs in Node on the
 * same two cores as the server, and reading large pages costs it more CPU than serving them costs the server, so
 * for big answers wrk shows what the server can do; both are reported.
 */
export function wrkLoad(
  name: string,
  options: { url: string; connections: number; duration: number; headers?: Record<string, string> },
): Summary {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([key, value]) => ['-H', `${key}: ${value}`]);
  const result = spawnSync(
    'wrk',
    ['-t1', `-c${options.connections}`, `-d${options.duration}s`, '--latency', ...headerArgs, options.url],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr || result.stdout}`);
  const out = result.stdout;
  const ms = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s|m)`).exec(out);
    return match ? Math.round(Number(match[1]) * WRK_UNITS[match[2]!]! * 100) / 100 : NaN;
  };
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const summary: Summary = {
    name,
    connections: options.connections,
    durationSeconds: options.duration,
    requests: total,
    requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)),
    latencyMs: {
      p50: ms('50%'),
      p90: ms('90%'),
      p99: ms('99%'),
      max: ms('Latency(?:\\s+\\S+){2}'),
      mean: ms('Latency'),
    },
    non2xx,
    errors: socketErrors ? Number(socketErrors[1]) + Number(socketErrors[2]) + Number(socketErrors[3]) : 0,
    timeouts: socketErrors ? Number(socketErrors[4]) : 0,
  };
  log(
    `${name} (wrk): ${summary.requestsPerSecond} req/s, p50 ${summary.latencyMs.p50} ms, ` +
      `p99 ${summary.latencyMs.p99} ms, non-2xx ${summary.non2xx}, errors ${summary.errors}`,
  );
  return summary;
}
