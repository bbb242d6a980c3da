// PUT /requests/{id}/ndo: courts extend, shorten or lift gag orders long after intake. The change is allowed in
// every status, names the version it read, carries its reason only as personal data in the log, and moves the
// request in or out of the notification queue.
import fc from 'fast-check';
import {
  ErrorBody,
  NotificationQueueRoute,
  RecordUserNotifiedRoute,
  RequestDetail,
  RequestStatus,
  type RouteInput,
  SetGagOrderRoute,
  UpdateRequestRoute,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  auditEvents,
  callRaw,
  counts,
  createAuthority,
  createRequest,
  forceStatus,
  personalValue,
  requestRow,
  validRequest,
} from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let reviewer: TestStaff;
let auditor: TestStaff;
let authorityId: string;
beforeAll(async () => {
  t = await startTestApp();
  [intake, reviewer, auditor] = await Promise.all([
    createStaff(t, ['INTAKE']),
    createStaff(t, ['REVIEWER']),
    createStaff(t, ['AUDITOR']),
  ]);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

const REASON = 'LG Berlin, Beschluss 3 Qs 12/26 vom 2026-03-02: Verlängerung nach § 101 Abs. 4 StPO (Richterin Weber)';

/** A request with the given gag order, put straight into `status` (arrangement; the lifecycle has its own tests). */
async function requestIn(
  status: RequestStatus,
  gag: { hasNdo: boolean; ndoEndsAt?: string },
): Promise<{ id: string; version: number }> {
  const body = await createRequest(t, intake, validRequest(authorityId, { dueAt: undefined, ...gag }));
  return { id: body.id, version: await forceStatus(t, body.id, status) };
}

type GagOrder = NonNullable<RouteInput<typeof SetGagOrderRoute>['body']>;
const setGag = (id: string, body: GagOrder, as: TestStaff = reviewer) =>
  callAs(t, SetGagOrderRoute, { params: { id }, body }, as);
/** As written: inconsistent, incomplete or arbitrary JSON, which the contract's type would not let through. */
const setGagRaw = (id: string, body: unknown) => callRaw(t, 'PUT', `/requests/${id}/ndo`, { as: reviewer, body });

async function queued(): Promise<string[]> {
  const page = await okAs(t, NotificationQueueRoute, { query: { limit: 200 } }, auditor);
  return page.items.map((item) => item.id);
}

describe('the notification queue follows the gag order', () => {
  it('lifting an open-ended gag order on a closed request puts it in the queue', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true });
    expect(await queued()).not.toContain(r.id);
    const reply = await setGag(r.id, { version: r.version, hasNdo: false, reason: REASON });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ hasNdo: false, ndoEndsAt: null, version: r.version + 1, status: 'CLOSED' });
    expect(await queued()).toContain(r.id);
  });

  it('shortening a gag order to a date that has passed puts a delivered request in the queue', async () => {
    const r = await requestIn('DELIVERED', { hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' });
    expect(await queued()).not.toContain(r.id);
    const reply = await setGag(r.id, {
      version: r.version,
      hasNdo: true,
      ndoEndsAt: '2026-03-01T00:00:00Z',
      reason: REASON,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ hasNdo: true, ndoEndsAt: '2026-03-01T00:00:00.000Z' });
    expect(await queued()).toContain(r.id);
  });

  it('extending a gag order that had ended, or imposing a new one, takes the request out of the queue', async () => {
    const ended = await requestIn('CLOSED', { hasNdo: true, ndoEndsAt: '2026-01-20T00:00:00Z' });
    const none = await requestIn('CLOSED', { hasNdo: false });
    expect(await queued()).toEqual(expect.arrayContaining([ended.id, none.id]));

    const extended = await setGag(ended.id, {
      version: ended.version,
      hasNdo: true,
      ndoEndsAt: '2099-06-30T00:00:00+02:00',
      reason: REASON,
    });
    expect(extended.status).toBe(200);
    const imposed = await setGag(none.id, { version: none.version, hasNdo: true, ndoEndsAt: null, reason: REASON });
    expect(imposed.status).toBe(200);
    const now = await queued();
    expect(now).not.toContain(ended.id);
    expect(now).not.toContain(none.id);

    // And the queue's rule is the same one that guards recording a notification.
    const told = await callAs(t, RecordUserNotifiedRoute, { params: { id: ended.id }, body: {} }, reviewer);
    expect(told.status).toBe(409);
    expect(told.error.message).toContain('until 2099-06-29T22:00:00.000Z');
  });

  it('keeps a request whose user was already told out of the queue, whatever happens to the gag order', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true, ndoEndsAt: '2026-01-20T00:00:00Z' });
    const told = await callAs(t, RecordUserNotifiedRoute, { params: { id: r.id }, body: {} }, reviewer);
    expect(told.status).toBe(200);
    let version = told.body.version;
    for (const gag of [
      { hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' },
      { hasNdo: false },
      { hasNdo: true, ndoEndsAt: '2026-02-01T00:00:00Z' },
    ]) {
      const reply = await setGag(r.id, { version, ...gag, reason: REASON });
      expect(reply.status).toBe(200);
      expect(reply.body.userNotifiedAt).toBe(told.body.userNotifiedAt);
      version = reply.body.version;
      expect(await queued()).not.toContain(r.id);
    }
  });

  it('leaves requests that are not yet answered out of the queue even when the gag order is lifted', async () => {
    const r = await requestIn('IN_REVIEW', { hasNdo: true });
    expect((await setGag(r.id, { version: r.version, hasNdo: false, reason: REASON })).status).toBe(200);
    expect(await queued()).not.toContain(r.id);
  });
});

describe('PUT /requests/{id}/ndo', () => {
  it('is allowed in every status, although corrections (PATCH) are not', async () => {
    for (const status of RequestStatus.options) {
      const r = await requestIn(status, { hasNdo: true, ndoEndsAt: '2027-01-01T00:00:00Z' });
      const reply = await setGag(r.id, {
        version: r.version,
        hasNdo: true,
        ndoEndsAt: '2028-01-01T00:00:00Z',
        reason: REASON,
      });
      expect({ status, reply: reply.status }).toEqual({ status, reply: 200 });
      expect(reply.body.status).toBe(status);
    }
    const closed = await requestIn('CLOSED', { hasNdo: true });
    const patched = await callAs(
      t,
      UpdateRequestRoute,
      { params: { id: closed.id }, body: { version: closed.version, hasNdo: false } },
      reviewer,
    );
    expect(patched.error.code).toBe('NOT_EDITABLE');
  });

  it('is open to INTAKE and REVIEWER, who may edit requests, and to nobody else', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true });
    const approver = await createStaff(t, ['APPROVER']);
    for (const as of [approver, auditor]) {
      expect((await setGag(r.id, { version: r.version, hasNdo: false, reason: REASON }, as)).status).toBe(403);
    }
    expect((await setGag(r.id, { version: r.version, hasNdo: false, reason: REASON }, intake)).status).toBe(200);
  });

  it('records the change in the audit log: what moved in public, the reason only as personal data', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' });
    const steps: [Omit<GagOrder, 'version' | 'reason'>, string][] = [
      [{ hasNdo: true, ndoEndsAt: null }, 'EXTENDED'],
      [{ hasNdo: true, ndoEndsAt: '2026-02-01T00:00:00Z' }, 'SHORTENED'],
      [{ hasNdo: false }, 'LIFTED'],
      [{ hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' }, 'IMPOSED'],
    ];
    let version = r.version;
    for (const [gag] of steps) {
      const reply = await setGag(r.id, { version, ...gag, reason: `${REASON} #${version}` });
      expect(reply.status).toBe(200);
      version = reply.body.version;
    }
    const events = await auditEvents(t, r.id, 'request.ndo.changed');
    expect(events.map((event) => event.details.change)).toEqual(steps.map(([, change]) => change));
    expect(events[1]!.details).toMatchObject({
      version: r.version + 2,
      hasNdo: { from: true, to: true },
      ndoEndsAt: { from: null, to: '2026-02-01T00:00:00.000Z' },
      inForce: { from: true, to: false },
      userNotified: false,
    });
    expect(events[0]!.actor_id).toBe(reviewer.id);
    for (const [i, event] of events.entries()) {
      expect(personalValue(event.details, 'reason')).toBe(`${REASON} #${r.version + i}`);
      const leaf = event.leaf.toString('utf8');
      expect(leaf).not.toContain('Weber');
      expect(leaf).not.toContain('3 Qs 12/26');
    }
  });

  it('changes nothing, not even the version, when the gag order is already as sent', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true, ndoEndsAt: '2027-01-01T00:00:00Z' });
    const reply = await setGag(r.id, {
      version: r.version,
      hasNdo: true,
      ndoEndsAt: '2027-01-01T01:00:00+01:00',
      reason: REASON,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(r.version);
    expect(await auditEvents(t, r.id, 'request.ndo.changed')).toHaveLength(0);
  });

  it('answers 409 VERSION_CONFLICT for a stale version, and writes nothing', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true });
    const first = await setGag(r.id, {
      version: r.version,
      hasNdo: true,
      ndoEndsAt: '2030-01-01T00:00:00Z',
      reason: REASON,
    });
    expect(first.status).toBe(200);
    const before = { counts: await counts(t), row: await requestRow(t, r.id) };
    // A colleague who read the request before that change tries to lift the order.
    const reply = await setGag(r.id, { version: r.version, hasNdo: false, reason: REASON });
    expect(reply.status).toBe(409);
    expect(reply.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: r.version + 1 },
    });
    expect({ counts: await counts(t), row: await requestRow(t, r.id) }).toEqual(before);
  });

  it('lets one of two simultaneous changes of the same version through', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true });
    const replies = await Promise.all([
      setGag(r.id, { version: r.version, hasNdo: false, reason: REASON }),
      setGag(r.id, { version: r.version, hasNdo: true, ndoEndsAt: '2030-01-01T00:00:00Z', reason: REASON }, intake),
    ]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    expect(await auditEvents(t, r.id, 'request.ndo.changed')).toHaveLength(1);
    expect((await requestRow(t, r.id)).version).toBe(r.version + 1);
  });

  it('refuses inconsistent or incomplete input with 400 naming the field, and writes nothing', async () => {
    // validRequest's order was issued on 2026-01-10.
    const r = await requestIn('CLOSED', { hasNdo: true });
    const cases: [Record<string, unknown>, string][] = [
      [{ hasNdo: false, ndoEndsAt: '2027-01-01T00:00:00Z', reason: REASON }, 'ndoEndsAt: only a request with a gag'],
      [{ hasNdo: true, reason: REASON }, 'ndoEndsAt: say when the gag order ends'],
      [{ hasNdo: true, ndoEndsAt: '2026-01-09T00:00:00Z', reason: REASON }, 'ndoEndsAt: must not be before issuedAt'],
      [{ hasNdo: true, ndoEndsAt: '2026-02-30T00:00:00Z', reason: REASON }, 'ndoEndsAt'],
      [{ hasNdo: false }, 'reason'],
      [{ hasNdo: false, reason: '   ' }, 'reason: must not be empty'],
      [{ hasNdo: false, reason: 'x'.repeat(2001) }, 'reason: must be at most 2000 characters'],
      [{ hasNdo: 'no', reason: REASON }, 'hasNdo'],
      [{ hasNdo: false, reason: REASON, userNotifiedAt: '2026-02-01T00:00:00Z' }, 'userNotifiedAt'],
    ];
    const before = { counts: await counts(t), row: await requestRow(t, r.id) };
    for (const [body, mentions] of cases) {
      const reply = await setGagRaw(r.id, { version: r.version, ...body });
      expect({ mentions, status: reply.status }).toEqual({ mentions, status: 400 });
      const { error } = ErrorBody.parse(reply.body);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain(mentions);
    }
    expect({ counts: await counts(t), row: await requestRow(t, r.id) }).toEqual(before);

    const unknown = await setGag('00000000-0000-4000-8000-000000000000', { version: 1, hasNdo: false, reason: REASON });
    expect(unknown.status).toBe(404);
  });

  it('never answers 5xx and never writes part of a change, whatever JSON it is sent', async () => {
    const r = await requestIn('CLOSED', { hasNdo: true });
    const runs = Math.min(Number(process.env.FC_NUM_RUNS ?? 100), 100);
    const field = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
      fc.constantFrom(null, '', '\u0000', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2026-02-30T00:00:00Z'),
    );
    const body = fc.record(
      { version: fc.oneof(field, fc.constant('current')), hasNdo: field, ndoEndsAt: field, reason: field },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const before = { counts: await counts(t), row: await requestRow(t, r.id) };
        const payload = sent.version === 'current' ? { ...sent, version: before.row.version } : sent;
        const reply = await setGagRaw(r.id, payload);
        expect(reply.status).toBeLessThan(500);
        const after = { counts: await counts(t), row: await requestRow(t, r.id) };
        if (reply.status >= 400) {
          expect(ErrorBody.safeParse(reply.body).success).toBe(true);
          expect(after).toEqual(before);
        } else {
          // A change is one audit event and one new version; a no-op is one audited read.
          expect(after.counts.audit).toBe(before.counts.audit + 1);
          expect(after.row.version).toBe(RequestDetail.parse(reply.body).version);
        }
      }),
      { numRuns: runs },
    );
  }, 120_000);
});
