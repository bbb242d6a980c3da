// The login page's ?next= comes from the address bar: whatever anyone writes there, the portal sends a person back
// only to a staff page of its own origin (apps/portal/lib/return-path.ts). Pure, but kept with the portal's tests.
import fc from 'fast-check';
import { safeReturnPath } from '../../apps/portal/lib/return-path';

const runs = { numRuns: Math.min(Number(process.env.FC_NUM_RUNS ?? 1000), 2000) };

/** What a browser does with the value as a Location or link target on our origin. */
function lands(value: string): URL {
  return new URL(value, 'https://writ.example/staff/login');
}

const prefixes = fc.constantFrom(
  '',
  '/',
  '//',
  '/staff/',
  '/staff',
  '/staff/login',
  '/\\',
  '/staff/..',
  '/staff/%2e%2e/',
  'https://evil.example/staff/',
  '\t/staff/',
  '/staff/\\',
  'javascript:',
);

describe('safeReturnPath (the login page’s ?next=)', () => {
  it('accepts only values that land on a staff page of the same origin, other than the login page', () => {
    fc.assert(
      fc.property(prefixes, fc.string({ unit: 'binary', maxLength: 40 }), (prefix, rest) => {
        const value = prefix + rest;
        const accepted = safeReturnPath(value);
        if (accepted === null) return;
        expect(accepted).toBe(value);
        const url = lands(value);
        expect(url.origin).toBe('https://writ.example');
        expect(url.pathname.startsWith('/staff/')).toBe(true);
        expect(url.pathname.startsWith('/staff/login')).toBe(false);
      }),
      runs,
    );
  });

  it('keeps every ordinary staff page with its query', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.option(segment), (segments, q) => {
        fc.pre(segments[0] !== 'login');
        const value = `/staff/${segments.join('/')}${q ? `?q=${q}` : ''}`;
        expect(safeReturnPath(value)).toBe(value);
      }),
      runs,
    );
  });

  it.each([
    '//evil.example/staff/x',
    '/\\evil.example',
    '/staff/\\\\evil.example',
    'https://evil.example/staff/requests',
    '/staff/../audit',
    '/staff/%2e%2e/audit',
    '/staff/login?next=/staff/requests',
    ' /staff/requests',
    '/staff/requests\n',
    '',
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });
});
