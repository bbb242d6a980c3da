// Every route, as every role and as nobody: 401 without credentials, 403 for a role the contract does not
// name, and neither for a role it does. Generated from the same ROUTES list the API is built from, so a new
// route is covered the moment it exists. Sessions too: one that has not passed the second factor only reaches
// the login steps (`session: 'pre-mfa'`), and a session without its CSRF header cannot change anything. Routes
// for a person at the keyboard (`session: 'interactive'`) refuse API tokens; a session whose password an admin
// chose reaches only the routes marked `duringPasswordChange` (and the login steps).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { buildPath, ErrorBody, ROUTES, type RouteContract, type StaffRole } from '@writ/contracts';
import { ALL_ROLES, createStaff, staffByRole, type TestStaff } from '../support/auth';
import { changeIdentities } from '../support/identity';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let staff: Record<StaffRole, TestStaff>;
/** One account per role whose password an admin chose (a new account, or after a reset). */
let mustChange: Record<StaffRole, TestStaff>;
beforeAll(async () => {
  t = await startTestApp();
  staff = await staffByRole(t);
  mustChange = await staffByRole(t);
  await t.db.query(`UPDATE staff SET must_change_password = true WHERE id = ANY($1::uuid[])`, [
    Object.values(mustChange).map((person) => person.id),
  ]);
});
afterAll(async () => {
  await t.close();
});

function callRaw(route: RouteContract, headers: Record<string, string> = {}) {
  const params: Record<string, string> = {};
  for (const match of route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)) params[match[1]!] = randomUUID();
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  return fetch(`${t.url}${buildPath(route.path, params)}`, {
    method: route.method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...headers },
    body: hasBody ? '{}' : undefined,
  });
}

/** A session straight in the database, as POST /auth/login (secondFactor false) or POST /auth/totp leaves it. */
async function session(
  person: TestStaff,
  secondFactor: boolean,
): Promise<{ withCsrf: Record<string, string>; withoutCsrf: Record<string, string> }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await t.db.query(
    `INSERT INTO session (token_hash, staff_id, mfa_passed, csrf_token, expires_at) VALUES ($1, $2, $3, $4, now() + interval '10 minutes')`,
    [createHash('sha256').update(token).digest('hex'), person.id, secondFactor, csrf],
  );
  const cookie = { cookie: `writ_session=${token}` };
  return { withCsrf: { ...cookie, 'x-csrf-token': csrf }, withoutCsrf: cookie };
}

/** 401 and 403 stay as they are; anything else means the guard let the call through. */
const verdict = (status: number) => (status === 401 || status === 403 ? status : 'let in');

async function statusOf(response: Response): Promise<number> {
  await response.body?.cancel();
  return response.status;
}

const isPreMfa = (route: RouteContract) => 'roles' in route.access && route.access.session === 'pre-mfa';
const isInteractive = (route: RouteContract) => 'roles' in route.access && route.access.session === 'interactive';
const duringPasswordChange = (route: RouteContract) =>
  'roles' in route.access && route.access.duringPasswordChange === true;
const protectedRoutes = ROUTES.filter((route) => !('public' in route.access));
const ordinaryRoutes = protectedRoutes.filter((route) => !isPreMfa(route));
const preMfaRoutes = protectedRoutes.filter(isPreMfa);
const publicRoutes = ROUTES.filter((route) => 'public' in route.access);
const changesState = (route: RouteContract) => route.method !== 'get';
const interactiveRoutes = ordinaryRoutes.filter(isInteractive);
const table = (routes: RouteContract[]) =>
  routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const);

describe('access matrix', () => {
  it('covers the whole API', () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(table(ordinaryRoutes))(
    '%s: 401 anonymous, 403 for other roles, allowed for its roles',
    async (_name, route) => {
      const anonymous = await callRaw(route);
      expect(anonymous.status).toBe(401);
      expect(ErrorBody.parse(await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
      const allowed = 'roles' in route.access ? route.access.roles : [];
      for (const role of ALL_ROLES) {
        // Routes for a person at the keyboard are judged with a full session (tokens: the test below).
        const headers = isInteractive(route) ? (await session(staff[role], true)).withCsrf : staff[role].headers;
        const response = await callRaw(route, headers);
        const status = response.status;
        await response.body?.cancel();
        if (allowed.includes(role)) {
          expect({ role, status }).not.toEqual({ role, status: 403 });
          expect({ role, status }).not.toEqual({ role, status: 401 });
        } else {
          expect({ role, status }).toEqual({ role, status: 403 });
        }
      }
    },
  );

  it.each(table(ordinaryRoutes))(
    '%s: a session must have passed the second factor, and send its CSRF token to change state',
    async (_name, route) => {
      const role = 'roles' in route.access ? route.access.roles[0]! : 'ADMIN';
      const halfOpen = await callRaw(route, (await session(staff[role], false)).withCsrf);
      expect(halfOpen.status).toBe(401);
      expect(ErrorBody.parse(await halfOpen.json()).error.code).toBe('SECOND_FACTOR_REQUIRED');
      const full = await session(staff[role], true);
      if (changesState(route)) {
        const noCsrf = await callRaw(route, full.withoutCsrf);
        expect(noCsrf.status).toBe(403);
        expect(ErrorBody.parse(await noCsrf.json()).error.code).toBe('CSRF_TOKEN_INVALID');
      }
      expect(verdict(await statusOf(await callRaw(route, (await session(staff[role], true)).withCsrf)))).toBe('let in');
    },
  );

  it.each(table(interactiveRoutes))(
    '%s (a person at the keyboard): 403 INTERACTIVE_SESSION_REQUIRED for API tokens of every role',
    async (_name, route) => {
      for (const role of ALL_ROLES) {
        const response = await callRaw(route, staff[role].headers);
        expect({ role, status: response.status }).toEqual({ role, status: 403 });
        expect(ErrorBody.parse(await response.json()).error.code).toBe('INTERACTIVE_SESSION_REQUIRED');
      }
    },
  );

  it.each(table(ordinaryRoutes))(
    '%s: a session whose password an admin chose gets in only where the contract says duringPasswordChange',
    async (_name, route) => {
      const role = 'roles' in route.access ? route.access.roles[0]! : 'ADMIN';
      const response = await callRaw(route, (await session(mustChange[role], true)).withCsrf);
      if (duringPasswordChange(route)) {
        expect(verdict(await statusOf(response))).toBe('let in');
      } else {
        expect(response.status).toBe(403);
        expect(ErrorBody.parse(await response.json()).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      }
      // Its API tokens are not held to it: the rule is about the person replacing a password someone else knows.
      if (!isInteractive(route))
        expect(verdict(await statusOf(await callRaw(route, mustChange[role].headers)))).toBe('let in');
    },
  );

  it.each(table(preMfaRoutes))(
    '%s (login step): open to the sessions of an account that must change its password (e.g. to log out)',
    async (_name, route) => {
      const role = 'roles' in route.access ? route.access.roles[0]! : 'ADMIN';
      const halfOpen = await statusOf(await callRaw(route, (await session(mustChange[role], false)).withCsrf));
      const full = await statusOf(await callRaw(route, (await session(mustChange[role], true)).withCsrf));
      expect({ halfOpen: verdict(halfOpen), full: verdict(full) }).toEqual({ halfOpen: 'let in', full: 'let in' });
    },
  );

  // The login steps: only a session (half-open or full) of an allowed role; never an API token.
  it.each(table(preMfaRoutes))(
    '%s (login step): 401 anonymous, 403 for API tokens, allowed for a half-open session of its roles',
    async (_name, route) => {
      const anonymous = await callRaw(route);
      expect(anonymous.status).toBe(401);
      expect(ErrorBody.parse(await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
      const allowed = 'roles' in route.access ? route.access.roles : [];
      for (const role of ALL_ROLES) {
        const token = await callRaw(route, staff[role].headers);
        expect({ role, token: token.status }).toEqual({ role, token: 403 });
        expect(ErrorBody.parse(await token.json()).error.code).toBe('INTERACTIVE_SESSION_REQUIRED');
        const halfOpen = await statusOf(await callRaw(route, (await session(staff[role], false)).withCsrf));
        const full = await statusOf(await callRaw(route, (await session(staff[role], true)).withCsrf));
        if (allowed.includes(role)) {
          expect({ role, halfOpen: verdict(halfOpen), full: verdict(full) }).toEqual({
            role,
            halfOpen: 'let in',
            full: 'let in',
          });
        } else {
          expect({ role, halfOpen, full }).toEqual({ role, halfOpen: 403, full: 403 });
        }
      }
      if (changesState(route)) {
        const noCsrf = await callRaw(route, (await session(staff[allowed[0]!], false)).withoutCsrf);
        expect(noCsrf.status).toBe(403);
        expect(ErrorBody.parse(await noCsrf.json()).error.code).toBe('CSRF_TOKEN_INVALID');
      }
    },
  );

  it.each(publicRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s is public: no 401/403 without credentials',
    async (_name, route) => {
      const response = await callRaw(route);
      await response.body?.cancel();
      expect([401, 403]).not.toContain(response.status);
    },
  );

  it('rejects a revoked, an expired and an unknown token with 401', async () => {
    const route = protectedRoutes[0];
    if (!route) return;
    for (const spoil of [`revoked_at = now()`, `expires_at = now() - interval '1 second'`]) {
      const person = await createStaff(t, ['AUDITOR']);
      expect(await statusOf(await callRaw(route, person.headers))).not.toBe(401);
      await changeIdentities(t, () => t.db.query(`UPDATE api_token SET ${spoil} WHERE staff_id = $1`, [person.id]));
      const response = await callRaw(route, person.headers);
      expect({ spoil, status: response.status }).toEqual({ spoil, status: 401 });
      expect(ErrorBody.parse(await response.json()).error.code).toBe('UNAUTHENTICATED');
    }
    expect((await callRaw(route, { authorization: 'Bearer writ_unknown' })).status).toBe(401);
  });
});
