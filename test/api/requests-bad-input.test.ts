// Bad input at the request endpoints: every refusal is a 4xx with a stable code and a message that names the
// field, and leaves no row behind (request, target, category, audit event, transition, idempotency record).
// The property tests throw random JSON and random mutations of a valid body at POST /requests and
// PATCH /requests/{id}; see "property runs" below for how many.
import fc from 'fast-check';
import { ErrorBody, RequestDetail } from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { callRaw, counts, createAuthority, createRequest, requestRow, validRequest } from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let authorityId: string;
beforeAll(async () => {
  t = await startTestApp();
  intake = await createStaff(t, ['INTAKE', 'REVIEWER']);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

/** POSTs, and checks the refusal: status, code, a message naming `mentions`, and nothing written. */
async function expectRefused(
  raw: string,
  status: number,
  code: string,
  mentions: string,
  headers: Record<string, string> = {},
) {
  const before = await counts(t);
  const reply = await callRaw(t, 'POST', '/requests', { as: intake, raw, headers });
  const { error } = ErrorBody.parse(reply.body);
  expect({ status: reply.status, code: error.code }).toEqual({ status, code });
  expect(error.message).toContain(mentions);
  expect(await counts(t)).toEqual(before);
}

const withBody = (overrides: Record<string, unknown>) => JSON.stringify(validRequest(authorityId, overrides));
const withTarget = (target: Record<string, unknown>) =>
  JSON.stringify(
    validRequest(authorityId, { targets: [{ selectorType: 'USERNAME', value: 'alice', role: 'SUSPECT', ...target }] }),
  );

describe('POST /requests refuses bad input and writes nothing', () => {
  it.each([
    ['malformed JSON', '{"type": "RECORDS", ', 400, 'MALFORMED_JSON', 'not valid JSON'],
    ['a JSON array', '[]', 400, 'VALIDATION_FAILED', 'expected object'],
    ['a bare string', '"RECORDS"', 400, 'MALFORMED_JSON', 'not valid JSON'],
    ['an empty object', '{}', 400, 'VALIDATION_FAILED', 'type: '],
  ])('%s', async (_name, raw, status, code, mentions) => {
    await expectRefused(raw, status, code, mentions);
  });

  it('a body that is not JSON at all', async () => {
    await expectRefused('type=RECORDS', 400, 'VALIDATION_FAILED', 'expected object', {
      'content-type': 'application/x-www-form-urlencoded',
    });
  });

  it('an oversized body', async () => {
    await expectRefused(
      withBody({ statementOfReasons: 'x'.repeat(300 * 1024) }),
      413,
      'PAYLOAD_TOO_LARGE',
      'too large',
    );
  });

  it.each([
    ['type', { type: 5 }],
    ['type', { type: 'records' }],
    ['hasNdo', { hasNdo: 'yes' }],
    ['hasNdo', { hasNdo: undefined }],
    ['authorityId', { authorityId: 'court-1' }],
    ['targets', { targets: 'alice' }],
    ['targets', { targets: [] }],
    ['categories', { categories: [] }],
    ['categories.0.category', { categories: [{ category: 'EVERYTHING' }] }],
    ['categories.1.category', { categories: [{ category: 'MEDIA' }, { category: 'MEDIA' }] }],
    ['caseNumber', { caseNumber: 42 }],
    ['caseNumber', { caseNumber: 'x'.repeat(201) }],
    ['caseNumber', { caseNumber: '   ' }],
    ['caseNumber', { caseNumber: 'AZ\u0000 12' }],
    ['legalBasis', { legalBasis: 'bell \u0007' }],
    ['statementOfReasons', { statementOfReasons: 'half a pair \ud800' }],
  ])('wrong type or value: %s', async (field, overrides) => {
    await expectRefused(withBody(overrides), 400, 'VALIDATION_FAILED', `${field}: `);
  });

  it.each([
    ['country', { country: 'DE' }],
    ['status', { status: 'CLOSED' }],
    ['reference', { reference: 'WR-2026-000001' }],
  ])('unknown field %s', async (key, overrides) => {
    await expectRefused(withBody(overrides), 400, 'VALIDATION_FAILED', `"${key}"`);
  });

  it('an unknown field inside a target', async () => {
    await expectRefused(
      withTarget({ resolvedAccountId: 'acct_1' }),
      400,
      'VALIDATION_FAILED',
      'targets.0: Unrecognized key: "resolvedAccountId"',
    );
  });

  it.each([
    ['2026-02-30T00:00:00Z', 'date-time'],
    ['2026-01-01', 'date-time'],
    ['2026-01-01T10:00:00', 'with a time zone'],
    ['01/12/2026', 'ISO 8601'],
    ['0000-01-01T00:00:00Z', 'between the years 1900 and 2999'],
    ['yesterday', 'ISO 8601'],
  ])('a bad date %s', async (value, mentions) => {
    await expectRefused(withBody({ issuedAt: value }), 400, 'VALIDATION_FAILED', `issuedAt: `);
    await expectRefused(withBody({ issuedAt: value }), 400, 'VALIDATION_FAILED', mentions);
  });

  it.each([
    ['PHONE_NUMBER', '030 1234567', 'phone number in E.164'],
    ['PHONE_NUMBER', '+0301234567', 'phone number in E.164'],
    ['PHONE_NUMBER', '+49 30 1234 5678 9012 34', 'phone number in E.164'],
    ['PHONE_NUMBER', '+49abc1234567', 'phone number in E.164'],
    ['USERNAME', 'alice smith', 'username'],
    ['USERNAME', '@', 'username'],
    ['ACCOUNT_ID', '-acct', 'platform account id'],
    ['ACCOUNT_ID', 'acct/../../etc', 'platform account id'],
    ['ACCOUNT_ID', 'a'.repeat(129), 'platform account id'],
  ])('a %s that is not one: %s', async (selectorType, value, mentions) => {
    await expectRefused(
      withTarget({ selectorType, value }),
      400,
      'VALIDATION_FAILED',
      `targets.0.value: must be a ${mentions}`,
    );
  });

  it('a time window that ends before it starts', async () => {
    await expectRefused(
      withTarget({ windowStart: '2026-01-02T00:00:00Z', windowEnd: '2026-01-01T00:00:00Z' }),
      400,
      'VALIDATION_FAILED',
      'targets.0.windowEnd: must be after the start of the time window',
    );
  });

  it('the same target twice (after normalisation), and more than 100 targets', async () => {
    const twice = [
      { selectorType: 'PHONE_NUMBER', value: '+49 30 1234567', role: 'SUSPECT' },
      { selectorType: 'PHONE_NUMBER', value: '+49301234567', role: 'VICTIM' },
    ];
    await expectRefused(withBody({ targets: twice }), 400, 'VALIDATION_FAILED', 'targets.1.value: repeats targets[0]');
    const many = Array.from({ length: 101 }, (_, i) => ({
      selectorType: 'ACCOUNT_ID',
      value: `acct_${i}`,
      role: 'SUSPECT',
    }));
    await expectRefused(withBody({ targets: many }), 400, 'VALIDATION_FAILED', 'at most 100 targets');
  });

  it('a malformed or oversized Idempotency-Key', async () => {
    await expectRefused(withBody({}), 400, 'VALIDATION_FAILED', 'at most 200 characters', {
      'idempotency-key': 'k'.repeat(201),
    });
    await expectRefused(withBody({}), 400, 'VALIDATION_FAILED', 'printable ASCII', { 'idempotency-key': 'tab\there' });
  });
});

describe('PATCH /requests/{id} refuses bad input and writes nothing', () => {
  let id: string;
  beforeAll(async () => {
    id = (await createRequest(t, intake, validRequest(authorityId))).id;
  });

  it.each([
    ['malformed JSON', '{"version": 1,', 'MALFORMED_JSON', 'not valid JSON'],
    ['no version', '{"caseNumber": "A 1/26"}', 'VALIDATION_FAILED', 'version: '],
    ['a version that is not an integer', '{"version": 1.5, "caseNumber": "A"}', 'VALIDATION_FAILED', 'version: '],
    ['a version beyond int4', '{"version": 1e12, "caseNumber": "A"}', 'VALIDATION_FAILED', 'version: '],
    ['nothing to change', '{"version": 1}', 'VALIDATION_FAILED', 'at least one field'],
    ['an unknown field', '{"version": 1, "status": "CLOSED"}', 'VALIDATION_FAILED', '"status"'],
    ['targets (they have their own route)', '{"version": 1, "targets": []}', 'VALIDATION_FAILED', '"targets"'],
    ['clearing receivedAt', '{"version": 1, "receivedAt": null}', 'VALIDATION_FAILED', 'receivedAt: '],
    ['a bad date', '{"version": 1, "dueAt": "2026-13-01T00:00:00Z"}', 'VALIDATION_FAILED', 'dueAt: '],
    [
      'an unknown authority',
      '{"version": 1, "authorityId": "00000000-0000-4000-8000-000000000000"}',
      'NOT_FOUND',
      'authorityId: ',
    ],
  ])('%s', async (_name, raw, code, mentions) => {
    const before = { counts: await counts(t), row: await requestRow(t, id) };
    const reply = await callRaw(t, 'PATCH', `/requests/${id}`, { as: intake, raw });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    const { error } = ErrorBody.parse(reply.body);
    expect(error.code).toBe(code);
    expect(error.message).toContain(mentions);
    expect({ counts: await counts(t), row: await requestRow(t, id) }).toEqual(before);
  });
});

// ───────────────────────────── property runs ─────────────────────────────
// FC_NUM_RUNS (default 200) sets the runs of each property, capped at 200 for these HTTP properties: each run is a
// real request and two counts against PostgreSQL (~10 ms), so four properties stay within a few seconds.
const RUNS = Math.min(Number(process.env.FC_NUM_RUNS ?? 200), 200);
const assertProperty = <T>(property: fc.IAsyncProperty<T>) => fc.assert(property, { numRuns: RUNS });

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '+4930123456',
    '+49 (30) 123-456',
    '@bob',
    'acct_1',
    '2026-02-29T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '1900-01-01T00:00:00+14:00',
    'x'.repeat(3000),
  ),
);
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  anyText,
  fc.integer(),
  fc.double(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const CREATE_PATHS = [
  'type',
  'legalProcess',
  'authorityId',
  'requesterContact',
  'caseNumber',
  'legalBasis',
  'statementOfReasons',
  'offenceCategory',
  'issuedAt',
  'receivedAt',
  'dueAt',
  'expiresAt',
  'hasNdo',
  'ndoEndsAt',
  'targets',
  'categories',
  'targets.0.selectorType',
  'targets.0.value',
  'targets.0.role',
  'targets.0.windowStart',
  'targets.0.windowEnd',
  'targets.0.namedInOrder',
  'targets.1.value',
  'targets.2.selectorType',
  'targets.3',
  'categories.0.category',
  'categories.0.asWritten',
  'categories.1',
  'unknownField',
  'targets.0.unknownField',
];
const PATCH_PATHS = [
  'version',
  'type',
  'legalProcess',
  'authorityId',
  'requesterContact',
  'caseNumber',
  'legalBasis',
  'statementOfReasons',
  'offenceCategory',
  'issuedAt',
  'receivedAt',
  'dueAt',
  'expiresAt',
  'hasNdo',
  'ndoEndsAt',
  'categories',
  'categories.0.category',
  'categories.0.asWritten',
  'unknownField',
  'targets',
];

type Mutation = { path: string; op: 'set' | 'delete'; value: unknown };
const mutations = (paths: string[]) =>
  fc.array(
    fc.record({
      path: fc.constantFrom(...paths),
      op: fc.constantFrom('set', 'set', 'delete') as fc.Arbitrary<'set' | 'delete'>,
      value: anyValue,
    }),
    { minLength: 1, maxLength: 3 },
  );

function mutate(base: Record<string, unknown>, changes: Mutation[]): unknown {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks arbitrary JSON
  const copy = structuredClone(base) as Record<string, any>;
  for (const { path, op, value } of changes) {
    const keys = path.split('.');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks arbitrary JSON
    let node: any = copy;
    for (const key of keys.slice(0, -1)) {
      if (node === null || typeof node !== 'object') break;
      node = node[key];
    }
    if (node === null || typeof node !== 'object') continue;
    const last = keys.at(-1)!;
    if (op === 'delete') delete node[last];
    else node[last] = value;
  }
  return copy;
}

describe('properties: random input never answers 5xx and never leaves a partial write', () => {
  async function assertPost(body: unknown): Promise<void> {
    const before = await counts(t);
    const reply = await callRaw(t, 'POST', '/requests', { as: intake, raw: JSON.stringify(body) ?? 'null' });
    expect(reply.status).toBeLessThan(500);
    const after = await counts(t);
    if (reply.status >= 400) {
      expect(ErrorBody.safeParse(reply.body).success).toBe(true);
      expect(after).toEqual(before);
      return;
    }
    expect(reply.status).toBe(201);
    const created = RequestDetail.parse(reply.body);
    const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM target WHERE request_id = $1', [
      created.id,
    ]);
    expect(Number(rows[0]!.n)).toBe(created.targets.length);
    expect(created.targets.length).toBe((body as { targets: unknown[] }).targets.length);
    expect(after).toEqual({
      ...before,
      request: before.request + 1,
      target: before.target + created.targets.length,
      category: before.category + created.categories.length,
      audit: before.audit + 1,
    });
  }

  it('POST /requests with random JSON values', async () => {
    await assertProperty(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), assertPost));
  }, 120_000);

  it('POST /requests with random mutations of a valid body', async () => {
    await assertProperty(
      fc.asyncProperty(mutations(CREATE_PATHS), (changes) => assertPost(mutate(validRequest(authorityId), changes))),
    );
  }, 120_000);

  async function assertPatch(id: string, makeBody: (version: number) => unknown): Promise<void> {
    const before = { counts: await counts(t), row: await requestRow(t, id) };
    const body = makeBody(before.row.version as number);
    const reply = await callRaw(t, 'PATCH', `/requests/${id}`, { as: intake, raw: JSON.stringify(body) ?? 'null' });
    expect(reply.status).toBeLessThan(500);
    const after = { counts: await counts(t), row: await requestRow(t, id) };
    if (reply.status >= 400) {
      expect(ErrorBody.safeParse(reply.body).success).toBe(true);
      expect(after).toEqual(before);
      return;
    }
    expect(reply.status).toBe(200);
    // A correction (or a no-op, answered as a read) is one audit event; targets and requests never move.
    expect(after.counts).toMatchObject({
      request: before.counts.request,
      target: before.counts.target,
      audit: before.counts.audit + 1,
    });
    expect(after.row.version).toBe(RequestDetail.parse(reply.body).version);
  }

  it('PATCH /requests/{id} with random JSON values', async () => {
    const { id } = await createRequest(t, intake, validRequest(authorityId));
    await assertProperty(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) => assertPatch(id, () => value)));
  }, 120_000);

  it('PATCH /requests/{id} with random mutations of a valid correction', async () => {
    const { id } = await createRequest(t, intake, validRequest(authorityId));
    const base = (version: number) => ({
      version,
      caseNumber: 'AZ 1/26',
      dueAt: '2026-03-01T00:00:00Z',
      hasNdo: true,
      ndoEndsAt: '2027-01-01T00:00:00Z',
      categories: [{ category: 'IP_ADDRESS' }],
    });
    await assertProperty(
      fc.asyncProperty(mutations(PATCH_PATHS), (changes) =>
        assertPatch(id, (version) => mutate(base(version), changes)),
      ),
    );
  }, 120_000);
});
