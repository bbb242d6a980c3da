// `npm start` as a user runs it: a real process, real ports, Ctrl-C (SIGINT). Uses its own data folder and
// ports, so it never touches a developer's .data/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { admin, freePort, ROOT } from '../support/postgres';

jest.setTimeout(300_000); // a full start (migrations, seed, both apps) takes minutes on a loaded machine

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

/** Ends a run still going when its test failed half-way, so the next test's start does not meet it. */
async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  run.child.kill('SIGINT');
  await run.exited;
}

/**
 * One data folder for the suite. The first start creates, migrates and seeds it, which is most of a start's
 * minute; the later test starts on it as a developer's next `npm start` does, and asserts nothing about a fresh one.
 */
let suiteDataDir: string | undefined;
function dataFolder(): string {
  if (!suiteDataDir) {
    suiteDataDir = mkdtempSync(path.join(os.tmpdir(), 'writ-start-'));
    chmodSync(suiteDataDir, 0o755);
  }
  return suiteDataDir;
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
    const dataDir = dataFolder();
    const [apiPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      WRIT_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      API_PORT: String(apiPort),
      PORTAL_PORT: String(portalPort),
    };

    const first = start(env);
    const runs = [first];
    try {
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
      // The demo's orders say why they want the data, in words the queue's search finds.
      const rotterdam = await admin(`postgresql://postgres:writ-local-only@127.0.0.1:${pgPort}/writ`, (client) =>
        client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM request
            WHERE search_vector @@ $$'rot'$$::tsquery AND ts_match_vq(search_vector, $$'rotterdam':*$$::tsquery)`,
        ),
      );
      expect(rotterdam.rows[0]!.n).toBeGreaterThan(0);

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      for (const port of [apiPort, portalPort, pgPort])
        expect({ port, open: await portOpen(port) }).toEqual({ port, open: false });

      const second = start(env);
      runs.push(second);
      await until(second, /Ctrl-C stops everything/);
      expect(second.output()).not.toMatch(/seeded demo data/);
      expect(second.output()).toMatch(/database is up to date/);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
      expect(await portOpen(pgPort)).toBe(false);
    } finally {
      for (const run of runs) await stop(run);
    }
  });

  it('restarts an API that died while the database and portal stay up, and refuses a second start on the same data', async () => {
    const dataDir = dataFolder();
    const [apiPort, portalPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const env = {
      WRIT_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      API_PORT: String(apiPort),
      PORTAL_PORT: String(portalPort),
    };
    const first = start(env);
    try {
      await until(first, /Ctrl-C stops everything/);
      // The banner comes last: after it, nothing but the (quiet) logs of requests made later.
      expect(first.output()).not.toMatch(/Mapped \{|RouterExplorer/);
      const state = JSON.parse(readFileSync(path.join(dataDir, 'writ-start.json'), 'utf8')) as {
        pid: number;
        apiPid: number;
      };
      expect(state.pid).toBe(first.child.pid);

      // A second npm start on the same folder sees the live one and leaves it alone.
      const second = start({ ...env, API_PORT: String(await freePort()), PORTAL_PORT: String(await freePort()) });
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toContain(`pid ${first.child.pid}`);
      expect(second.output()).toContain(`http://127.0.0.1:${apiPort}`);
      expect(second.output()).toContain(`http://localhost:${portalPort}`);
      expect(second.output()).toContain(`127.0.0.1:${pgPort}`);
      expect(second.output()).not.toMatch(/starting the embedded PostgreSQL/);
      expect(await portOpen(pgPort)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${apiPort}/health`)).status).toBe(200);

      // The API dies hard: npm start says so and brings it back; the database and the portal never stop.
      process.kill(state.apiPid, 'SIGKILL');
      await until(first, /the API exited \(signal SIGKILL\); restarting in 1 s/, 10_000);
      expect(await portOpen(pgPort)).toBe(true);
      expect(await portOpen(portalPort)).toBe(true);
      await until(first, /the API is back/, 90_000);
      const health = (await (await fetch(`http://127.0.0.1:${apiPort}/health`)).json()) as { status: string };
      expect(health.status).toBe('ok');
      expect(first.child.exitCode).toBeNull();

      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      for (const port of [apiPort, portalPort, pgPort])
        expect({ port, open: await portOpen(port) }).toEqual({ port, open: false });
    } finally {
      await stop(first);
    }
  }, 300_000);
});
