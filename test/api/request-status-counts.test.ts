// request_status_counts() (the staff queue's counts per status without filters) is kept by statement-level
// triggers on request, as rows of +n and -n that the function folds when they pile up: after random inserts,
// status changes, other updates and deletes, single-row and in bulk, side by side in concurrent transactions, it
// equals a full recount of request. The application can read the counts but not write them.
import fc from 'fast-check';
import pg from 'pg';
import { RequestStatus } from '@writ/contracts';
import { createStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { insertRequests } from './reports.fixtures';

let t: TestApp;
let api: pg.Pool;
let template: string;
beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  // Enough connections for every transaction of a run to stay open while reads go on beside them.
  api = new pg.Pool({ connectionString: t.apiDatabaseUrl, max: 16 });
  const staff = await createStaff(t, ['INTAKE']);
  const [first] = await insertRequests(t, staff.id, [
    { country: 'DE', legalProcess: 'COURT_ORDER', receivedAt: '2026-02-01T09:00:00Z', outcome: 'PENDING' },
  ]);
  template = first!;
});
afterAll(async () => {
  await api?.end();
  await t?.close();
});

/** The counts as the API reads them (logged in as writ_api), statuses without requests left out. */
async function kept(): Promise<Record<string, number>> {
  const { rows } = await api.query<{ status: string; n: number }>('SELECT status, n FROM request_status_counts()');
  return Object.fromEntries(rows.filter((row) => row.n !== 0).map((row) => [row.status, row.n]));
}

async function counted(): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ status: string; n: number }>(
    'SELECT status::text AS status, count(*)::int AS n FROM request GROUP BY status',
  );
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

const status = fc.constantFrom(...RequestStatus.options);

const change = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), status, rows: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('move' as const), from: status, to: status, rows: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('touch' as const), rows: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), status, rows: fc.integer({ min: 1, max: 3 }) }),
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

/**
 * One change, in one statement (the triggers run once per statement, whatever its number of rows). With a `scope`,
 * the change only makes and touches rows marked with it, so transactions side by side never wait on one another's
 * rows (which could deadlock, and is not what is tested here).
 */
function apply(client: pg.Pool | pg.PoolClient, c: Change, scope: string | null = null) {
  const mine = `($3::text IS NULL OR case_number = $3::text)`;
  switch (c.kind) {
    case 'insert':
      // Copies of the fixture's request, with their own id and reference.
      return client.query(
        `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, outcome,
                              search_text, created_by_id, updated_at, case_number)
         SELECT gen_random_uuid(), 'WR-SC-' || gen_random_uuid(), type, legal_process, authority_id, country,
                received_at, $2::"RequestStatus", outcome, '', created_by_id, now(), $3::text
           FROM request, generate_series(1, $4::int) WHERE id = $1`,
        [template, c.status, scope, c.rows],
      );
    case 'move':
      return client.query(
        `UPDATE request SET status = $2::"RequestStatus"
          WHERE id IN (SELECT id FROM request WHERE status = $1::"RequestStatus" AND id <> $4 AND ${mine} LIMIT $5)`,
        [c.from, c.to, scope, template, c.rows],
      );
    case 'touch':
      // An update that leaves the status as it was adds nothing to count.
      return client.query(
        `UPDATE request SET search_text = 'touched'
          WHERE id IN (SELECT id FROM request WHERE id <> $1 AND $2::int > 0 AND ${mine} LIMIT $2)`,
        [template, c.rows, scope],
      );
    case 'delete':
      return client.query(
        `DELETE FROM request WHERE id IN (
           SELECT id FROM request WHERE status = $1::"RequestStatus" AND id <> $2 AND ${mine} LIMIT $4)`,
        [c.status, template, scope, c.rows],
      );
  }
}

describe('request_status_counts()', () => {
  it('equals a full recount after random changes to request, however often it folds its rows', async () => {
    expect(await kept()).toEqual(await counted());
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 40 }), async (changes) => {
        for (const c of changes) await apply(t.db, c);
        expect(await kept()).toEqual(await counted());
      }),
      { numRuns: 30 },
    );
    // With more than 64 rows the read folds them into at most one per status.
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM request_status_count');
    expect(rows[0]!.n).toBeLessThanOrEqual(64 + 40);
  });

  it('stays exact with changes committing and rolling back side by side while others read and fold', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 4 }), commit: fc.boolean() }), {
          minLength: 2,
          maxLength: 6,
        }),
        async (transactions) => {
          run += 1;
          await Promise.all([
            ...transactions.map(async ({ changes, commit }, i) => {
              const client = await api.connect();
              const scope = `concurrent-${run}-${i}`;
              try {
                await client.query('BEGIN');
                for (const c of changes) await apply(client, c, scope);
                // Folding while transactions that changed request are still open: their rows are not its to fold.
                await kept();
                await client.query(commit ? 'COMMIT' : 'ROLLBACK');
              } catch (error) {
                await client.query('ROLLBACK');
                throw error;
              } finally {
                client.release();
              }
            }),
            kept(),
            kept(),
          ]);
          expect(await kept()).toEqual(await counted());
        },
      ),
      { numRuns: 15 },
    );
  });

  it('is written only by the database: the application can read the rows but not add, change or drop them', async () => {
    for (const sql of [
      `INSERT INTO request_status_count (status, n) VALUES ('RECEIVED', 1000)`,
      `UPDATE request_status_count SET n = n + 1`,
      `DELETE FROM request_status_count`,
      `TRUNCATE request_status_count`,
    ]) {
      await expect(api.query(sql)).rejects.toThrow(/permission denied/);
    }
    await expect(api.query('SELECT count(*) FROM request_status_count')).resolves.toBeDefined();
    // TRUNCATE on request fires no statement trigger that could keep the counts: refused even for the owner.
    await expect(t.db.query('TRUNCATE request CASCADE')).rejects.toThrow(/TRUNCATE would leave/);
    expect(await kept()).toEqual(await counted());
  });
});
