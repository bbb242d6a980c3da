// Random path parameters, query values and forged list cursors at every route, as a role the contract lets in:
// whatever arrives, the answer is never a 5xx (a 4xx with a stable code is the API's job; a 500 means a value
// reached code or PostgreSQL that could not hold it). Generated from ROUTES, so a new route is covered the
// moment it exists.
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ErrorBody, ListAuditEvents, ROUTES, type RouteContract, type StaffRole } from '@writ/contracts';
import { staffByRole, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let staff: Record<StaffRole, TestStaff>;
beforeAll(async () => {
  t = await startTestApp();
  staff = await staffByRole(t);
});
afterAll(async () => {
  await t.close();
});

// FC_NUM_RUNS sets the runs per route, capped at 40 here: every route gets its own property and each run is a
// real request (a few ms), so the ~65 routes stay within a minute.
const RUNS = Math.min(Number(process.env.FC_NUM_RUNS ?? 40), 40);

/** A full session (second factor passed) with its CSRF header: every protected route accepts one of its role. */
async function sessionHeaders(role: StaffRole): Promise<Record<string, string>> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await t.db.query(
    `INSERT INTO session (token_hash, staff_id, mfa_passed, csrf_token, expires_at) VALUES ($1, $2, true, $3, now() + interval '10 minutes')`,
    [createHash('sha256').update(token).digest('hex'), staff[role].id, csrf],
  );
  return { cookie: `writ_session=${token}`, 'x-csrf-token': csrf };
}

const oddText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'abc',
    '1e3',
    '0',
    '-1',
    '01',
    '1.5',
    '9223372036854775807',
    '9223372036854775808',
    '99999999999999999999999',
    'NaN',
    'true',
    'null',
    '[]',
    '%',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '------------------------------------',
    'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
    '1901-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '0000-01-01',
    'x'.repeat(2000),
  ),
  fc.uuid(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

// The API's cursors are base64url JSON pairs or triples: (name, id), (date, id), (sort, date, id). The forgeries keep that shape with one part
// subtly wrong (an id that only looks like a UUID, a NUL in a name, a date PostgreSQL cannot hold), or are garbage.
const idLike = fc.oneof(
  fc.uuid(),
  fc.stringMatching(/^[0-9a-f-]{36}$/),
  fc.constantFrom('-'.repeat(36), '0'.repeat(36), 'ABCDEFAB-CDEF-ABCD-EFAB-CDEFABCDEFAB'),
  oddText,
);
const nameLike = fc.oneof(
  fc.string(),
  fc.tuple(fc.string(), fc.string()).map(([before, after]) => `${before}\u0000${after}`),
  oddText,
);
const dateLike = fc.oneof(
  fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('1901-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2026-13-45'),
  oddText,
);
const anyPart = fc.oneof(idLike, nameLike, dateLike, fc.integer(), fc.constant(null), fc.constantFrom({}, [], true));
const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const forgedCursor = fc.oneof(
  fc.tuple(nameLike, idLike).map(encode),
  fc.tuple(dateLike, idLike).map(encode),
  fc.tuple(anyPart, anyPart).map(encode),
  // (sort, key, id): the request list's cursors name their sort, and the deadline sort's key may be null.
  fc.tuple(fc.constantFrom('received', 'deadline'), fc.oneof(dateLike, fc.constant(null)), idLike).map(encode),
  // … and the deadline sort's cursor which part of the list it is in (answered requests come last).
  fc.tuple(fc.constantFrom('received', 'deadline'), fc.oneof(dateLike, fc.constant(null)), idLike, anyPart).map(encode),
  fc.tuple(anyPart, anyPart, anyPart).map(encode),
  fc.array(anyPart, { maxLength: 4 }).map(encode),
  fc.jsonValue().map(encode),
  oddText,
);

const pathNames = (route: RouteContract) => [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!);
function queryNames(route: RouteContract): string[] {
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function arbitraryCall(route: RouteContract) {
  const params = fc.record(Object.fromEntries(pathNames(route).map((name) => [name, oddText])));
  const query = fc.record(
    Object.fromEntries(
      [...queryNames(route), 'unexpected'].map((name) => [name, name === 'cursor' ? forgedCursor : oddText]),
    ),
    { requiredKeys: [] },
  );
  return fc.record({ params, query });
}

/** Every byte of the UTF-8 percent-encoded (a lone surrogate becomes U+FFFD, as a client's encoder would make it). */
const percentEncoded = (text: string) =>
  Array.from(Buffer.from(text, 'utf8'), (byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

function urlOf(route: RouteContract, params: Record<string, string>, query: Partial<Record<string, string>>): string {
  const path = route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => percentEncoded(params[name] ?? ''));
  const present = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const search = new URLSearchParams(present).toString();
  return `${t.url}${path}${search ? `?${search}` : ''}`;
}

const table = ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const);

/**
 * Calls the route as a role it lets in; fails on a 5xx, and on a refusal not in the API's one error shape. Returns
 * the status, and a refusal's code.
 */
async function answerNo5xx(
  route: RouteContract,
  params: Record<string, string>,
  query: Partial<Record<string, string>>,
): Promise<{ status: number; code?: string }> {
  const role = 'roles' in route.access ? route.access.roles[0] : undefined;
  // A fresh session each time: a run may end it (POST /auth/logout).
  const headers = role ? await sessionHeaders(role) : {};
  const response = await fetch(urlOf(route, params, query), {
    method: route.method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...headers },
    body: route.method === 'get' || route.method === 'delete' ? undefined : '{}',
  });
  const text = await response.text();
  if (response.status >= 500) throw new Error(`${response.status}: ${text.slice(0, 500)}`);
  if (response.status < 400) return { status: response.status };
  const refusal = ErrorBody.safeParse(JSON.parse(text));
  expect(refusal.success).toBe(true);
  return { status: response.status, code: refusal.data?.error.code };
}

async function expectNo5xx(
  route: RouteContract,
  params: Record<string, string>,
  query: Partial<Record<string, string>>,
): Promise<void> {
  await answerNo5xx(route, params, query);
}

describe('random path, query and cursor values never make a 5xx', () => {
  it.each(table)('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(arbitraryCall(route), ({ params, query }) => expectNo5xx(route, params, query)),
      { numRuns: RUNS },
    );
  });

  // The cursor alone, so that no other bad value is refused first and every run reaches the cursor's parser.
  it.each(table.filter(([, route]) => queryNames(route).includes('cursor')))(
    '%s: forged cursors',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(forgedCursor, (cursor) => expectNo5xx(route, {}, { cursor })),
        { numRuns: RUNS },
      );
    },
  );
});

// The audit explorer's actor filter reaches the database (an email is looked up among the staff accounts), so it
// gets values shaped like what it takes, not only noise the contract refuses first: emails in any case, with the
// characters LIKE would read as wildcards, a NUL inside, and job labels. Each is found (200), is no account's
// (UNKNOWN_ACTOR) or is not an actor (VALIDATION_FAILED); nothing else.
describe("the audit explorer's actor filter", () => {
  const casing = (text: string) =>
    fc
      .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
      .map((upper) => [...text].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));
  const actor = fc.oneof(
    fc.emailAddress().chain(casing),
    fc.constantFrom('public', 'PUBLIC', 'system', 'System', ' system ', 'system:auth', 'system:', 'system:-'),
    fc.stringMatching(/^system:[a-z0-9-]{0,70}$/),
    fc
      .tuple(fc.emailAddress(), fc.constantFrom('%', '_', '\\', '\u0000', "'", '"', ' ', '\u00e9'))
      .map(([email, odd]) => email.replace('@', `${odd}@`)),
    fc.constant(null).map(() => staff.AUDITOR.email.toUpperCase()),
    oddText,
  );
  it('GET /audit/events?actor=…: found, no account, or not an actor; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(actor, async (value) => {
        const { status, code } = await answerNo5xx(ListAuditEvents, {}, { actor: value });
        if (status !== 200) expect(`${status} ${code}`).toMatch(/^400 (VALIDATION_FAILED|UNKNOWN_ACTOR)$/);
      }),
      { numRuns: RUNS },
    );
  });
});
