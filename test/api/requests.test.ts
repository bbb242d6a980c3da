// Requests: intake, reading, corrections, targets and the audit trail they leave. Lifecycle, listing, bad input
// and concurrency have suites of their own (requests-*.test.ts).
import {
  AcknowledgeRequestRoute,
  AddTargetsRoute,
  ErrorBody,
  GetRequestRoute,
  ListRequestsRoute,
  RemoveTargetRoute,
  RequestDetail,
  UpdateRequestRoute,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs } from '../support/client';
import { searchText, searchWords } from '../../apps/api/src/requests/search';
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
  sortedDetail,
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
  authorityId = await createAuthority(t, { country: 'FR', name: 'Tribunal judiciaire de Paris' });
});
afterAll(async () => {
  await t.close();
});

describe('POST /requests', () => {
  it('logs a request: reference, country from the authority, normalised targets, RECEIVED and PENDING', async () => {
    const reply = await callRaw(t, 'POST', '/requests', { as: intake, body: validRequest(authorityId) });
    expect(reply.status).toBe(201);
    const body = RequestDetail.parse(reply.body);
    expect(body.reference).toMatch(/^WR-\d{4}-\d{6,}$/);
    expect(body.reference.slice(3, 7)).toBe(String(new Date().getUTCFullYear()));
    expect(body).toMatchObject({
      country: 'FR',
      authorityName: 'Tribunal judiciaire de Paris',
      status: 'RECEIVED',
      outcome: 'PENDING',
      version: 1,
      receivedAt: '2026-01-12T09:30:00.000Z',
      createdById: intake.id,
      transitions: [],
    });
    expect(body.targets.map((target) => [target.selectorType, target.value]).sort()).toEqual([
      ['ACCOUNT_ID', 'acct_000042'],
      ['PHONE_NUMBER', '+49301234567'],
      ['USERNAME', 'alice_1'],
    ]);
    expect(body.targets.find((target) => target.selectorType === 'ACCOUNT_ID')?.namedInOrder).toBe(false);
    expect(body.categories).toEqual([
      { category: 'IP_ADDRESS', asWritten: 'IP logs' },
      { category: 'PHONE_NUMBER', asWritten: null },
    ]);
    expect(body.nextTransitions.map((next) => next.to)).toEqual(['IN_REVIEW', 'WITHDRAWN']);

    // What was stored is what was answered.
    const read = await callAs(t, GetRequestRoute, { params: { id: body.id } }, intake);
    expect({ ...read.body, nextTransitions: undefined }).toEqual({ ...body, nextTransitions: undefined });
  });

  it('records the intake in the audit log with selector values only as personal data', async () => {
    const body = await createRequest(t, intake, validRequest(authorityId));
    const [event] = await auditEvents(t, body.id, 'request.created');
    expect(event).toBeDefined();
    expect(event!.actor_id).toBe(intake.id);
    expect(event!.details).toMatchObject({
      reference: body.reference,
      country: 'FR',
      categories: ['IP_ADDRESS', 'PHONE_NUMBER'],
    });
    const { personal: _personal, ...published } = event!.details;
    for (const target of body.targets) {
      expect(personalValue(event!.details, `target:${target.id}`)).toBe(target.value);
      // Neither the event's public details nor the log leaf carry the value itself.
      expect(JSON.stringify(published)).not.toContain(target.value);
      expect(event!.leaf.toString('utf8')).not.toContain(target.value);
    }
    expect(event!.leaf.toString('utf8')).not.toContain('1234/21');
  });

  it('defaults receivedAt to now and hands out distinct references under concurrency', async () => {
    const before = Date.now();
    const bodies = await Promise.all(
      Array.from({ length: 20 }, () =>
        createRequest(t, intake, validRequest(authorityId, { receivedAt: undefined, dueAt: undefined })),
      ),
    );
    const references = bodies.map((body) => body.reference);
    expect(new Set(references).size).toBe(20);
    for (const body of bodies) expect(Date.parse(body.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('answers 404 NOT_FOUND naming the field for an authority that is not registered, and writes nothing', async () => {
    const before = await counts(t);
    const reply = await callRaw(t, 'POST', '/requests', {
      as: intake,
      body: validRequest('00000000-0000-4000-8000-000000000000'),
    });
    expect(reply.status).toBe(404);
    const { error } = ErrorBody.parse(reply.body);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^authorityId: .*not in the registry/);
    expect(await counts(t)).toEqual(before);
  });

  it('refuses contradictory dates with the field named, and writes nothing', async () => {
    const before = await counts(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ issuedAt: '2026-02-01T00:00:00Z', receivedAt: '2026-01-01T00:00:00Z' }, 'issuedAt'],
      [{ dueAt: '2025-01-01T00:00:00Z' }, 'dueAt'],
      [{ receivedAt: '2999-01-01T00:00:00Z', dueAt: undefined }, 'receivedAt'],
      [{ hasNdo: false, ndoEndsAt: '2027-01-01T00:00:00Z' }, 'ndoEndsAt'],
      [{ hasNdo: true, ndoEndsAt: '2026-01-01T00:00:00Z' }, 'ndoEndsAt'],
      [{ issuedAt: '2026-01-10T09:00:00Z', expiresAt: '2026-01-01T00:00:00Z' }, 'expiresAt'],
    ];
    for (const [overrides, field] of cases) {
      const reply = await callRaw(t, 'POST', '/requests', { as: intake, body: validRequest(authorityId, overrides) });
      expect({ field, status: reply.status }).toEqual({ field, status: 400 });
      expect(ErrorBody.parse(reply.body).error.message).toContain(`${field}: `);
    }
    expect(await counts(t)).toEqual(before);
  });
  it('answers a clash with a reference entered by hand as 409, not 500, and writes nothing', async () => {
    const { rows } = await t.db.query<{ n: string }>(`SELECT nextval('request_reference_seq') + 1 AS n`);
    const reference = `WR-${new Date().getUTCFullYear()}-${rows[0]!.n.padStart(6, '0')}`;
    await t.db.query(
      `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, search_text, created_by_id, updated_at)
       VALUES (gen_random_uuid(), $1, 'RECORDS', 'LETTER', $2, 'FR', now(), $1, $3, now())`,
      [reference, authorityId, intake.id],
    );
    const before = await counts(t);
    const reply = await callRaw(t, 'POST', '/requests', { as: intake, body: validRequest(authorityId) });
    expect(reply.status).toBe(409);
    expect(ErrorBody.parse(reply.body).error.code).toBe('ALREADY_EXISTS');
    expect(await counts(t)).toEqual(before);
    expect((await callRaw(t, 'POST', '/requests', { as: intake, body: validRequest(authorityId) })).status).toBe(201);
  });
});

describe('references and search words', () => {
  it('stores the search words and text the API computes, with references past six digits too', async () => {
    const short = await createRequest(
      t,
      intake,
      validRequest(authorityId, {
        caseNumber: 'Az. 0042/26 Ünïcode',
        statementOfReasons: 'Straße 12, ﬁle 007',
        offenceCategory: 'Fraud',
      }),
    );
    await t.db.query(`SELECT setval('request_reference_seq', 1234566)`);
    const long = await createRequest(t, intake, validRequest(authorityId, { caseNumber: undefined }));
    expect(long.reference).toBe(`WR-${new Date().getUTCFullYear()}-1234567`);
    for (const created of [short, long]) {
      const { rows } = await t.db.query<{ words: string[]; search_text: string }>(
        'SELECT tsvector_to_array(search_vector) AS words, search_text FROM request WHERE id = $1',
        [created.id],
      );
      expect(new Set(rows[0]!.words)).toEqual(new Set(searchWords(created.reference, created)));
      expect(rows[0]!.search_text).toBe(searchText(created.reference, created.caseNumber));
    }
  });
});

describe('GET /requests/{id}', () => {
  it('answers every reading role, and records each read of the targets', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    for (const reader of [intake, reviewer, auditor]) {
      const reply = await callAs(t, GetRequestRoute, { params: { id: created.id } }, reader);
      expect(reply.status).toBe(200);
      expect(reply.body.targets).toHaveLength(3);
    }
    const reads = await auditEvents(t, created.id, 'request.read');
    expect(reads.map((event) => event.actor_id)).toEqual([intake.id, reviewer.id, auditor.id]);
    expect(sortedDetail(reads[0]!.details, 'targetIds')).toEqual(created.targets.map((target) => target.id).sort());
    expect(JSON.stringify(reads)).not.toContain('+49301234567');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await callRaw(t, 'GET', '/requests/00000000-0000-4000-8000-000000000000', { as: intake })).status).toBe(
      404,
    );
    const malformed = await callRaw(t, 'GET', '/requests/not-a-uuid', { as: intake });
    expect(malformed.status).toBe(400);
    expect(ErrorBody.parse(malformed.body).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('PATCH /requests/{id}', () => {
  it('corrects fields, bumps the version and records which fields changed (text values only as personal data)', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const other = await createAuthority(t, { country: 'NL' });
    const reply = await callAs(
      t,
      UpdateRequestRoute,
      {
        params: { id: created.id },
        body: {
          version: 1,
          caseNumber: '7 StR 99/26',
          legalBasis: null,
          dueAt: '2026-03-01T00:00:00Z',
          authorityId: other,
          categories: [{ category: 'MESSAGE_CONTENT', asWritten: 'all chats' }],
        },
      },
      reviewer,
    );
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(body).toMatchObject({
      version: 2,
      caseNumber: '7 StR 99/26',
      legalBasis: null,
      country: 'NL',
      authorityId: other,
    });
    expect(body.categories).toEqual([{ category: 'MESSAGE_CONTENT', asWritten: 'all chats' }]);
    const [event] = await auditEvents(t, created.id, 'request.updated');
    expect(sortedDetail(event!.details, 'changed')).toEqual([
      'authorityId',
      'caseNumber',
      'categories',
      'country',
      'dueAt',
      'legalBasis',
    ]);
    expect(personalValue(event!.details, 'caseNumber')).toBe('7 StR 99/26');
    expect(event!.leaf.toString('utf8')).not.toContain('99/26');

    // The search follows the new case number.
    const found = await callAs(t, ListRequestsRoute, { query: { q: 'StR 99' } }, reviewer);
    expect(found.body.items.map((item) => item.id)).toEqual([created.id]);
  });

  it('answers 409 VERSION_CONFLICT for a stale version and writes nothing', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    expect(
      (
        await callAs(
          t,
          UpdateRequestRoute,
          { params: { id: created.id }, body: { version: 1, caseNumber: 'A 1/26' } },
          intake,
        )
      ).status,
    ).toBe(200);
    const before = await counts(t);
    const row = await requestRow(t, created.id);
    const stale = await callAs(
      t,
      UpdateRequestRoute,
      { params: { id: created.id }, body: { version: 1, caseNumber: 'B 2/26' } },
      intake,
    );
    expect(stale.status).toBe(409);
    const { error } = stale;
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.message).toContain('version 2');
    expect(await counts(t)).toEqual(before);
    expect(await requestRow(t, created.id)).toEqual(row);
  });

  it('answers 409 NOT_EDITABLE once the request is past review, and writes nothing', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    for (const status of ['VERIFIED', 'DECIDED', 'CLOSED', 'WITHDRAWN'] as const) {
      const version = await forceStatus(t, created.id, status);
      const before = await counts(t);
      const reply = await callAs(
        t,
        UpdateRequestRoute,
        { params: { id: created.id }, body: { version, caseNumber: 'C 3/26' } },
        intake,
      );
      expect({ status, code: reply.error.code }).toEqual({ status, code: 'NOT_EDITABLE' });
      expect(reply.status).toBe(409);
      expect(await counts(t)).toEqual(before);
    }
  });

  it('checks the merged request: a date that contradicts a stored one is refused', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const reply = await callAs(
      t,
      UpdateRequestRoute,
      { params: { id: created.id }, body: { version: 1, issuedAt: '2026-06-01T00:00:00Z' } },
      intake,
    );
    expect(reply.status).toBe(400);
    expect(reply.error.message).toContain('issuedAt: must not be after receivedAt');
    expect((await requestRow(t, created.id)).version).toBe(1);
  });

  it('changes nothing, not even the version, when every value is already stored', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const reply = await callAs(
      t,
      UpdateRequestRoute,
      {
        params: { id: created.id },
        body: { version: 1, caseNumber: created.caseNumber, dueAt: '2026-02-12T11:30:00+01:00' },
      },
      intake,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(1);
    expect(await auditEvents(t, created.id, 'request.updated')).toHaveLength(0);
  });
});

describe('targets', () => {
  it('adds targets while editable, refuses ones already named, and removes them down to one', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const added = await callAs(
      t,
      AddTargetsRoute,
      {
        params: { id: created.id },
        body: { version: 1, targets: [{ selectorType: 'USERNAME', value: 'bob', role: 'VICTIM' }] },
      },
      intake,
    );
    expect(added.status).toBe(201);
    expect(added.body.version).toBe(2);
    expect(added.body.targets).toHaveLength(4);
    const [event] = await auditEvents(t, created.id, 'request.targets.added');
    const bob = added.body.targets.find((target) => target.value === 'bob')!;
    expect(personalValue(event!.details, `target:${bob.id}`)).toBe('bob');
    // Added after intake without saying so: not attested as named in the order (issue 4 follow-up).
    expect(bob.namedInOrder).toBe(false);
    expect(event!.details.targets).toEqual([expect.objectContaining({ id: bob.id, namedInOrder: false })]);

    const again = await callAs(
      t,
      AddTargetsRoute,
      {
        params: { id: created.id },
        body: { version: 2, targets: [{ selectorType: 'USERNAME', value: '@bob', role: 'VICTIM' }] },
      },
      intake,
    );
    expect(again.status).toBe(409);
    expect(again.error.code).toBe('ALREADY_EXISTS');

    let version = 2;
    const ids: string[] = added.body.targets.map((target) => target.id);
    for (const id of ids.slice(1)) {
      const removed = await callAs(
        t,
        RemoveTargetRoute,
        { params: { id: created.id, targetId: id }, query: { version: version } },
        reviewer,
      );
      expect(removed.status).toBe(200);
      version = removed.body.version;
    }
    const last = await callAs(
      t,
      RemoveTargetRoute,
      { params: { id: created.id, targetId: ids[0]! }, query: { version } },
      reviewer,
    );
    expect(last.status).toBe(409);
    expect(last.error.message).toContain('at least one target');
    expect(await auditEvents(t, created.id, 'request.target.removed')).toHaveLength(3);
  });

  it('counts an added target as named in the order only when the body asserts it', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const added = await callAs(
      t,
      AddTargetsRoute,
      {
        params: { id: created.id },
        body: {
          version: 1,
          targets: [
            { selectorType: 'USERNAME', value: 'carol', role: 'SUSPECT', namedInOrder: true },
            { selectorType: 'USERNAME', value: 'dave', role: 'SUSPECT' },
          ],
        },
      },
      reviewer,
    );
    expect(added.status).toBe(201);
    const named = Object.fromEntries(added.body.targets.map((target) => [target.value, target.namedInOrder]));
    expect(named).toMatchObject({ carol: true, dave: false });
    const { rows } = await t.db.query<{ value: string; named_in_order: boolean }>(
      `SELECT value, named_in_order FROM target WHERE request_id = $1 AND value IN ('carol', 'dave') ORDER BY value`,
      [created.id],
    );
    expect(rows).toEqual([
      { value: 'carol', named_in_order: true },
      { value: 'dave', named_in_order: false },
    ]);
  });

  it('refuses target changes with a stale version, past review, or beyond 100 targets', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const target = { selectorType: 'ACCOUNT_ID', value: 'x1', role: 'SUSPECT' } as const;
    expect(
      (
        await callAs(
          t,
          AddTargetsRoute,
          { params: { id: created.id }, body: { version: 9, targets: [target] } },
          intake,
        )
      ).error.code,
    ).toBe('VERSION_CONFLICT');
    const many = Array.from({ length: 98 }, (_, i) => ({
      selectorType: 'ACCOUNT_ID' as const,
      value: `acct_${i}`,
      role: 'SUSPECT' as const,
    }));
    const tooMany = await callAs(
      t,
      AddTargetsRoute,
      { params: { id: created.id }, body: { version: 1, targets: many } },
      intake,
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.error.message).toContain('at most 100 targets');
    const version = await forceStatus(t, created.id, 'DECIDED');
    const late = await callAs(
      t,
      RemoveTargetRoute,
      { params: { id: created.id, targetId: created.targets[0]!.id }, query: { version: version } },
      intake,
    );
    expect(late.error.code).toBe('NOT_EDITABLE');
    expect((await counts(t)).target).toBeGreaterThan(0);
  });
});

describe('acknowledgement', () => {
  it('records the acknowledgement once, and refuses a time before receipt or in the future', async () => {
    const created = await createRequest(t, intake, validRequest(authorityId));
    const early = await callAs(
      t,
      AcknowledgeRequestRoute,
      { params: { id: created.id }, body: { acknowledgedAt: '2026-01-01T00:00:00Z' } },
      intake,
    );
    expect(early.status).toBe(400);
    expect(early.error.message).toContain('acknowledgedAt: must not be before receivedAt');
    const future = await callAs(
      t,
      AcknowledgeRequestRoute,
      { params: { id: created.id }, body: { acknowledgedAt: '2999-01-01T00:00:00Z' } },
      intake,
    );
    expect(future.status).toBe(400);

    const first = await callAs(
      t,
      AcknowledgeRequestRoute,
      { params: { id: created.id }, body: { acknowledgedAt: '2026-01-12T12:00:00Z' } },
      intake,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ acknowledgedAt: '2026-01-12T12:00:00.000Z', version: 2 });
    const second = await callAs(t, AcknowledgeRequestRoute, { params: { id: created.id }, body: {} }, reviewer);
    expect(second.body).toMatchObject({ acknowledgedAt: '2026-01-12T12:00:00.000Z', version: 2 });
    expect(await auditEvents(t, created.id, 'request.acknowledged')).toHaveLength(1);
  });
});
