// The portal tier runs the real thing: the built API and portal as processes, on a migrated and seeded
// database, driven by Debian's Chromium through playwright-core.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { admin, asApiLogin, ensureApiLogin, freePort, migrate, ROOT, startEmbedded, withDatabase } from './postgres';
import { tsx } from './tsx';

export const CHROME_CANDIDATES = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string {
  const found = CHROME_CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'Portal tests need Chromium and found none. Install it with "apt-get install -y chromium" (Debian/Ubuntu), ' +
        'or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

async function waitFor(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not come up on ${url}`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
}

export default async function globalSetup(): Promise<void> {
  process.env.WRIT_CHROMIUM = findChromium();
  const fresh = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const m = await import('./scripts/lib/build-state.mjs'); process.exit(m.isBuildFresh() ? 0 : 1)",
    ],
    { cwd: ROOT },
  );
  if (fresh.status !== 0) run(process.execPath, ['scripts/build.mjs'], process.env);

  const children: ChildProcess[] = [];
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbedded();
    serverUrl = embedded.url;
    children.push(embedded.child);
  }
  const database = `writ_portal_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
  const databaseUrl = withDatabase(serverUrl, database);
  migrate(databaseUrl);
  await ensureApiLogin(serverUrl);
  run(...tsx('prisma/seed.ts'), {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
  });

  const [apiPort, portalPort] = [await freePort(), await freePort()];
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  // The API logs in as writ_api, as in production; the seed above and the tests' own connections are the owner.
  const env = {
    ...process.env,
    DATABASE_URL: asApiLogin(databaseUrl),
    NEXT_TELEMETRY_DISABLED: '1',
    // Public pages are still served from the portal's cache, but checked against the published data on every
    // request: a test that publishes and then looks must see what it published.
    PORTAL_PAGE_FRESH_MS: '0',
    LOG_LEVEL: 'warn',
    // Shared by API and portal: the portal signs the client address it forwards.
    PORTAL_PROXY_SECRET: randomBytes(32).toString('base64'),
  };
  const api = spawn(process.execPath, ['apps/api/dist/main.js'], {
    cwd: ROOT,
    env: { ...env, API_PORT: String(apiPort), PORTAL_ORIGIN: portalUrl },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const portal = spawn(
    process.execPath,
    [path.join(ROOT, 'apps/portal/dist/server/main.js'), '--port', String(portalPort), '--host', '127.0.0.1'],
    { cwd: ROOT, env: { ...env, WRIT_API_URL: apiUrl }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(api, portal);
  (globalThis as { __writPortalChildren?: ChildProcess[] }).__writPortalChildren = children;
  await Promise.all([waitFor(`${apiUrl}/health`, api, 'API'), waitFor(portalUrl, portal, 'portal')]);
  process.env.WRIT_PORTAL_URL = portalUrl;
  process.env.WRIT_API_URL = apiUrl;
  process.env.WRIT_PORTAL_DATABASE_URL = databaseUrl;
  process.env.WRIT_PORTAL_SERVER_URL = serverUrl;
}
