// Creating a migration without a shadow database. The wasm engine cannot introspect a live database through the
// pg adapter (it fails on columns of type "char") and asks for a shadow-database factory it has no way to receive,
// so migrations are diffed datamodel-to-datamodel: prisma/migrations/schema.snapshot.prisma is the schema as the
// newest migration left it (`prisma migrate deploy` never reads it), and the next migration is the diff from it to
// prisma/schema.prisma; creating the migration moves the snapshot forward. Only this one snapshot is kept: the
// older states are never read. test/api/migrations.test.ts proves on a real PostgreSQL that the migrations build
// exactly what schema.prisma describes, and that the snapshot has caught up with it.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { MIGRATIONS_DIR, NO_FILTER, SCHEMA_PATH, readSchema } from './schema-engine.js';

export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma');

async function migrationDirs(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Per-folder copies of schema.prisma, the way migrations were made before the single snapshot (a branch started
 * earlier still makes them). Refused, so two snapshots can never disagree about which one is current.
 */
async function strayCopies(): Promise<string[]> {
  const dirs = await migrationDirs();
  const found = await Promise.all(
    dirs.map((dir) =>
      readFile(path.join(MIGRATIONS_DIR, dir, 'schema.prisma'), 'utf8').then(
        () => `prisma/migrations/${dir}/schema.prisma`,
        () => null,
      ),
    ),
  );
  return found.filter((file) => file !== null);
}

async function latestSnapshot(): Promise<string | null> {
  const strays = await strayCopies();
  if (strays.length > 0) {
    throw new Error(
      `${strays.join(', ')}: a migration folder holds its own copy of schema.prisma. Only ` +
        'prisma/migrations/schema.snapshot.prisma is kept (the schema as of the newest migration): move the copy of ' +
        'the newest migration there, delete the per-folder copies, and see CONTRIBUTING.md, "Database changes".',
    );
  }
  const snapshot = await readFile(SNAPSHOT_PATH, 'utf8').catch(() => null);
  if (snapshot !== null) return snapshot;
  if ((await migrationDirs()).length === 0) return null;
  throw new Error(
    'prisma/migrations/schema.snapshot.prisma is missing, so there is nothing to diff the next migration from. ' +
      'Restore it from version control: it is the schema as of the newest migration.',
  );
}

/** SQL that would bring a database built from the migrations up to schema.prisma; '' when there is nothing. */
export async function pendingSql(engine: SchemaEngine): Promise<string> {
  const previous = await latestSnapshot();
  const from =
    previous === null
      ? { tag: 'empty' as const }
      : { tag: 'schemaDatamodel' as const, files: [{ path: SCHEMA_PATH, content: previous }] };
  const diff = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', ...(await readSchema()) },
    script: true,
    exitCode: true,
    filters: NO_FILTER,
  });
  return diff.exitCode === 2 ? (diff.stdout ?? '') : '';
}

/** Full DDL for schema.prisma from nothing: what the drift test compares the migrations against. */
export async function schemaDdl(engine: SchemaEngine): Promise<string> {
  const diff = await engine.diff({
    from: { tag: 'empty' },
    to: { tag: 'schemaDatamodel', ...(await readSchema()) },
    script: true,
    exitCode: null,
    filters: NO_FILTER,
  });
  return diff.stdout ?? '';
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Writes prisma/migrations/<timestamp>_<name>/ and returns its path, or null when schema.prisma has no changes. */
export async function createMigration(engine: SchemaEngine, name: string): Promise<string | null> {
  const sql = await pendingSql(engine);
  if (!sql.trim()) return null;
  const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(SNAPSHOT_PATH, await readFile(SCHEMA_PATH, 'utf8'));
  await writeFile(
    path.join(MIGRATIONS_DIR, 'migration_lock.toml'),
    '# Written by scripts/db/migrate.ts; keep in version control.\nprovider = "postgresql"\n',
  );
  return dir;
}
