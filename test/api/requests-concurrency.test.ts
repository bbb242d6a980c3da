// Retries and races: Idempotency-Key on POST /requests (the same key never makes a second request, even when the
// retries arrive together) and optimistic concurrency on PATCH (two writers of one version: one wins, one 409).
import { type RouteInput, UpdateRequestRoute } from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { auditEvents, counts, createAuthority, createRequest, intakeAs, validRequest } from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let colleague: TestStaff;
let authorityId: string;
beforeAll(async () => {
  t = await startTestApp();
  [intake, colleague] = await Promise.all([createStaff(t, ['INTAKE']), createStaff(t, ['INTAKE', 'REVIEWER'])]);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

const post = (key: string, body: unknown, as: TestStaff = intake) => intakeAs(t, as, body, { 'idempotency-key': key });
const patch = (id: string, as: TestStaff, body: NonNullable<RouteInput<typeof UpdateRequestRoute>['body']>) =>
  callAs(t, UpdateRequestRoute, { params: { id }, body }, as);

async function requestsWithCase(caseNumber: string): Promise<number> {
  const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM request WHERE case_number = $1', [
    caseNumber,
  ]);
  return Number(rows[0]!.n);
}

describe('Idempotency-Key', () => {
  it('answers a retry with the first result: same status, same body, one request', async () => {
    const body = validRequest(authorityId, { caseNumber: 'IDEM 1', receivedAt: undefined, dueAt: undefined });
    const first = await post('key-1', body);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const before = await counts(t);
    const retry = await post('key-1', body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await counts(t)).toEqual(before);
    expect(await requestsWithCase('IDEM 1')).toBe(1);
  });

  it('replays the first answer even after the request has changed since', async () => {
    const body = validRequest(authorityId, { caseNumber: 'IDEM 2' });
    const first = await post('key-2', body);
    expect((await patch(first.body.id, colleague, { version: 1, legalBasis: 'changed' })).status).toBe(200);
    const retry = await post('key-2', body);
    expect(retry.body).toEqual(first.body);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    await post('key-3', validRequest(authorityId, { caseNumber: 'IDEM 3' }));
    const before = await counts(t);
    const reused = await post('key-3', validRequest(authorityId, { caseNumber: 'IDEM 3b' }));
    expect(reused.status).toBe(422);
    const { error } = reused;
    expect(error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(error.message).toContain('different body');
    expect(await counts(t)).toEqual(before);
  });

  it('makes exactly one request from ten simultaneous retries', async () => {
    const body = validRequest(authorityId, { caseNumber: 'IDEM 4', receivedAt: undefined, dueAt: undefined });
    const before = await counts(t);
    const replies = await Promise.all(Array.from({ length: 10 }, () => post('key-4', body)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    expect(new Set(replies.map((reply) => JSON.stringify(reply.body))).size).toBe(1);
    expect(replies.filter((reply) => reply.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await requestsWithCase('IDEM 4')).toBe(1);
    expect(await auditEvents(t, replies[0]!.body.id, 'request.created')).toHaveLength(1);
    expect(await counts(t)).toEqual({
      ...before,
      request: before.request + 1,
      target: before.target + 3,
      category: before.category + 2,
      audit: before.audit + 1,
      idempotency: before.idempotency + 1,
    });
  });

  it('scopes keys to the caller: two people may use the same key', async () => {
    const a = await post('shared-key', validRequest(authorityId, { caseNumber: 'IDEM 5' }));
    const b = await post('shared-key', validRequest(authorityId, { caseNumber: 'IDEM 5' }), colleague);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('does not spend a key on a refused request: the corrected retry goes through', async () => {
    const refused = await post('key-6', validRequest('00000000-0000-4000-8000-000000000000', { caseNumber: 'IDEM 6' }));
    expect(refused.status).toBe(404);
    const fixed = await post('key-6', validRequest(authorityId, { caseNumber: 'IDEM 6' }));
    expect(fixed.status).toBe(201);
  });

  it('works without a key, as plain creation', async () => {
    const plain = await intakeAs(t, intake, validRequest(authorityId));
    expect(plain.status).toBe(201);
    expect(plain.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('a lost database connection', () => {
  it('fails the request in flight with a 5xx, writes nothing, and the API carries on', async () => {
    // Hold the authority so the idempotent intake waits inside its transaction, then cut its connection.
    const holder = await t.db.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM authority WHERE id = $1 FOR UPDATE', [authorityId]);
      const before = await counts(t);
      const pending = post('key-lost', validRequest(authorityId, { caseNumber: 'LOST 1' }));
      let waiting: number | undefined;
      for (let i = 0; i < 100 && waiting === undefined; i += 1) {
        const { rows } = await t.db.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        waiting = rows[0]?.pid;
        if (waiting === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(waiting).toBeDefined();
      await t.db.query('SELECT pg_terminate_backend($1)', [waiting]);
      expect((await pending).status).toBeGreaterThanOrEqual(500);
      await holder.query('ROLLBACK');
      expect(await counts(t)).toEqual(before);
    } finally {
      holder.release();
    }
    // The same key again: nothing was claimed, so it makes the request now.
    const retry = await post('key-lost', validRequest(authorityId, { caseNumber: 'LOST 1' }));
    expect(retry.status).toBe(201);
    expect(await requestsWithCase('LOST 1')).toBe(1);
  });
});

describe('optimistic concurrency', () => {
  it('lets one of two PATCHes of the same version through and answers the other 409, writing it nowhere', async () => {
    const { id } = await createRequest(t, intake, validRequest(authorityId));
    const replies = await Promise.all([
      patch(id, intake, { version: 1, caseNumber: 'FIRST 1/26' }),
      patch(id, colleague, { version: 1, caseNumber: 'SECOND 2/26' }),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const loser = replies.find((reply) => reply.status === 409)!;
    const winner = replies.find((reply) => reply.status === 200)!;
    expect(loser.error.code).toBe('VERSION_CONFLICT');
    const { rows } = await t.db.query('SELECT version, case_number FROM request WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ version: 2, case_number: winner.body.caseNumber });
    expect(await auditEvents(t, id, 'request.updated')).toHaveLength(1);
  });

  it('serialises many writers of one request: exactly one per version wins', async () => {
    const { id } = await createRequest(t, intake, validRequest(authorityId));
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patch(id, intake, { version: 1, offenceCategory: `cat ${i}` })),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 409)).toHaveLength(7);
  });
});
