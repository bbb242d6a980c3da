// Migrate once into a template database; every test file then gets its own copy (CREATE DATABASE … TEMPLATE),
// which takes a fraction of a second and isolates suites completely (docs/TOOLCHAIN.md).
import { admin, ensureApiLogin, migrate, startEmbedded, withDatabase } from './postgres';

export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbedded();
    serverUrl = embedded.url;
    (globalThis as { __writEmbeddedPg?: unknown }).__writEmbeddedPg = embedded.child;
  }
  const template = `writ_template_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE "${template}"`);
  });
  migrate(withDatabase(serverUrl, template));
  await ensureApiLogin(serverUrl);
  process.env.WRIT_TEST_SERVER_URL = serverUrl;
  process.env.WRIT_TEST_TEMPLATE = template;
}
