// The migrations in prisma/migrations must build exactly the database that prisma/schema.prisma describes.
// Compared on a real PostgreSQL, catalog against catalog, so drift in either direction fails here. Migrations that
// also move data are tested on rows as the version before them left them.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { admin, ROOT, withDatabase } from '../support/postgres';
import { createTestDatabase, dropTestDatabase } from '../support/test-app';
import { searchWords } from '../../apps/api/src/requests/search';
import { tsx } from '../support/tsx';

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
    const ddl = spawnSync(...tsx('scripts/db/migrate.ts', 'ddl', '--url', fromSchema), {
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
    const check = spawnSync(...tsx('scripts/db/migrate.ts', 'check', '--url', migrated), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const migrationDirs = () =>
  readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
const migrationScript = (dir: string) => readFileSync(path.join(MIGRATIONS, dir, 'migration.sql'), 'utf8');

/** One intake clerk and one German court, which the requests an upgrade test writes need. */
async function staffAndCourt(client: pg.Client): Promise<{ staffId: string; authorityId: string }> {
  const staffId = randomUUID();
  const authorityId = randomUUID();
  await client.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
     VALUES ($1, 'intake@test.example', 'Intake', '!no-password-login', '{INTAKE}', now())`,
    [staffId],
  );
  await client.query(
    `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
     VALUES ($1, 'Court', 'COURT', 'DE', 'Berlin', now())`,
    [authorityId],
  );
  return { staffId, authorityId };
}

/** A new, empty database on the test server for one upgrade test; its URL. */
async function upgradeDatabase(label: string): Promise<string> {
  const name = `${process.env.WRIT_TEST_TEMPLATE}_${label}`;
  await admin(process.env.WRIT_TEST_SERVER_URL!, (client) => client.query(`CREATE DATABASE "${name}"`));
  return withDatabase(process.env.WRIT_TEST_SERVER_URL!, name);
}

describe('api_token_expiry_required, on tokens an older version left without an expiry', () => {
  const DAY_MS = 86_400_000;
  let url: string;

  beforeAll(async () => {
    url = await upgradeDatabase('token_expiry');
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('gives each one 90 days from the upgrade (from its created_at if that is later), keeps the rest, then requires one', async () => {
    const dirs = migrationDirs();
    const target = dirs.findIndex((dir) => dir.endsWith('_api_token_expiry_required'));
    expect(target).toBeGreaterThan(0);
    const script = migrationScript;

    await admin(url, async (client) => {
      for (const dir of dirs.slice(0, target)) await client.query(script(dir));
      const staffId = randomUUID();
      await client.query(
        `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
         VALUES ($1, 'old-service@test.example', 'Old service', '!no-password-login', '{INTAKE}', now())`,
        [staffId],
      );
      const ids = { old: randomUUID(), ahead: randomUUID(), dated: randomUUID() };
      await client.query(
        `INSERT INTO api_token (id, name, token_hash, staff_id, roles, created_at, expires_at) VALUES
           ($1, 'made a year ago, no expiry', 'hash-1', $4, '{INTAKE}', now() - interval '400 days', NULL),
           ($2, 'created_at ahead of the clock, no expiry', 'hash-2', $4, '{INTAKE}', now() + interval '2 days', NULL),
           ($3, 'with an expiry', 'hash-3', $4, '{INTAKE}', now() - interval '1 day', now() + interval '5 days')`,
        [ids.old, ids.ahead, ids.dated, staffId],
      );
      const expiries = async () => {
        const { rows } = await client.query<{ id: string; created_at: Date; expires_at: Date | null }>(
          `SELECT id, created_at, expires_at FROM api_token`,
        );
        return new Map(rows.map((row) => [row.id, row]));
      };
      const before = await expiries();
      const from = Date.now();
      await client.query(script(dirs[target]!));
      const to = Date.now();
      const after = await expiries();

      const old = after.get(ids.old)!.expires_at!.getTime();
      // now() on the server, within the seconds around the upgrade (allowing for a clock apart from ours).
      expect(old).toBeGreaterThan(from + 90 * DAY_MS - 60_000);
      expect(old).toBeLessThan(to + 90 * DAY_MS + 60_000);
      expect(after.get(ids.ahead)!.expires_at).toEqual(
        new Date(before.get(ids.ahead)!.created_at.getTime() + 90 * DAY_MS),
      );
      expect(after.get(ids.dated)!.expires_at).toEqual(before.get(ids.dated)!.expires_at);

      await expect(
        client.query(
          `INSERT INTO api_token (id, name, token_hash, staff_id, roles) VALUES ($1, 'forever', 'hash-4', $2, '{INTAKE}')`,
          [randomUUID(), staffId],
        ),
      ).rejects.toMatchObject({ code: '23502', column: 'expires_at' });
    });
  });
});

describe('request_status_counts, on requests an older version left', () => {
  let url: string;

  beforeAll(async () => {
    url = await upgradeDatabase('status_counts');
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('starts from the requests already there, then follows every change', async () => {
    const dirs = migrationDirs();
    const target = dirs.findIndex((dir) => dir.endsWith('_request_status_counts'));
    expect(target).toBeGreaterThan(0);
    await admin(url, async (client) => {
      for (const dir of dirs.slice(0, target)) await client.query(migrationScript(dir));
      const { staffId, authorityId } = await staffAndCourt(client);
      const insert = (status: string, n: number) =>
        client.query(
          `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status,
                                search_text, created_by_id, updated_at)
           SELECT gen_random_uuid(), 'WR-OLD-' || gen_random_uuid(), 'RECORDS', 'COURT_ORDER', $1, 'DE', now(),
                  $2::"RequestStatus", '', $3, now()
             FROM generate_series(1, $4::int)`,
          [authorityId, status, staffId, n],
        );
      await insert('RECEIVED', 3);
      await insert('CLOSED', 2);

      await client.query(migrationScript(dirs[target]!));
      const counts = async () =>
        Object.fromEntries(
          (await client.query<{ status: string; n: number }>('SELECT status, n FROM request_status_counts()')).rows.map(
            (row) => [row.status, row.n],
          ),
        );
      expect(await counts()).toEqual({ RECEIVED: 3, CLOSED: 2 });
      await insert('RECEIVED', 1);
      await client.query(
        `UPDATE request SET status = 'IN_REVIEW' WHERE id IN (SELECT id FROM request WHERE status = 'RECEIVED' LIMIT 2)`,
      );
      expect(await counts()).toEqual({ RECEIVED: 2, IN_REVIEW: 2, CLOSED: 2 });
    });
  });
});

describe('search_vector, on requests an older version left', () => {
  let url: string;

  beforeAll(async () => {
    url = await upgradeDatabase('search_vector');
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('gives every request already there the words the API would give it, so the old requests stay searchable', async () => {
    const dirs = migrationDirs();
    const target = dirs.findIndex((dir) => dir.endsWith('_request_full_text_search'));
    expect(target).toBeGreaterThan(0);
    const texts = [
      { reference: 'WR-2026-000042', case_number: '2 BvR 1234/21', legal_basis: 'Section 100g StPO', reasons: null },
      { reference: 'WR-2026-000043', case_number: null, legal_basis: null, reasons: 'Fraud, file 000 and 007.' },
    ];
    await admin(url, async (client) => {
      for (const dir of dirs.slice(0, target)) await client.query(migrationScript(dir));
      const { staffId, authorityId } = await staffAndCourt(client);
      for (const text of texts) {
        await client.query(
          `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, case_number,
                                legal_basis, statement_of_reasons, offence_category, search_text, created_by_id, updated_at)
           VALUES (gen_random_uuid(), $1, 'RECORDS', 'COURT_ORDER', $2, 'DE', now(), $3, $4, $5, 'Drug trafficking',
                   '', $6, now())`,
          [text.reference, authorityId, text.case_number, text.legal_basis, text.reasons, staffId],
        );
      }

      await client.query(migrationScript(dirs[target]!));
      const { rows } = await client.query<{ reference: string; words: string[] }>(
        'SELECT reference, tsvector_to_array(search_vector) AS words FROM request ORDER BY reference',
      );
      expect(rows.map((row) => new Set(row.words))).toEqual(
        texts.map(
          (text) =>
            new Set(
              searchWords(text.reference, {
                caseNumber: text.case_number,
                legalBasis: text.legal_basis,
                statementOfReasons: text.reasons,
                offenceCategory: 'Drug trafficking',
              }),
            ),
        ),
      );
    });
  });
});
