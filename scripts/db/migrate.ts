#!/usr/bin/env -S npx tsx
// Offline replacement for `prisma migrate deploy | dev --create-only | reset | diff`. Usage: see --help.
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createMigration, pendingSql, schemaDdl } from './create-migration.js';
import { NO_FILTER, openSchemaEngine, readMigrations } from './schema-engine.js';

const HELP = `Usage: npm run db:<command> [-- options]     (or: tsx scripts/db/migrate.ts <command>)

Commands:
  deploy            apply every migration in prisma/migrations that the database has not seen (db:migrate)
  create <name>     write a new migration from the changes in prisma/schema.prisma (db:migration)
  reset             drop everything in the database, then apply all migrations (db:reset; seed separately)
  check             exit 1 if prisma/schema.prisma has changes no migration contains
  ddl               print the SQL that builds schema.prisma from nothing (used by the drift test)

Options:
  --url <url>       database to use, as its owner (default: $DATABASE_OWNER_URL, else $DATABASE_URL)
  --quiet           print nothing on success
  -h, --help        this text

Exit codes: 0 success, 1 failure (drift, SQL error), 2 usage error.`;

function usage(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { url: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [command, name] = positionals;
  const say = (line: string) => values.quiet || process.stdout.write(`${line}\n`);
  // Migrations run as the owner; DATABASE_URL is the API's login wherever the two differ.
  const url = values.url ?? process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!command) usage('missing command');
  if (!['deploy', 'create', 'reset', 'check', 'ddl'].includes(command)) usage(`unknown command "${command}"`);
  if (!url)
    usage(
      'neither DATABASE_OWNER_URL nor DATABASE_URL is set and no --url was given: name the PostgreSQL database to migrate',
    );

  const engine = await openSchemaEngine(url);
  try {
    switch (command) {
      case 'deploy': {
        const { appliedMigrationNames } = await engine.applyMigrations({
          migrationsList: await readMigrations(),
          filters: NO_FILTER,
        });
        say(appliedMigrationNames.length ? `applied: ${appliedMigrationNames.join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'create': {
        if (!name || !/^[a-z0-9_]+$/.test(name)) usage('create needs a snake_case name, e.g. "add_reports"');
        const created = await createMigration(engine, name);
        say(
          created
            ? `created ${path.relative(process.cwd(), created)}`
            : 'no changes: schema.prisma matches the migrations',
        );
        return 0;
      }
      case 'reset': {
        await resetDatabase(url);
        const { appliedMigrationNames } = await engine.applyMigrations({
          migrationsList: await readMigrations(),
          filters: NO_FILTER,
        });
        say(`reset; applied: ${appliedMigrationNames.join(', ')}`);
        return 0;
      }
      case 'ddl': {
        process.stdout.write(await schemaDdl(engine));
        return 0;
      }
      case 'check': {
        const sql = await pendingSql(engine);
        if (sql) {
          process.stderr.write(
            'prisma/schema.prisma has changes that no migration contains. Run "npm run db:migration -- <name>".\n' +
              `SQL needed to catch the migrations up:\n${sql}\n`,
          );
          return 1;
        }
        say('schema and migrations agree');
        return 0;
      }
    }
    return 2;
  } finally {
    engine.free();
  }
}

/** Drops what the app owns. The log tables refuse DELETE/TRUNCATE by design, so drop the schema wholesale. */
async function resetDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    process.stderr.write(`migration failed: ${message}\n`);
    process.exit(1);
  },
);
