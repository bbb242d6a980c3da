// Idempotency-Key records expire: a key older than IDEMPOTENCY_KEY_RETENTION_HOURS behaves as a new key even before
// it is swept, and the sweeper deletes expired records in batches, one process at a time, without touching live
// keys or rows a claim holds. Rows are aged by moving created_at back in SQL, never by waiting.
import { randomUUID } from 'node:crypto';
import { IdempotencySweeper, SWEEPER_LOCK } from '../../apps/api/src/requests/idempotency-sweeper';
import { createStaff, type TestStaff } from '../support/auth';
import { dropTestDatabase, startTestApp, type TestApp } from '../support/test-app';
import { createAuthority, intakeAs, validRequest } from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let authorityId: string;
beforeAll(async () => {
  // The timer is off here so that only the test decides when a sweep runs.
  t = await startTestApp({ IDEMPOTENCY_SWEEP_INTERVAL_MS: '0' });
  intake = await createStaff(t, ['INTAKE']);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

const post = (app: TestApp, key: string, body: unknown) => intakeAs(app, intake, body, { 'idempotency-key': key });

/** Moves a key's first use `hours` into the past. */
async function age(app: TestApp, key: string, hours: number): Promise<void> {
  const { rowCount } = await app.db.query(
    `UPDATE idempotency_record SET created_at = now() - $2::float8 * interval '1 hour' WHERE key = $1`,
    [key, hours],
  );
  expect(rowCount).toBe(1);
}

async function record(app: TestApp, key: string): Promise<{ body_hash: string; created_at: Date } | undefined> {
  const { rows } = await app.db.query('SELECT body_hash, created_at FROM idempotency_record WHERE key = $1', [key]);
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

async function requestsWithCase(caseNumber: string): Promise<number> {
  const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM request WHERE case_number = $1', [
    caseNumber,
  ]);
  return Number(rows[0]!.n);
}

/** `count` records straight in the table, first used `hours` ago, under keys starting with `prefix`. */
async function insertRecords(app: TestApp, prefix: string, count: number, hours: number): Promise<void> {
  await app.db.query(
    `INSERT INTO idempotency_record (key, staff_id, route, body_hash, status, response_body, created_at)
     SELECT $1 || n, $2::uuid, 'POST /requests', repeat('0', 64), 201, '{}', now() - $4::float8 * interval '1 hour'
       FROM generate_series(1, $3) n`,
    [prefix, randomUUID(), count, hours],
  );
}

async function countWithPrefix(app: TestApp, prefix: string): Promise<number> {
  const { rows } = await app.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM idempotency_record WHERE starts_with(key, $1)`,
    [prefix],
  );
  return Number(rows[0]!.n);
}

const sweeper = (app: TestApp) => app.app.get(IdempotencySweeper);

describe('claiming a key past the retention window', () => {
  it('treats it as a new key: another body makes a new request instead of 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const first = await post(t, 'old-1', validRequest(authorityId, { caseNumber: 'RET 1a' }));
    expect(first.status).toBe(201);
    const firstHash = (await record(t, 'old-1'))!.body_hash;
    await age(t, 'old-1', 25);

    const reused = await post(t, 'old-1', validRequest(authorityId, { caseNumber: 'RET 1b' }));
    expect(reused.status).toBe(201);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(reused.body.id).not.toBe(first.body.id);
    expect(reused.body.caseNumber).toBe('RET 1b');
    // The one record of the key now belongs to the new use: its body, its time.
    const now = (await record(t, 'old-1'))!;
    expect(now.body_hash).not.toBe(firstHash);
    expect(Date.now() - now.created_at.getTime()).toBeLessThan(60_000);

    const retry = await post(t, 'old-1', validRequest(authorityId, { caseNumber: 'RET 1b' }));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(reused.body.id);
  });

  it('treats it as a new key for the same body too: the first answer is forgotten', async () => {
    const body = validRequest(authorityId, { caseNumber: 'RET 2' });
    const first = await post(t, 'old-2', body);
    await age(t, 'old-2', 24.01);
    const again = await post(t, 'old-2', body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    expect(await requestsWithCase('RET 2')).toBe(2);
  });

  it('still remembers a key inside the window, and says until when', async () => {
    const body = validRequest(authorityId, { caseNumber: 'RET 3' });
    const first = await post(t, 'young-3', body);
    await age(t, 'young-3', 23);
    const retry = await post(t, 'young-3', body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);

    const other = await post(t, 'young-3', validRequest(authorityId, { caseNumber: 'RET 3b' }));
    expect(other.status).toBe(422);
    const { error } = other;
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const until = new Date((await record(t, 'young-3'))!.created_at.getTime() + 24 * 3_600_000).toISOString();
    expect(error.message).toContain(`remembered until ${until}`);
    expect(await requestsWithCase('RET 3')).toBe(1);
  });

  it('lets exactly one of several simultaneous retries of an expired key make the new request', async () => {
    const body = validRequest(authorityId, { caseNumber: 'RET 4', receivedAt: undefined, dueAt: undefined });
    await post(t, 'old-4', body);
    await age(t, 'old-4', 30);
    const replies = await Promise.all(Array.from({ length: 6 }, () => post(t, 'old-4', body)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(201));
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    expect(replies.filter((reply) => reply.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    expect(await requestsWithCase('RET 4')).toBe(2);
  });
});

describe('the sweeper', () => {
  it('deletes every expired record, in batches, and keeps the live ones', async () => {
    await insertRecords(t, 'sweep-old-', 2_345, 25);
    await insertRecords(t, 'sweep-live-', 40, 23);
    expect(await sweeper(t).sweep(500)).toBeGreaterThanOrEqual(2_345);
    expect(await countWithPrefix(t, 'sweep-old-')).toBe(0);
    expect(await countWithPrefix(t, 'sweep-live-')).toBe(40);
    // Keys used through the API and still inside the window survive too.
    expect(await record(t, 'young-3')).toBeDefined();
    expect(await sweeper(t).sweep()).toBe(0);
  });

  it('skips a record that a claim holds, instead of waiting for it or deleting it from under the claim', async () => {
    await insertRecords(t, 'held-', 3, 48);
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT 1 FROM idempotency_record WHERE key = 'held-2' FOR UPDATE`);
      expect(await sweeper(t).sweep()).toBe(2);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await record(t, 'held-2')).toBeDefined();
    expect(await sweeper(t).sweep()).toBe(1);
    expect(await record(t, 'held-2')).toBeUndefined();
  });

  it('never sweeps in two processes at once', async () => {
    const second = await startTestApp({ DATABASE_URL: t.databaseUrl, IDEMPOTENCY_SWEEP_INTERVAL_MS: '0' });
    try {
      await insertRecords(t, 'shared-', 3_000, 25);

      // While another process holds the sweep lock, neither API deletes anything.
      const holder = await t.db.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [SWEEPER_LOCK.toString()]);
        expect(await Promise.all([sweeper(t).sweep(), sweeper(second).sweep()])).toEqual([0, 0]);
        expect(await countWithPrefix(t, 'shared-')).toBe(3_000);
        await holder.query('COMMIT');
      } finally {
        holder.release();
      }

      // Racing each other, the two delete every row exactly once between them, and neither fails.
      const deleted = await Promise.all([sweeper(t).sweep(100), sweeper(second).sweep(100)]);
      const leftover = await sweeper(t).sweep(100);
      expect(deleted[0] + deleted[1] + leftover).toBe(3_000);
      expect(await countWithPrefix(t, 'shared-')).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('lets the batch in flight finish at shutdown, before the database pool closes, and starts no other', async () => {
    const own = await startTestApp({ IDEMPOTENCY_SWEEP_INTERVAL_MS: '0' });
    try {
      await insertRecords(own, 'closing-', 20_000, 100);
      const sweeping = sweeper(own).sweep(50);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await own.app.close();
      // The sweep ends cleanly part-way (it would reject had the pool closed under it).
      const swept = await sweeping;
      expect(swept).toBeGreaterThan(0);
      expect(swept).toBeLessThan(20_000);
      expect(await countWithPrefix(own, 'closing-')).toBe(20_000 - swept);
    } finally {
      await own.db.end();
      await dropTestDatabase(own.databaseUrl);
    }
  });

  it('runs by itself every IDEMPOTENCY_SWEEP_INTERVAL_MS with the configured window, and stops at shutdown', async () => {
    const own = await startTestApp({ IDEMPOTENCY_SWEEP_INTERVAL_MS: '50', IDEMPOTENCY_KEY_RETENTION_HOURS: '48' });
    let appClosed = false;
    try {
      await insertRecords(own, 'timer-old-', 10, 49);
      await insertRecords(own, 'timer-kept-', 10, 47);
      const deadline = Date.now() + 10_000;
      while ((await countWithPrefix(own, 'timer-old-')) > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await countWithPrefix(own, 'timer-old-')).toBe(0);
      // 47 hours is inside a 48-hour window: kept by the sweeper, and still a remembered key.
      expect(await countWithPrefix(own, 'timer-kept-')).toBe(10);

      // The API documents the window it keeps.
      const document = await (await fetch(`${own.url}/api/docs/openapi.json`)).json();
      const header = (document.paths['/requests'].post.parameters as { name: string; description: string }[]).find(
        (parameter) => parameter.name === 'idempotency-key',
      );
      expect(header?.description).toContain('remembered for 48 hours from their first use');

      await own.app.close();
      appClosed = true;
      // After shutdown nothing sweeps any more (the timer would have fired about ten times in this pause).
      await insertRecords(own, 'after-close-', 5, 100);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await countWithPrefix(own, 'after-close-')).toBe(5);
    } finally {
      if (appClosed) {
        await own.db.end();
        await dropTestDatabase(own.databaseUrl);
      } else {
        await own.close();
      }
    }
  }, 30_000);
});
