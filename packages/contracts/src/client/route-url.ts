import { buildPath, type RouteContract } from '../route.js';

type QueryValue = string | number | boolean | bigint | Date | null | undefined;

/**
 * The query string for `query` (with its leading `?`, or '' when empty): undefined and null are left out (the
 * schema's default applies), arrays repeat their key, dates go as ISO 8601. Values the API coerces from strings
 * (numbers, booleans) are sent as their string form.
 */
export function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  if (typeof query !== 'object') throw new TypeError('a query must be an object');
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      const text = queryValue(item as QueryValue, key);
      if (text !== undefined) search.append(key, text);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function queryValue(value: QueryValue, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') throw new TypeError(`query parameter "${key}" is not a plain value`);
  return String(value);
}

/** `baseUrl` + the route's path with `params` filled in (each encoded) + the query string. */
export function routeUrl(
  route: Pick<RouteContract, 'path'>,
  input: { params?: unknown; query?: unknown },
  baseUrl: string,
): string {
  const params = (input.params ?? {}) as Record<string, string | number>;
  for (const [key, value] of Object.entries(params)) {
    // No encoding keeps these in their segment: URL parsers resolve `.`/`..` (also as %2E) and an empty segment
    // names another route, so the call would reach a route other than the one named.
    if (value === '' || value === '.' || value === '..') {
      throw new TypeError(`path parameter "${key}" cannot be ${JSON.stringify(value)}`);
    }
  }
  return `${baseUrl.replace(/\/+$/, '')}${buildPath(route.path, params)}${queryString(input.query)}`;
}
