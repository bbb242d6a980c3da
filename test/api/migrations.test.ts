// The migrations in prisma/migrations must build exactly the database that prisma/schema.prisma describes.
// Compared on a real PostgreSQL, catalog against catalog, so drift in either direction fails here.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { admin, ROOT, withDatabase } from '../support/postgres';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';

const CATALOG = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
             ORDER BY 1, 2`,
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
             WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`,
  // CHECK constraints are written by hand in migrations and are not part of the Prisma schema.
  constraints: `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f')
                   AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`,
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY 1 ORDER BY 1`,
};

async function catalog(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(CATALOG)) out[name] = (await client.query(sql)).rows;
    return out;
  } finally {
    await client.end();
  }
}

describe('prisma/migrations and prisma/schema.prisma', () => {
  let migrated: string;
  let fromSchema: string;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    const serverUrl = process.env.WRIT_TEST_SERVER_URL!;
    const name = `${process.env.WRIT_TEST_TEMPLATE}_schema`;
    await admin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    fromSchema = withDatabase(serverUrl, name);
    const ddl = spawnSync('npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'ddl', '--url', fromSchema], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (ddl.status !== 0) throw new Error(`migrate.ts ddl failed: ${ddl.stderr}`);
    await admin(fromSchema, (client) => client.query(ddl.stdout));
  });

  afterAll(async () => {
    await dropTestDatabase(migrated);
    await dropTestDatabase(fromSchema);
  });

  it('build the same tables, columns, indexes, keys and enums', async () => {
    const [a, b] = await Promise.all([catalog(migrated), catalog(fromSchema)]);
    expect(a.columns!.length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  });

  it('have no schema change left without a migration', () => {
    const check = spawnSync('npx', ['--no-install', 'tsx', 'scripts/db/migrate.ts', 'check', '--url', migrated], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
