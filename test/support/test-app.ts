// One running API per test file: its own database cloned from the migrated template, listening on a random
// port, spoken to over real HTTP.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadEnv, type Env } from '../../apps/api/src/config/env';
import { admin, asApiLogin, withDatabase } from './postgres';

export interface TestApp {
  url: string;
  /** The database, as its owner (migrations, the seed, arranging state); pass it to start a second app on it. */
  databaseUrl: string;
  /** The same database as the API logs in to it (writ_api, a member of writ_app). */
  apiDatabaseUrl: string;
  /** A direct connection as the database owner, for arranging and inspecting state. */
  db: pg.Pool;
  app: INestApplication;
  env: Env;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<string> {
  const serverUrl = process.env.WRIT_TEST_SERVER_URL;
  const template = process.env.WRIT_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('the api test project must run with its globalSetup');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return withDatabase(serverUrl, name);
}

export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const serverUrl = process.env.WRIT_TEST_SERVER_URL!;
  const name = new URL(databaseUrl).pathname.slice(1);
  await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * A fresh database per app; pass DATABASE_URL (the owner's, `databaseUrl`) in `overrides` to start a second app
 * on an existing one, and `logDestination` to read what the API logs. The API logs in as writ_api, as in
 * production; API_DATABASE_URL in `overrides` names another login.
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: Parameters<typeof createApp>[1] = {},
): Promise<TestApp> {
  const { DATABASE_URL: shared, API_DATABASE_URL: login, ...rest } = overrides;
  const databaseUrl = shared ?? (await createTestDatabase());
  const apiDatabaseUrl = login ?? asApiLogin(databaseUrl);
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: apiDatabaseUrl,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', // TEST_LOG_LEVEL=error shows a 500's cause
    API_PORT: '0',
    STORAGE_DIR: mkdtempSync(path.join(os.tmpdir(), 'writ-test-storage-')),
    ...rest,
  });
  const app = await createApp(env, options);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  db.on('error', () => undefined); // dropped with the database at the end of the suite
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    apiDatabaseUrl,
    db,
    app,
    env,
    async close() {
      // A request refused before its body was read (413) can leave a socket open; do not wait for it.
      (app.getHttpServer() as import('node:http').Server).closeAllConnections();
      await app.close();
      await db.end();
      if (!shared) await dropTestDatabase(databaseUrl);
    },
  };
}
