import fc from 'fast-check';
import { queryString, routeUrl } from './route-url.js';

// Any string a caller puts in a path parameter or the query reaches the API as exactly that string: it stays in its
// own path segment, and the query reads back key by key (what the API's parser does) through the WHATWG URL.

const route = { path: '/things/{id}/parts/{part}' };

describe('routeUrl (fast-check)', () => {
  it('round-trips path parameters through new URL, each in its own segment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        fc.oneof(fc.string(), fc.constantFrom('.', '..', '%2e', 'a/b', '?#')),
        (id, part) => {
          fc.pre(![id, part].some((value) => value === '' || value === '.' || value === '..'));
          const url = new URL(routeUrl(route, { params: { id, part } }, 'http://api.test'));
          const segments = url.pathname.split('/').map((s) => decodeURIComponent(s));
          expect(segments).toEqual(['', 'things', id, 'parts', part]);
          expect(url.search).toBe('');
        },
      ),
    );
  });

  it('round-trips query values, left out when undefined, repeated for arrays', () => {
    const key = fc.string({ minLength: 1 });
    const value = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(undefined))),
        (query) => {
          const url = new URL(routeUrl({ path: '/q' }, { query }, 'http://api.test/base/'));
          expect(url.pathname).toBe('/base/q');
          const expected = Object.entries(query).flatMap(([k, v]) =>
            (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map((x) => [k, String(x)]),
          );
          expect([...url.searchParams]).toEqual(expected);
        },
      ),
    );
  });

  it('refuses a missing path parameter and a nested object in the query', () => {
    expect(() => routeUrl(route, { params: { id: 'x' } }, '')).toThrow('missing path parameter "part"');
    for (const part of ['', '.', '..']) {
      expect(() => routeUrl(route, { params: { id: 'x', part } }, '')).toThrow('path parameter "part" cannot be');
    }
    expect(() => queryString({ a: { b: 1 } })).toThrow('"a" is not a plain value');
    expect(queryString({ at: new Date('2026-01-02T03:04:05Z'), none: null })).toBe('?at=2026-01-02T03%3A04%3A05.000Z');
  });
});
