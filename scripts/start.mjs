// npm start: one command from a fresh clone to a running Writ (API + portal).
//   - no DATABASE_URL: a private PostgreSQL in .data/postgres (started, and stopped again on Ctrl-C);
//   - migrations applied; demo data seeded on first run; build made or refreshed when sources changed;
//   - API and portal started, both URLs and the demo logins printed once both answer.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { isBuildFresh, ROOT } from './lib/build-state.mjs';
import { createInterface } from 'node:readline';

const HELP = `Usage: npm start [-- options]

Starts Writ: the API and the portal, on an embedded PostgreSQL with demo data unless DATABASE_URL is set.

Options:
  --api-port <n>      API port (default: $API_PORT or 4000)
  --portal-port <n>   portal port (default: $PORTAL_PORT or 3000)
  --rebuild           build even if nothing changed
  --no-seed           do not seed demo data into an empty database
  -h, --help          this text

Environment: DATABASE_URL (use this PostgreSQL instead of the embedded one: the API's login, see README.md),
DATABASE_OWNER_URL (the same database as its owner, for migrations and the seed; default DATABASE_URL),
EMBEDDED_PG_PORT (default 54329), WRIT_DATA_DIR (embedded database and documents; default .data), LOG_FORMAT
(json or pretty; default: pretty when the output is a terminal), LOG_LEVEL, and everything in README.md's
configuration table.

If the API or the portal stops unexpectedly, it is started again (after 1 s, then up to 30 s apart); the
database and the other one keep running. One npm start per data folder: a second one refuses, naming the running
one's pid and URLs. Ctrl-C stops everything.`;

/** Every line of ours starts with "writ:", so it stands apart from the API's and the portal's own lines. */
const log = (text) => process.stdout.write(`${text.replace(/^/gm, 'writ: ')}\n`);
const fail = (line) => {
  process.stderr.write(`writ: ${line}\n`);
  process.exit(1);
};

let args;
try {
  args = parseArgs({
    options: {
      'api-port': { type: 'string' },
      'portal-port': { type: 'string' },
      rebuild: { type: 'boolean' },
      'no-seed': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  process.stderr.write(`${error.message}\n\n${HELP}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}

const dataDir = path.resolve(process.env.WRIT_DATA_DIR ?? path.join(ROOT, '.data'));
const apiPort = Number(args['api-port'] ?? process.env.API_PORT ?? 4000);
const portalPort = Number(args['portal-port'] ?? process.env.PORTAL_PORT ?? 3000);
/** The supervised processes (API, portal): see supervise(). */
const services = [];
let embedded = null;
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  for (const service of services) clearTimeout(service.restartTimer);
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    ),
  );
  // The database goes last, after everything that uses it has stopped.
  if (embedded && embedded.exitCode === null) {
    await new Promise((resolve) => {
      embedded.once('exit', resolve);
      embedded.kill('SIGTERM');
    });
  }
  log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/**
 * The embedded PostgreSQL runs in a process of its own (scripts/lib/embedded-postgres.mjs serve), so that its
 * exit hooks cannot end this process before the API and the portal are stopped.
 */
function startEmbedded(dir, port) {
  embedded = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/lib/embedded-postgres.mjs'), 'serve', '--dir', dir, '--port', String(port)],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: embedded.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
    embedded.once('exit', (code) => reject(new Error(`the embedded PostgreSQL exited with code ${code}`)));
  });
}

async function ensureDatabase(serverUrl, name) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * The API never logs in as the owner (README.md, "Using an existing PostgreSQL"): on the embedded PostgreSQL,
 * writ_api is made here, after the migrations made writ_app, the only role it is a member of. The password only
 * guards a server that listens on 127.0.0.1 and whose superuser's password is fixed too.
 */
const API_LOGIN = { user: 'writ_api', password: 'writ-api-local-only' };
async function ensureApiLoginRole(ownerUrl) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [API_LOGIN.user]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${API_LOGIN.password}'`;
    await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${API_LOGIN.user} ${attributes}`);
    await client.query(`GRANT writ_app TO ${API_LOGIN.user}`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = API_LOGIN.user;
  url.password = API_LOGIN.password;
  return url.toString();
}

async function checkReachable(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 4000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(lastError?.message ?? 'timed out');
}

function runStep(label, command, argv, env) {
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env, encoding: 'utf8' });
  if (result.status !== 0) fail(`${label} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim();
}

/** A fresh database applies every migration: their names would fill the screen, so say how many and the newest. */
function migrationSummary(out) {
  const names = /^applied: (.*)$/.exec(out)?.[1]?.split(', ');
  if (!names) return `migrations: ${out}`;
  return `migrations: applied ${names.length}${names.length > 1 ? `, the newest ${names.at(-1)}` : ` (${names[0]})`}`;
}

/** A folder inside the repository relative to it (.data/postgres), any other one as it is. */
function shownPath(dir) {
  const relative = path.relative(ROOT, dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

async function waitForHttp(url, child, name, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}; see its output above`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs / 1000} s`);
}

// ─── one npm start per data folder ───
// The running instance leaves a state file in its data folder: its pid, its URLs, its children's pids. A second
// npm start that finds it alive refuses before it touches anything (before, it took the database's data directory
// over as if a crash had left it, stopping the running instance's PostgreSQL under it).

const instanceFile = path.join(dataDir, 'writ-start.json');
let instanceState = null;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The pid in an embedded PostgreSQL's postmaster.pid, if that server is running. */
function livePostmaster(dir) {
  try {
    const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** A state file whose npm start is still running (and, if it ran one, whose embedded PostgreSQL is), or null. */
function liveInstance() {
  let state;
  try {
    state = JSON.parse(readFileSync(instanceFile, 'utf8'));
  } catch {
    return null; // none, or torn: not a live instance's
  }
  if (!Number.isInteger(state.pid) || state.pid === process.pid || !isAlive(state.pid)) return null;
  // A recycled pid is not our instance: on Linux, check the process is a node running this script.
  try {
    if (!readFileSync(`/proc/${state.pid}/cmdline`, 'utf8').includes('start.mjs')) return null;
  } catch {
    // no /proc: trust the pid
  }
  if (state.embeddedDir && !livePostmaster(state.embeddedDir)) {
    // The database is up only once the instance has started it; until then the pid alone says it is alive.
    if (state.database) return null;
  }
  return state;
}

function writeInstanceState(fields) {
  instanceState = { ...instanceState, ...fields };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(instanceFile, `${JSON.stringify(instanceState, null, 2)}\n`);
}

/** Refuses (exit 1) if another npm start runs on this data folder; otherwise claims it. */
function claimDataDir(plan) {
  const live = liveInstance();
  if (live) {
    const urls = [
      live.portal && `portal ${live.portal}`,
      live.api && `API ${live.api}`,
      live.database && `database ${live.database}`,
    ].filter(Boolean);
    fail(
      `another npm start (pid ${live.pid}) is running on ${dataDir}${urls.length ? `: ${urls.join(', ')}` : ''}. ` +
        `Stop it first (Ctrl-C in its terminal, or kill ${live.pid}), or give this one its own WRIT_DATA_DIR.`,
    );
  }
  writeInstanceState({ pid: process.pid, startedAt: new Date().toISOString(), ...plan });
}

// However this process ends (Ctrl-C, a failed step, an error), the folder is free again.
process.on('exit', () => releaseInstanceLock());

function releaseInstanceLock() {
  if (!instanceState) return;
  try {
    if (JSON.parse(readFileSync(instanceFile, 'utf8')).pid === process.pid) rmSync(instanceFile, { force: true });
  } catch {
    // already gone
  }
}

// ─── supervised children ───

const RESTART_FIRST_MS = 1000;
const RESTART_MAX_MS = 30_000;
/** A run this long counts as healthy: the next failure waits RESTART_FIRST_MS again. */
const RESTART_RESET_AFTER_MS = 60_000;

/**
 * Runs a child and keeps it running. Exiting before it first answered is a start-up failure: everything stops,
 * as before. After that, an exit (a crash, a kill) restarts it with exponential backoff, and only it: the
 * database and the other service go on. `onStart(child)` is called for every process it starts.
 */
function supervise(name, command, argv, env, { readyUrl, onStart = () => {} }) {
  const service = { name, child: null, ready: false, restartTimer: null, delay: RESTART_FIRST_MS, startedAt: 0 };
  const run = () => {
    const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
    service.child = child;
    service.startedAt = Date.now();
    onStart(child);
    child.on('exit', (code, signal) => {
      if (shuttingDown) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!service.ready) {
        process.stderr.write(`writ: the ${name} exited (${how}) before it answered; stopping the rest.\n`);
        shutdown(1);
        return;
      }
      if (Date.now() - service.startedAt > RESTART_RESET_AFTER_MS) service.delay = RESTART_FIRST_MS;
      const delay = service.delay;
      service.delay = Math.min(delay * 2, RESTART_MAX_MS);
      process.stderr.write(`writ: the ${name} exited (${how}); restarting in ${delay / 1000} s\n`);
      service.restartTimer = setTimeout(() => {
        if (shuttingDown) return;
        run();
        waitForHttp(readyUrl, service.child, name).then(
          () => log(`the ${name} is back (${readyUrl})`),
          () => undefined, // its exit handler has said what happened and scheduled the next try
        );
      }, delay);
    });
  };
  run();
  services.push(service);
  return service;
}

async function main() {
  const started = Date.now();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const portalUrl = `http://localhost:${portalPort}`;
  const embeddedDir = process.env.DATABASE_URL ? undefined : path.join(dataDir, 'postgres');
  claimDataDir({ api: apiUrl, portal: portalUrl, embeddedDir });
  let databaseUrl = process.env.DATABASE_URL;
  let ownerUrl = process.env.DATABASE_OWNER_URL ?? databaseUrl;
  if (databaseUrl) {
    log('using the PostgreSQL named by DATABASE_URL');
    try {
      await checkReachable(databaseUrl, 10_000);
    } catch (error) {
      fail(`cannot reach the database named by DATABASE_URL: ${error.message}`);
    }
  } else {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const dir = path.join(dataDir, 'postgres');
    log(`no DATABASE_URL: starting the embedded PostgreSQL in ${shownPath(dir)} on port ${port}`);
    const serverUrl = await startEmbedded(dir, port);
    await ensureDatabase(serverUrl, 'writ');
    const url = new URL(serverUrl);
    url.pathname = '/writ';
    databaseUrl = ownerUrl = url.toString();
    writeInstanceState({ database: `postgresql://127.0.0.1:${port}/writ`, databasePid: embedded.pid });
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_OWNER_URL: ownerUrl,
    STORAGE_DIR: process.env.STORAGE_DIR ?? path.join(dataDir, 'documents'),
    NEXT_TELEMETRY_DISABLED: '1',
    // Shared by the API and the portal, which signs the client address it forwards with it; new on every start.
    PORTAL_PROXY_SECRET: process.env.PORTAL_PROXY_SECRET ?? randomBytes(32).toString('base64'),
  };

  if (args.rebuild || !isBuildFresh()) {
    log('building (sources changed since the last build)…');
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit', env });
    if (build.status !== 0) fail('build failed');
  } else {
    log('build is up to date');
  }

  log(migrationSummary(runStep('migrations', 'npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'deploy'], env)));
  if (!args['no-seed']) {
    const out = runStep('seed', 'npx', ['--no-install', 'tsx', 'prisma/seed.ts', '--if-empty'], env);
    if (out) log(out);
  }
  if (!process.env.DATABASE_URL) env.DATABASE_URL = await ensureApiLoginRole(ownerUrl);

  const api = supervise(
    'API',
    process.execPath,
    ['apps/api/dist/main.js'],
    { ...env, API_PORT: String(apiPort), PORTAL_ORIGIN: portalUrl },
    { readyUrl: `${apiUrl}/health`, onStart: (child) => writeInstanceState({ apiPid: child.pid }) },
  );
  const portal = supervise(
    'portal',
    process.execPath,
    [path.join(ROOT, 'apps/portal/dist/server/main.js'), '--port', String(portalPort)],
    { ...env, WRIT_API_URL: apiUrl },
    { readyUrl: portalUrl, onStart: (child) => writeInstanceState({ portalPid: child.pid }) },
  );
  await Promise.all([
    waitForHttp(`${apiUrl}/health`, api.child, 'API'),
    waitForHttp(portalUrl, portal.child, 'portal'),
  ]);
  api.ready = true;
  portal.ready = true;

  const demo = path.join(ROOT, 'prisma/demo-staff.json');
  const lines = [
    '',
    `  Writ is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  Portal:   ${portalUrl}`,
    `  API:      ${apiUrl}   (docs: ${apiUrl}/api/docs)`,
  ];
  if (existsSync(demo) && !process.env.DATABASE_URL) {
    const staff = JSON.parse(readFileSync(demo, 'utf8')).staff;
    lines.push('', '  Demo logins (demo data only; TOTP secret for your authenticator app):');
    for (const person of staff) {
      lines.push(
        `    ${person.roles.join('+').padEnd(16)} ${person.email.padEnd(28)} ${person.password.padEnd(22)} TOTP ${person.totpSecret}`,
      );
    }
  }
  lines.push('', '  Ctrl-C stops everything.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`writ: ${error.message}\n`);
  await shutdown(1);
});
