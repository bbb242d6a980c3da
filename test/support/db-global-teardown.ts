import type { ChildProcess } from 'node:child_process';
import { admin } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.WRIT_TEST_SERVER_URL;
  const template = process.env.WRIT_TEST_TEMPLATE;
  if (serverUrl && template) {
    await admin(serverUrl, async (client) => {
      // Databases a crashed suite left behind go too.
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [template, `${template}_%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }).catch(() => undefined);
  }
  const child = (globalThis as { __writEmbeddedPg?: ChildProcess }).__writEmbeddedPg;
  if (child) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
