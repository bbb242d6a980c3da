// `npm start` as a user runs it: a real process, real ports, Ctrl-C (SIGINT). Uses its own data folder and
// ports, so it never touches a developer's .data/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { admin, freePort, ROOT } from '../support/postgres';

jest.setTimeout(180_000);

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(run: Run, pattern: RegExp, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${run.output()}`);
    if (run.child.exitCode !== null) throw new Error(`start exited early (${run.child.exitCode}):\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  it('refuses an unreachable DATABASE_URL within 15 s, naming the variable', async () => {
    const began = Date.now();
    const run = start({ DATABASE_URL: 'postgresql://writ@127.0.0.1:1/writ' });
    const code = await run.exited;
    expect(code).not.toBe(0);
    expect(Date.now() - began).toBeLessThan(15_000);
    expect(run.output()).toMatch(/DATABASE_URL/);
  });

  it('runs API and portal on an embedded PostgreSQL, reuses its data, and stops everything on Ctrl-C', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-start-'));
    chmodSync(dataDir, 0o755);
    const [apiPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      WRIT_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      API_PORT: String(apiPort),
      PORTAL_PORT: String(portalPort),
    };

    const first = start(env);
    await until(first, /Ctrl-C stops everything/);
    expect(first.output()).toContain(`http://localhost:${portalPort}`);
    expect(first.output()).toContain(`http://127.0.0.1:${apiPort}`);
    expect(first.output()).toMatch(/seeded demo data/);
    expect(first.output()).toMatch(/reviewer@writ\.example/);
    const health = (await (await fetch(`http://127.0.0.1:${apiPort}/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${portalPort}/`)).status).toBe(200);
    // The API logs in as writ_api, never as the embedded server's superuser (security issue 11, item 5).
    const logins = await admin(`postgresql://postgres:writ-local-only@127.0.0.1:${pgPort}/postgres`, (client) =>
      client.query<{ usename: string }>(
        `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'writ' AND backend_type = 'client backend'`,
      ),
    );
    expect(logins.rows.map((row) => row.usename)).toEqual(['writ_api']);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    for (const port of [apiPort, portalPort, pgPort])
      expect({ port, open: await portOpen(port) }).toEqual({ port, open: false });

    const second = start(env);
    await until(second, /Ctrl-C stops everything/);
    expect(second.output()).not.toMatch(/seeded demo data/);
    expect(second.output()).toMatch(/database is up to date/);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(await portOpen(pgPort)).toBe(false);
  });
});
