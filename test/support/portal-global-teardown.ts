import type { ChildProcess } from 'node:child_process';
import { admin } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const children = (globalThis as { __writPortalChildren?: ChildProcess[] }).__writPortalChildren ?? [];
  // API and portal first, the database server last.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  const serverUrl = process.env.WRIT_PORTAL_SERVER_URL;
  const databaseUrl = process.env.WRIT_PORTAL_DATABASE_URL;
  if (serverUrl && databaseUrl && process.env.TEST_DATABASE_URL) {
    const name = new URL(databaseUrl).pathname.slice(1);
    await admin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
      () => undefined,
    );
  }
}
