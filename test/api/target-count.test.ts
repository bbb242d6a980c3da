// request.target_count (the accounts specified a transparency report counts) is kept by statement-level triggers on
// target: after random inserts, deletes and moves, single-row and in bulk, it equals a full recount of target.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { insertRequests } from './reports.fixtures';

let t: TestApp;
let requestIds: string[];
beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  const staff = await createStaff(t, ['INTAKE']);
  requestIds = await insertRequests(
    t,
    staff.id,
    Array.from({ length: 4 }, (_, i) => ({
      country: 'DE',
      legalProcess: 'COURT_ORDER' as const,
      receivedAt: `2026-02-0${i + 1}T09:00:00Z`,
      outcome: 'PENDING' as const,
      targets: i,
    })),
  );
});
afterAll(async () => {
  await t?.close();
});

/** Requests whose kept count differs from counting their targets now. */
async function drift(): Promise<{ id: string; kept: number; counted: number }[]> {
  const { rows } = await t.db.query<{ id: string; kept: number; counted: number }>(
    `SELECT r.id, r.target_count AS kept, count(tg.id)::int AS counted
       FROM request r LEFT JOIN target tg ON tg.request_id = r.id
      WHERE r.id = ANY($1::uuid[]) GROUP BY r.id HAVING r.target_count <> count(tg.id)`,
    [requestIds],
  );
  return rows;
}

const change = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), request: fc.nat(3), rows: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('delete' as const), request: fc.nat(3), rows: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('move' as const), request: fc.nat(3), to: fc.nat(3) }),
);

describe('request.target_count', () => {
  it('equals a full recount after random changes to target', async () => {
    expect(await drift()).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        for (const c of changes) {
          const requestId = requestIds[c.request]!;
          if (c.kind === 'insert') {
            // One statement with several rows: the trigger runs once for all of them.
            await t.db.query(
              `INSERT INTO target (id, request_id, selector_type, value, role)
               SELECT gen_random_uuid(), $1, 'ACCOUNT_ID', 'acct_' || $2 || '_' || k, 'SUSPECT'
                 FROM generate_series(1, $3::int) k`,
              [requestId, randomUUID().slice(0, 8), c.rows],
            );
          } else if (c.kind === 'delete') {
            await t.db.query(`DELETE FROM target WHERE id IN (SELECT id FROM target WHERE request_id = $1 LIMIT $2)`, [
              requestId,
              c.rows,
            ]);
          } else {
            await t.db.query(
              `UPDATE target SET request_id = $2 WHERE id IN (SELECT id FROM target WHERE request_id = $1 LIMIT 1)`,
              [requestId, requestIds[c.to]],
            );
          }
        }
        expect(await drift()).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
