import * as contracts from './index.js';
import { ROUTES, type RouteContract } from './index.js';

// The operationId is what a generated client calls its method (`createRequest()`), so it must be readable, unique
// and tied to the contract's own name; a route missing from ROUTES would be missing from the OpenAPI document.

function isRoute(value: unknown): value is RouteContract {
  return typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'access' in value;
}

const exportedRoutes = Object.entries(contracts).filter((entry): entry is [string, RouteContract] => isRoute(entry[1]));

describe('route names (operationId)', () => {
  it('names every route after its exported contract, in lower camelCase without a Route suffix', () => {
    const mismatches = exportedRoutes
      .map(([name, route]) => {
        const expected = name.replace(/Route$/, '').replace(/^./, (first) => first.toLowerCase());
        return route.operationId === expected ? null : `${name}: operationId '${route.operationId}', not '${expected}'`;
      })
      .filter((mismatch) => mismatch !== null);
    expect(mismatches).toEqual([]);
    for (const route of ROUTES) expect(route.operationId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('gives no two routes the same operationId', () => {
    const counts = new Map<string, number>();
    for (const route of ROUTES) counts.set(route.operationId, (counts.get(route.operationId) ?? 0) + 1);
    expect([...counts].filter(([, count]) => count > 1).map(([id]) => id)).toEqual([]);
  });

  it('lists every exported route in ROUTES, and only exported ones, once each', () => {
    const exported = new Set(exportedRoutes.map(([, route]) => route));
    expect(exportedRoutes.filter(([, route]) => !ROUTES.includes(route)).map(([name]) => name)).toEqual([]);
    expect(ROUTES.filter((route) => !exported.has(route)).map((route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(new Set(ROUTES).size).toBe(ROUTES.length);
  });
});
