// Creating a migration without a shadow database. The wasm engine cannot introspect a live database through the
// pg adapter (it fails on columns of type "char") and asks for a shadow-database factory it has no way to receive,
// so migrations are diffed datamodel-to-datamodel: every migration folder keeps a copy of the schema.prisma it
// was made from (`schema.prisma` beside `migration.sql`; `prisma migrate deploy` reads only the latter), and the
// next migration is the diff from that copy to the current schema. test/api/migrations.test.ts then proves on a
// real PostgreSQL that the migrations build exactly what schema.prisma describes.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { MIGRATIONS_DIR, NO_FILTER, SCHEMA_PATH, readSchema } from './schema-engine.js';

async function latestSnapshot(): Promise<string | null> {
  const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const last = dirs.at(-1);
  if (!last) return null;
  return readFile(path.join(MIGRATIONS_DIR, last, 'schema.prisma'), 'utf8').catch(() => {
    throw new Error(`prisma/migrations/${last} has no schema.prisma snapshot; cannot diff against it`);
  });
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
  await writeFile(path.join(dir, 'schema.prisma'), await readFile(SCHEMA_PATH, 'utf8'));
  await writeFile(
    path.join(MIGRATIONS_DIR, 'migration_lock.toml'),
    '# Written by scripts/db/migrate.ts; keep in version control.\nprovider = "postgresql"\n',
  );
  return dir;
}
