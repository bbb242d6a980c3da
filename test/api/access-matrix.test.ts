// Every route, as every role and as nobody: 401 without credentials, 403 for a role the contract does not
// name, and neither for a role it does. Generated from the same ROUTES list the API is built from, so a new
// route is covered the moment it exists.
import { randomUUID } from 'node:crypto';
import { buildPath, ErrorBody, ROUTES, type RouteContract, type StaffRole } from '@writ/contracts';
import { ALL_ROLES, staffByRole, type TestStaff } from '../support/auth';
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

function call(route: RouteContract, headers: Record<string, string> = {}) {
  const params: Record<string, string> = {};
  for (const match of route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)) params[match[1]!] = randomUUID();
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  return fetch(`${t.url}${buildPath(route.path, params)}`, {
    method: route.method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...headers },
    body: hasBody ? '{}' : undefined,
  });
}

const protectedRoutes = ROUTES.filter((route) => !('public' in route.access));
const publicRoutes = ROUTES.filter((route) => 'public' in route.access);

describe('access matrix', () => {
  it('covers the whole API', () => {
    expect(ROUTES.length).toBeGreaterThan(0);
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // jest refuses an empty table; until a protected route exists there is nothing to check here.
  (protectedRoutes.length ? it.each : it.skip.each)(protectedRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s: 401 anonymous, 403 for other roles, allowed for its roles',
    async (_name, route) => {
      const anonymous = await call(route);
      expect(anonymous.status).toBe(401);
      expect(ErrorBody.parse(await anonymous.json()).error.code).toBe('UNAUTHENTICATED');
      const allowed = 'roles' in route.access ? route.access.roles : [];
      for (const role of ALL_ROLES) {
        const response = await call(route, staff[role].headers);
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

  it.each(publicRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s is public: no 401/403 without credentials',
    async (_name, route) => {
      const response = await call(route);
      await response.body?.cancel();
      expect([401, 403]).not.toContain(response.status);
    },
  );

  it('rejects a revoked, an expired and an unknown token with 401', async () => {
    const route = protectedRoutes[0];
    if (!route) return;
    const person = staff.AUDITOR;
    await t.db.query(`UPDATE api_token SET revoked_at = now() WHERE staff_id = $1`, [person.id]);
    expect((await call(route, person.headers)).status).toBe(401);
    expect((await call(route, { authorization: 'Bearer writ_unknown' })).status).toBe(401);
  });
});
