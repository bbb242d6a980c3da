// GET /requests/{id}/history: every audit event about a request, its documents and its decisions, for everyone who
// may open the request, newest first, in cursor pages, with the log's public details only.
import { GetRequestRoute, READ_ACTIONS, RequestHistoryRoute, type RequestHistoryEvent } from '@writ/contracts';
import { type Cast, castWithCourt, decidedRequest } from '../support/cast';
import { callAs, okAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createRequest, validRequest } from './requests.fixtures';

let t: TestApp;
let cast: Cast;
let requestId: string;
let otherId: string;

const ORDER = {
  statementOfReasons: 'Suspected fraud through the platform.',
  targets: [
    {
      selectorType: 'USERNAME',
      value: '@history_suspect',
      role: 'SUSPECT',
      windowStart: '2025-12-01T00:00:00Z',
      windowEnd: '2026-01-01T00:00:00Z',
    },
  ],
  categories: [{ category: 'IP_ADDRESS' }, { category: 'MESSAGE_CONTENT' }],
};

beforeAll(async () => {
  t = await startTestApp();
  cast = await castWithCourt(t);
  // Carried through intake, upload, two-person verification and recorded decisions: events about the request, its
  // document and each decision.
  requestId = await decidedRequest(t, cast, ORDER);
  // Another request on the same court, whose events must never show in the first one's history.
  otherId = (await createRequest(t, cast.intake, validRequest(cast.court.id))).id;
  await okAs(t, GetRequestRoute, { params: { id: otherId } }, cast.reviewer);
}, 60_000);
afterAll(async () => {
  await t.close();
  cast.pki.close();
});

const history = (
  query: { cursor?: string; limit?: number; withoutReads?: 'true' | 'false' } = {},
  as = cast.reviewer,
) => callAs(t, RequestHistoryRoute, { params: { id: requestId }, query }, as);

/** The oracle, written independently of the route: events whose subject is the request or which name it. */
async function eventsAbout(id: string): Promise<{ id: string; action: string }[]> {
  const { rows } = await t.db.query<{ id: string; action: string }>(
    `SELECT id::text, action FROM audit_event
      WHERE (subject_type = 'request' AND subject_id = $1) OR details->>'requestId' = $1
      ORDER BY id DESC`,
    [id],
  );
  return rows;
}

async function walk(query: { limit: number; withoutReads?: 'true' }): Promise<RequestHistoryEvent[]> {
  const seen: RequestHistoryEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await history({ ...query, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(query.limit);
    seen.push(...page.body.items);
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('a request’s history', () => {
  it('lists every event about the request, its document and its decisions, newest first, and nothing else', async () => {
    const expected = await eventsAbout(requestId);
    const page = await history({ limit: 200 });
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items.map((event) => [event.id, event.action])).toEqual(
      expected.map((event) => [event.id, event.action]),
    );
    const actions = new Set(page.body.items.map((event) => event.action));
    for (const action of [
      'request.created',
      'document.uploaded',
      'request.transitioned',
      'verification.recorded',
      'verification.confirmed',
      'decision.recorded',
      'decisions.recorded',
    ])
      expect(actions).toContain(action);
    // The document's and each decision's events are found by their own subjects.
    expect(page.body.items.filter((event) => event.subjectType === 'document').length).toBeGreaterThan(0);
    expect(page.body.items.filter((event) => event.subjectType === 'decision')).toHaveLength(2);
    // Who acted, in words: the intake clerk logged it, the approver confirmed the evidence.
    expect(page.body.items.find((event) => event.action === 'request.created')?.actorLabel).toBe(cast.intake.email);
    expect(page.body.items.find((event) => event.action === 'verification.confirmed')?.actorLabel).toBe(
      cast.approver.email,
    );
    // The other request's intake and read are not here.
    const others = new Set((await eventsAbout(otherId)).map((event) => event.id));
    expect(page.body.items.some((event) => others.has(event.id))).toBe(false);
  });

  it('shows the public details and log positions, never a personal identifier', async () => {
    const page = await history({ limit: 200 });
    const text = JSON.stringify(page.body);
    // The selector, the statement of reasons and the file name are personal: commitments in the log, absent here.
    expect(text).not.toContain('history_suspect');
    expect(text).not.toContain('order.pdf');
    expect(text).not.toContain('"personal"');
    const created = page.body.items.find((event) => event.action === 'request.created')!;
    expect(created.details).toMatchObject({
      legalProcess: 'COURT_ORDER',
      categories: ['IP_ADDRESS', 'MESSAGE_CONTENT'],
    });
    const denied = page.body.items.find(
      (event) => event.action === 'decision.recorded' && event.details.category === 'MESSAGE_CONTENT',
    );
    expect(denied?.details.outcome).toBe('DENY');
    // Each sequenced event sits where the log says.
    const { rows } = await t.db.query<{ event_id: string; index: string }>(
      'SELECT event_id::text, index::text FROM log_entry WHERE event_id = ANY($1::bigint[])',
      [page.body.items.map((event) => event.id)],
    );
    const positions = new Map(rows.map((row) => [row.event_id, Number(row.index)]));
    for (const event of page.body.items) expect(event.logIndex).toBe(positions.get(event.id) ?? null);
  });

  it('pages with a cursor without losing or repeating an event, and can leave the reads out', async () => {
    const all = (await eventsAbout(requestId)).map((event) => event.id);
    expect((await walk({ limit: 3 })).map((event) => event.id)).toEqual(all);
    const changes = await walk({ limit: 4, withoutReads: 'true' });
    const reads: readonly string[] = READ_ACTIONS;
    expect(changes.some((event) => reads.includes(event.action))).toBe(false);
    const expected = (await eventsAbout(requestId)).filter((event) => !reads.includes(event.action));
    expect(changes.map((event) => event.id)).toEqual(expected.map((event) => event.id));
    // There were reads to leave out (each GET of the request, its evidence and its decisions is one).
    expect(all.length).toBeGreaterThan(expected.length);
  });

  it('is open to every role that may open the request, and reading it adds nothing to the log', async () => {
    const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
    for (const who of [cast.intake, cast.reviewer, cast.approver, cast.auditor])
      expect((await history({ limit: 1 }, who)).status).toBe(200);
    expect((await history({ limit: 1 }, cast.admin)).status).toBe(403);
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('answers an unknown request with NOT_FOUND and a forged cursor with VALIDATION_FAILED', async () => {
    const missing = await callAs(
      t,
      RequestHistoryRoute,
      { params: { id: '00000000-0000-4000-8000-000000000000' }, query: {} },
      cast.reviewer,
    );
    expect(missing.status).toBe(404);
    expect(missing.error.code).toBe('NOT_FOUND');
    for (const cursor of [
      'nope',
      Buffer.from('["0"]').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const forged = await history({ cursor });
      expect(forged.status).toBe(400);
      expect(forged.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
