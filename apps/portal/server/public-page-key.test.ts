import fc from 'fast-check';
import { publicPageKey } from './public-page-key.js';

const runs = { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) };

describe('publicPageKey: which requests the public page cache may answer', () => {
  it.each([
    ['/', '/'],
    ['/policy', '/policy'],
    ['/canary', '/canary'],
    ['/countries', '/countries'],
    ['/countries/FR', '/countries/FR'],
    ['/reports/2026-H1', '/reports/2026-H1'],
    ['/reports/2026-Q3?country=FR', '/reports/2026-Q3?country=FR'],
    // One key per page shown: order and explicit "all" do not make a new page.
    ['/reports/2026-Q3?legalProcess=WARRANT&country=FR', '/reports/2026-Q3?country=FR&legalProcess=WARRANT'],
    ['/reports/2026-Q3?country=ALL&legalProcess=ALL', '/reports/2026-Q3'],
  ])('caches %s as %s', (url, key) => {
    expect(publicPageKey('GET', url)).toBe(key);
    expect(publicPageKey('HEAD', url)).toBe(key);
  });

  it.each([
    // Per person or per link, or following the live log: never shared.
    '/staff',
    '/staff/requests',
    '/audit',
    '/package/abc',
    '/api/reports',
    // Made-up parameters or values would let anyone fill the cache.
    '/?utm=1',
    '/policy?x',
    '/reports/2026-H1?country=fr',
    '/reports/2026-H1?country=FR&country=DE',
    '/reports/2026-H1?legalProcess=TELEPATHY',
    '/reports/2026-H3',
    '/reports/2026-H1/extra',
    '/countries/XX',
    '/countries/fr',
    '//evil.example/',
    'http://portal/reports/2026-H1',
  ])('does not cache %s', (url) => {
    expect(publicPageKey('GET', url)).toBeNull();
  });

  it('caches only GET and HEAD', () => {
    expect(publicPageKey('POST', '/')).toBeNull();
    expect(publicPageKey(undefined, '/')).toBeNull();
    expect(publicPageKey('GET', undefined)).toBeNull();
  });

  it('never throws, never keys a private page, and a key is its own key (random request targets)', () => {
    const segment = fc.constantFrom('', 'reports', 'countries', 'staff', 'audit', 'package', '2026-H1', 'FR', '..');
    const target = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(fc.array(segment, { maxLength: 4 }), fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 3 }))
        .map(([parts, query]) => `/${parts.join('/')}${query.length ? `?${new URLSearchParams(query)}` : ''}`),
    );
    fc.assert(
      fc.property(target, (url) => {
        const key = publicPageKey('GET', url);
        if (key === null) return;
        expect(key).toMatch(/^\/(policy|canary|countries(\/[A-Z]{2})?|reports\/\d{4}-(H[12]|Q[1-4])(\?.*)?)?$/);
        expect(publicPageKey('GET', key)).toBe(key);
      }),
      runs,
    );
  });
});
