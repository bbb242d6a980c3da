// GET /requests (filters, search, cursor pagination), deadlines, and gag orders: the notification queue and
// POST /requests/{id}/user-notified.
import {
  ANSWERED_STATUSES,
  ErrorBody,
  GetRequestRoute,
  isAnswered,
  ListRequestsRoute,
  RecordUserNotifiedRoute,
  RequestListPage,
  RequestPage,
  RequestStatus,
  type RequestSummary,
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
  validRequest,
} from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let reviewer: TestStaff;
let auditor: TestStaff;
let german: string;
let french: string;

/** reference → id of the requests made in beforeAll, by label. */
const made: Record<string, { id: string; reference: string }> = {};

beforeAll(async () => {
  t = await startTestApp();
  [intake, reviewer, auditor] = await Promise.all([
    createStaff(t, ['INTAKE']),
    createStaff(t, ['REVIEWER']),
    createStaff(t, ['AUDITOR']),
  ]);
  german = await createAuthority(t, { country: 'DE' });
  french = await createAuthority(t, { country: 'FR' });
  const specs: [string, string, Record<string, unknown>][] = [
    ['jan', german, { receivedAt: '2026-01-05T10:00:00Z', dueAt: '2026-01-20T00:00:00Z', caseNumber: '2 BvR 1234/21' }],
    [
      'feb',
      german,
      {
        receivedAt: '2026-02-10T10:00:00Z',
        dueAt: '2099-01-01T00:00:00Z',
        caseNumber: '7 StR 99/26',
        type: 'EMERGENCY',
        statementOfReasons: 'Verdacht des Drogenhandels über den Messenger; Beschuldigter: Müller.',
      },
    ],
    [
      'mar',
      french,
      {
        receivedAt: '2026-03-01T00:00:00Z',
        dueAt: '2026-03-05T00:00:00Z',
        caseNumber: 'PARQUET 26/1234',
        legalBasis: 'Article 60-1 du code de procédure pénale',
        offenceCategory: 'Trafic de stupéfiants',
      },
    ],
    [
      'marEnd',
      french,
      { receivedAt: '2026-03-31T23:59:59Z', dueAt: undefined, caseNumber: undefined, type: 'PRESERVATION' },
    ],
    ['apr', german, { receivedAt: '2026-04-02T08:00:00Z', dueAt: '2026-04-03T00:00:00Z', caseNumber: 'Js 4711/26' }],
  ];
  for (const [label, authorityId, overrides] of specs) {
    const body = await createRequest(t, intake, validRequest(authorityId, { issuedAt: undefined, ...overrides }));
    made[label] = { id: body.id, reference: body.reference };
  }
  // apr is answered: past its due date, but not overdue.
  await forceStatus(t, made.apr!.id, 'DELIVERED');
});
afterAll(async () => {
  await t.close();
});

async function list(query: string, as: TestStaff = reviewer): Promise<RequestSummary[]> {
  const reply = await callRaw(t, 'GET', `/requests?${query}`, { as });
  expect({ query, status: reply.status }).toEqual({ query, status: 200 });
  return RequestPage.parse(reply.body).items;
}
const labels = (items: RequestSummary[]) =>
  items.map((item) => Object.entries(made).find(([, value]) => value.id === item.id)?.[0] ?? item.id);

describe('GET /requests filters', () => {
  it('lists newest received first, with summaries that carry no target values', async () => {
    const items = await list('');
    expect(labels(items)).toEqual(['apr', 'marEnd', 'mar', 'feb', 'jan']);
    expect(items[0]).toMatchObject({ targetCount: 3, country: 'DE', status: 'DELIVERED' });
    expect(JSON.stringify(items)).not.toContain('+49301234567');
  });

  it('summarises each request as opening it shows it: every instant, overdue and the version alike', async () => {
    for (const item of await list('')) {
      const detail = await okAs(t, GetRequestRoute, { params: { id: item.id } }, reviewer);
      const fields: Record<string, unknown> = { ...detail };
      const { targetCount, authorityName, ...shared } = item;
      expect(shared).toEqual(Object.fromEntries(Object.keys(shared).map((key) => [key, fields[key]])));
      expect(targetCount).toBe(detail.targets.length);
      expect(authorityName).toBe(detail.authorityName);
    }
    // jan and mar are past due and open; apr is past due but answered.
    expect((await list('')).filter((item) => item.overdue).length).toBe(2);
  });

  it.each([
    ['status=RECEIVED', ['marEnd', 'mar', 'feb', 'jan']],
    ['status=DELIVERED,RECEIVED', ['apr', 'marEnd', 'mar', 'feb', 'jan']],
    ['status=DELIVERED&status=CLOSED', ['apr']],
    ['type=EMERGENCY', ['feb']],
    ['type=PRESERVATION,EMERGENCY', ['marEnd', 'feb']],
    ['country=FR', ['marEnd', 'mar']],
    ['country=fr', ['marEnd', 'mar']],
    ['receivedFrom=2026-02-10T10:00:00Z&receivedTo=2026-03-31', ['marEnd', 'mar', 'feb']],
    ['receivedFrom=2026-03-01&receivedTo=2026-03-31T23:59:59Z', ['mar']],
    ['receivedTo=2026-02-10T10:00:00.001Z', ['feb', 'jan']],
    ['overdue=true', ['mar', 'jan']],
    ['overdue=false', ['apr', 'marEnd', 'feb']],
    ['overdue=true&country=DE', ['jan']],
  ])('%s', async (query, expected) => {
    expect(labels(await list(query))).toEqual(expected);
  });

  it('filters by authority', async () => {
    expect(labels(await list(`authorityId=${french}`))).toEqual(['marEnd', 'mar']);
  });

  it.each([
    ['the full reference, any case', (r: string) => r.toLowerCase(), ['feb']],
    ['the reference without its zeros', (r: string) => `wr-${r.slice(3, 7)}-${Number(r.slice(8))}`, ['feb']],
    ['the reference number alone, zeros and all', (r: string) => r.slice(8), ['feb']],
    ['a case number word prefix', () => 'bvr', ['jan']],
    ['several words, each a prefix', () => 'StR 99', ['feb']],
    ['words in any order', () => '1234 BVR', ['jan']],
    ['a word shared by two case numbers', () => '1234', ['mar', 'jan']],
    ['a word nobody has', () => 'zzz', []],
    ['a prefix that is not at a word start', () => 'vr', []],
    ['words of the statement of reasons, any case', () => 'drogenhandel MÜLLER', ['feb']],
    ['the offence as written, accents and all', () => 'stupéfiants', ['mar']],
    ['words of the legal basis with the case number', () => 'procédure 26/1234', ['mar']],
    ['a legal basis word every request shares', () => 'stpo', ['apr', 'marEnd', 'feb', 'jan']],
    ['words from two requests, which no single one holds', () => 'drogenhandel stupéfiants', []],
  ])('q finds %s', async (_name, q, expected) => {
    const query = q(made.feb!.reference);
    expect(labels(await list(`q=${encodeURIComponent(query)}`))).toEqual(expected);
  });

  it.each([
    ['country=XX', 'UNKNOWN_COUNTRY', 'country: "XX" is not an assigned ISO 3166-1 alpha-2 code'],
    ['country=DEU', 'UNKNOWN_COUNTRY', 'not an assigned'],
    ['status=OPEN', 'VALIDATION_FAILED', 'status'],
    ['receivedFrom=2026-02-30', 'VALIDATION_FAILED', 'receivedFrom'],
    [
      'receivedFrom=2026-03-01&receivedTo=2026-02-01',
      'VALIDATION_FAILED',
      'receivedTo: must not be before the start of the date range',
    ],
    ['overdue=yes', 'VALIDATION_FAILED', 'overdue'],
    ['q=%20-%2F%20', 'VALIDATION_FAILED', 'q: search for at least one letter or digit'],
    ['limit=201', 'VALIDATION_FAILED', 'limit'],
    ['limit=0', 'VALIDATION_FAILED', 'limit'],
    ['cursor=bm9wZQ', 'VALIDATION_FAILED', 'cursor: not a cursor this API issued'],
    [
      `cursor=${Buffer.from(JSON.stringify(['-200000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`,
      'VALIDATION_FAILED',
      'cursor: not a cursor this API issued',
    ],
    [
      `cursor=${Buffer.from(JSON.stringify(['-200000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}&q=bvr`,
      'VALIDATION_FAILED',
      'cursor: not a cursor this API issued',
    ],
    ['sort=reference', 'VALIDATION_FAILED', 'sort'],
  ])('%s → 400 %s', async (query, code, message) => {
    const reply = await callRaw(t, 'GET', `/requests?${query}`, { as: reviewer });
    expect(reply.status).toBe(400);
    const { error } = ErrorBody.parse(reply.body);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
  });
});

describe('cursor pagination', () => {
  it('walks every request exactly once in a stable order, even when requests arrive between pages', async () => {
    const all = (await list('limit=200')).map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply = await callRaw(t, 'GET', `/requests?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: auditor });
      const page = RequestPage.parse(reply.body);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
      // A newer request arriving mid-walk belongs before the first page, not in a later one.
      if (pages === 1)
        await createRequest(t, intake, validRequest(german, { receivedAt: undefined, dueAt: undefined }));
    } while (cursor);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });
});

describe('gag orders and user notification', () => {
  async function closedRequest(overrides: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const body = await createRequest(t, intake, validRequest(german, { dueAt: undefined, ...overrides }));
    const version = await forceStatus(t, body.id, 'CLOSED');
    return { id: body.id, version };
  }
  const queue = async () =>
    RequestPage.parse(
      (await callRaw(t, 'GET', '/requests/notification-queue?limit=200', { as: auditor })).body,
    ).items.map((item) => item.id);

  it('queues closed or delivered requests once no gag order is in force, until the user is recorded as told', async () => {
    const noGag = await closedRequest({ hasNdo: false });
    const gagEnded = await closedRequest({ hasNdo: true, ndoEndsAt: '2026-01-20T00:00:00Z' });
    const gagRunning = await closedRequest({ hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' });
    const gagForever = await closedRequest({ hasNdo: true });
    const open = await createRequest(t, intake, validRequest(german, { dueAt: undefined }));

    const queued = await queue();
    expect(queued).toEqual(expect.arrayContaining([noGag.id, gagEnded.id, made.apr!.id]));
    for (const id of [gagRunning.id, gagForever.id, open.id, made.jan!.id]) expect(queued).not.toContain(id);

    const told = await callAs(t, RecordUserNotifiedRoute, { params: { id: gagEnded.id }, body: {} }, reviewer);
    expect(told.status).toBe(200);
    expect(told.body.userNotifiedAt).not.toBeNull();
    expect(await queue()).not.toContain(gagEnded.id);
    expect(await auditEvents(t, gagEnded.id, 'request.user_notified')).toHaveLength(1);

    const twice = await callAs(t, RecordUserNotifiedRoute, { params: { id: gagEnded.id }, body: {} }, reviewer);
    expect(twice.status).toBe(409);
    expect(twice.error.message).toContain('already recorded');
  });

  it('refuses to record a notification while a gag order is in force or before the request is answered', async () => {
    const running = await closedRequest({ hasNdo: true, ndoEndsAt: '2099-01-01T00:00:00Z' });
    const forever = await closedRequest({ hasNdo: true });
    const open = await createRequest(t, intake, validRequest(german, { dueAt: undefined }));
    const ended = await closedRequest({ hasNdo: true, ndoEndsAt: '2026-02-01T00:00:00Z' });
    const before = await counts(t);
    const cases: [string, { notifiedAt?: string }, string][] = [
      [running.id, {}, 'forbids telling the user until 2099-01-01T00:00:00.000Z'],
      [forever.id, {}, 'without an end date'],
      [open.id, {}, 'users are told only once it is answered'],
      [ended.id, { notifiedAt: '2026-01-25T00:00:00Z' }, 'forbids telling the user until 2026-02-01'],
    ];
    for (const [id, body, message] of cases) {
      const reply = await callAs(t, RecordUserNotifiedRoute, { params: { id: id }, body }, reviewer);
      expect({ message, status: reply.status }).toEqual({ message, status: 409 });
      expect(reply.error.message).toContain(message);
    }
    expect(await counts(t)).toEqual(before);
    const recorded = await callAs(
      t,
      RecordUserNotifiedRoute,
      { params: { id: ended.id }, body: { notifiedAt: '2026-02-02T00:00:00Z' } },
      reviewer,
    );
    expect(recorded.body.userNotifiedAt).toBe('2026-02-02T00:00:00.000Z');
  });
});

describe('sort, legal process and counts per status', () => {
  const walk = async (query: string): Promise<RequestSummary[]> => {
    const seen: RequestSummary[] = [];
    let cursor: string | null = null;
    do {
      const reply = await callRaw(t, 'GET', `/requests?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`, {
        as: auditor,
      });
      expect(reply.status).toBe(200);
      const page = RequestListPage.parse(reply.body);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  it('sort=deadline walks the open requests soonest due first, undated after, then the answered ones so, every request once across pages', async () => {
    const all = await list('limit=200');
    const soonestFirst = (items: typeof all) => [
      ...items
        .filter((item) => item.dueAt !== null)
        .sort((a, b) => a.dueAt!.localeCompare(b.dueAt!) || a.id.localeCompare(b.id)),
      ...items.filter((item) => item.dueAt === null).sort((a, b) => a.id.localeCompare(b.id)),
    ];
    const open = all.filter((item) => !isAnswered(item.status));
    const done = all.filter((item) => isAnswered(item.status));
    // Some of each, so the walk crosses from the dated part into the undated tail, and from the open requests into
    // the answered ones (an answered request's due date, long past, must not put it first).
    expect(open.filter((item) => item.dueAt !== null).length).toBeGreaterThan(2);
    expect(open.filter((item) => item.dueAt === null).length).toBeGreaterThan(2);
    expect(done.filter((item) => item.dueAt !== null).length).toBeGreaterThan(0);
    const earliestDue = all.filter((item) => item.dueAt !== null).sort((a, b) => a.dueAt!.localeCompare(b.dueAt!))[0]!;
    const expected = [...soonestFirst(open), ...soonestFirst(done)];
    const seen = await walk('sort=deadline');
    expect(seen.map((item) => item.id)).toEqual(expected.map((item) => item.id));
    expect(seen[0]!.id === earliestDue.id).toBe(!isAnswered(earliestDue.status));
    // A status filter of answered requests only, or open only, walks just that part.
    expect((await walk('sort=deadline&status=DELIVERED,CLOSED')).map((item) => item.id)).toEqual(
      soonestFirst(done.filter((item) => item.status === 'DELIVERED' || item.status === 'CLOSED')).map((i) => i.id),
    );
    expect((await walk('sort=deadline&status=RECEIVED')).map((item) => item.id)).toEqual(
      soonestFirst(open.filter((item) => item.status === 'RECEIVED')).map((i) => i.id),
    );
  });

  it('the open part of the deadline sort has its own index, whose predicate is exactly the open statuses', async () => {
    const { rows } = await t.db.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'request_open_due_idx'",
    );
    const listed = [...rows[0]!.indexdef.matchAll(/'([A-Z_]+)'::"RequestStatus"/g)].map((match) => match[1]);
    expect(listed.sort()).toEqual([...ANSWERED_STATUSES].sort());
    expect(rows[0]!.indexdef).toContain('<> ALL');
  });

  it('legalProcess filters, alone and with the deadline sort', async () => {
    const warrant = await createRequest(
      t,
      intake,
      validRequest(german, { legalProcess: 'WARRANT', dueAt: '2098-01-01T00:00:00Z' }),
    );
    expect((await list('legalProcess=WARRANT')).map((item) => item.id)).toEqual([warrant.id]);
    expect((await walk('legalProcess=WARRANT&sort=deadline')).map((item) => item.id)).toEqual([warrant.id]);
    expect((await list('legalProcess=COURT_ORDER')).map((item) => item.id)).not.toContain(warrant.id);
    const reply = await callRaw(t, 'GET', '/requests?legalProcess=FAX', { as: auditor });
    expect(reply.status).toBe(400);
    expect(ErrorBody.parse(reply.body).error.code).toBe('VALIDATION_FAILED');
  });

  it('counts=true counts matches per status under the other filters, ignoring the status filter', async () => {
    const all = await list('limit=200&country=DE');
    const reply = await callRaw(t, 'GET', '/requests?counts=true&country=DE&status=DELIVERED&limit=1', { as: auditor });
    const page = RequestListPage.parse(reply.body);
    const expected = Object.fromEntries(RequestStatus.options.map((status) => [status, 0]));
    for (const item of all) expected[item.status]! += 1;
    expect(page.counts).toEqual(expected);
    expect(page.items.every((item) => item.status === 'DELIVERED')).toBe(true);
    // Without asking, no counting.
    expect((await okAs(t, ListRequestsRoute, { query: { limit: 1 } }, auditor)).counts).toBeUndefined();
  });

  it('a cursor from one sort is refused by the other, with 400 VALIDATION_FAILED', async () => {
    const first = RequestListPage.parse((await callRaw(t, 'GET', '/requests?limit=1', { as: auditor })).body);
    const reply = await callRaw(t, 'GET', `/requests?limit=1&sort=deadline&cursor=${first.nextCursor}`, {
      as: auditor,
    });
    expect(reply.status).toBe(400);
    const { error } = ErrorBody.parse(reply.body);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('cursor: not a cursor this API issued for this sort');
  });
});

// Last in this file: it adds a request the lists above do not expect.
describe('GET /requests?q= after a correction', () => {
  it('searches the words a correction leaves, and no longer the ones it removed', async () => {
    const body = await createRequest(
      t,
      intake,
      validRequest(german, { statementOfReasons: 'Erpressung per Messenger', caseNumber: '3 Js 501/26' }),
    );
    made.corrected = { id: body.id, reference: body.reference };
    expect(labels(await list('q=erpress'))).toEqual(['corrected']);
    const reply = await callRaw(t, 'PATCH', `/requests/${body.id}`, {
      as: intake,
      body: { version: body.version, statementOfReasons: 'Betrug per Messenger' },
    });
    expect(reply.status).toBe(200);
    expect(labels(await list('q=erpress'))).toEqual([]);
    expect(labels(await list('q=betrug%20501'))).toEqual(['corrected']);
    await callRaw(t, 'PATCH', `/requests/${body.id}`, {
      as: intake,
      body: { version: body.version + 1, statementOfReasons: null, caseNumber: '4 Js 777/26' },
    });
    expect(labels(await list('q=betrug'))).toEqual([]);
    expect(labels(await list('q=777'))).toEqual(['corrected']);
  });
});
