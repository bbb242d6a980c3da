// Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter. The native engine is a
// download that fails offline (docs/TOOLCHAIN.md); this is the same engine, shipped inside an npm package.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine as Engine } from '@prisma/schema-engine-wasm';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');

const require = createRequire(import.meta.url);

export async function openSchemaEngine(connectionString: string, log?: (line: string) => void): Promise<Engine> {
  const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bg = (await import(bgPath)) as typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  // Node 20's ESM loader cannot import .wasm, so instantiate it by hand and hand the exports to the JS glue.
  const wasmBytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(wasmBytes, { './schema_engine_bg.js': bg as never });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const adapter = bindMigrationAwareSqlAdapterFactory(new WholeScriptPg({ connectionString }));
  return bg.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (message: string) => log?.(message),
    adapter,
  ) as Promise<Engine>;
}

type ScriptAdapter = Awaited<ReturnType<PrismaPg['connect']>> & {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
};

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";", which cuts function bodies and DO
 * blocks in half. Send the script whole instead: PostgreSQL's simple query protocol runs several statements.
 */
class WholeScriptPg extends PrismaPg {
  override async connect() {
    return wholeScripts(await super.connect());
  }

  override async connectToShadowDb() {
    return wholeScripts(await super.connectToShadowDb());
  }
}

function wholeScripts<T extends Awaited<ReturnType<PrismaPg['connect']>>>(adapter: T): T {
  const target = adapter as unknown as ScriptAdapter;
  target.executeScript = async (script: string) => {
    try {
      await target.client.query(script);
    } catch (error) {
      target.onError(error);
    }
  };
  return adapter;
}

export async function readSchema(): Promise<{ files: { path: string; content: string }[] }> {
  return { files: [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, 'utf8') }] };
}

/** The migrations folder in the shape the engine expects (what `prisma migrate deploy` reads). */
export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => {
      const content = await readFile(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8')
        .then((value) => ({ tag: 'ok' as const, value }))
        .catch((error: Error) => ({ tag: 'error' as const, value: error.message }));
      return { path: dir, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };
