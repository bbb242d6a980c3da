import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { EnvError, loadEnv } from './config/index.js';
import { waitForDatabase } from './database/index.js';

async function main(): Promise<void> {
  const env = loadEnv();
  await waitForDatabase(env.DATABASE_URL, 10_000);
  const app = await createApp(env);
  await app.listen(env.API_PORT, env.API_HOST);
  process.stdout.write(`Writ API listening on ${await app.getUrl()} (docs: ${await app.getUrl()}/api/docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof EnvError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
