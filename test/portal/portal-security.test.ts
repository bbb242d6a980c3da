// The portal as a browser and an attacker meet it: every page under a Content-Security-Policy, whose nonce is new
// each time and is on every script Next.js writes, or, for a public page served from the cache, which names the
// hash of each inline script (so the pages still work in Chromium); HSTS in production; and
// the login rate limit counting each client, not the portal through which they all reach the API.
import { createHash, randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { apiUrl } from './log-api';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const hsts = 'max-age=63072000; includeSubDomains';
async function latestPeriod(): Promise<string> {
  const list = (await (await fetch(apiUrl('/reports'))).json()) as { items: { period: string }[] };
  return list.items
    .map((item) => item.period)
    .sort()
    .at(-1)!;
}
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('security headers', () => {
  // Pages per person, or following the live log, or with a made-up parameter: rendered per request.
  it.each(['/audit', '/staff/login', '/?utm_source=feed'])(
    '%s: a CSP with a fresh nonce on every script, and HSTS',
    async (path) => {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await fetch(portalUrl(path));
        expect(response.status).toBe(200);
        const policy = response.headers.get('content-security-policy') ?? '';
        const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
        expect({ policy, nonce }).toEqual({
          policy: expect.stringContaining("object-src 'none'"),
          nonce: expect.any(String),
        });
        expect(policy).toContain("frame-ancestors 'none'");
        // the report check's worker: a build file of the portal's own, never a blob or data URL made by a script
        expect(policy).toContain("worker-src 'self';");
        expect(policy).not.toContain('unsafe-eval');
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
        expect(response.headers.get('strict-transport-security')).toBe(hsts);
        expect(response.headers.get('x-writ-page-cache')).toBeNull();
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    },
  );

  // The same for every reader, so served from the portal's cache: a nonce there would be reused, so the policy
  // lists the hash of each inline script instead, and nothing else inline may run.
  it.each(['/', '/policy', '/canary', '/countries', '/countries/FR', '/reports/{latest}?country=FR'])(
    '%s: served from the cache with a CSP naming the hash of each of its inline scripts, an ETag and HSTS',
    async (pattern) => {
      const path = pattern.replace('{latest}', await latestPeriod());
      // An outsider guessing the header with which the portal renders pages for its cache changes nothing.
      const response = await fetch(portalUrl(path), { headers: { 'x-writ-page-render': 'a guessed secret' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-writ-page-cache')).toBe('hit');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).not.toMatch(/nonce|unsafe-inline'[^;]*;\s*style|unsafe-eval|strict-dynamic/);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("worker-src 'self';");
      const html = await response.text();
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attributes]) => !/\ssrc=/.test(` ${attributes}`),
      );
      expect(inline.length).toBeGreaterThan(0);
      const listed = [...policy.matchAll(/'sha256-([A-Za-z0-9+/=]+)'/g)].map((match) => match[1]);
      expect(new Set(listed)).toEqual(new Set(inline.map(([, , text]) => sha256(text!))));
      expect(html).not.toContain('nonce=');
      expect(response.headers.get('strict-transport-security')).toBe(hsts);
      expect(response.headers.get('cache-control')).toBe('public, no-cache');

      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      const again = await fetch(portalUrl(path), { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      const zipped = await fetch(portalUrl(path), { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(await zipped.text()).toBe(html);
    },
  );

  it("the build's scripts: the same bytes plain, gzip and brotli, immutable, with ETag and Next.js's headers", async () => {
    const html = await (await fetch(portalUrl('/staff/login'))).text();
    const scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    for (const script of scripts) {
      const plain = await fetch(portalUrl(script), { headers: { 'accept-encoding': 'identity' } });
      expect(plain.status).toBe(200);
      const bytes = Buffer.from(await plain.arrayBuffer());
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
      expect(plain.headers.get('strict-transport-security')).toBe(hsts);
      expect(plain.headers.get('content-type')).toMatch(/^application\/javascript/);
      for (const encoding of ['br', 'gzip']) {
        // fetch undoes the encoding, so what arrives must be the very same script.
        const packed = await fetch(portalUrl(script), { headers: { 'accept-encoding': encoding } });
        expect(packed.headers.get('content-encoding')).toBe(encoding);
        expect(Number(packed.headers.get('content-length'))).toBeLessThan(bytes.length);
        expect(Buffer.from(await packed.arrayBuffer())).toEqual(bytes);
      }
      const etag = plain.headers.get('etag')!;
      expect((await fetch(portalUrl(script), { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    expect((await fetch(portalUrl('/_next/static/chunks/not-a-build-file.js'))).status).toBe(404);
  });

  it('the pages still run under the policy: no refused script or style in Chromium', async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    for (const path of [
      '/',
      '/policy',
      `/reports/${await latestPeriod()}`,
      '/countries/FR',
      '/audit',
      '/staff/login',
    ]) {
      await page.goto(portalUrl(path));
      await page.waitForLoadState('networkidle');
    }
    // The login form answers in the page (React's handler, not a full-page form post): every framework script ran.
    await page.locator('#email').fill(`nobody-${randomUUID()}@test.example`);
    await page.locator('#password').fill('not the password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('login-error').waitFor();
    expect(page.url()).toBe(portalUrl('/staff/login'));
    expect(errors.filter((error) => !/401/.test(error))).toEqual([]);
    await page.close();
  });
});

describe('login rate limit through the portal', () => {
  const login = (client: string, email: string) =>
    fetch(portalUrl('/api/auth/login'), {
      method: 'POST',
      // A reverse proxy in front of the portal appends the address it saw; the portal forwards that one, signed.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({ email, password: 'not the password' }),
    });

  it('one client making bogus logins is held back; another client is not', async () => {
    const abuser = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await login(abuser, `guess-${randomUUID()}@test.example`)).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);

    const someoneElse = await login('198.51.100.8', `person-${randomUUID()}@test.example`);
    expect(someoneElse.status).toBe(401);
  });

  it('a client cannot name its own address to the API: the x-writ-client-ip headers it sends are dropped', async () => {
    const abuser = '198.51.100.17';
    for (let i = 0; i < 21; i++) await login(abuser, `guess-${randomUUID()}@test.example`);
    const disguised = await fetch(portalUrl('/api/auth/login'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': abuser,
        'x-writ-client-ip': '203.0.113.1',
        'x-writ-client-ip-signature': `${Math.floor(Date.now() / 1000)}.${'0'.repeat(64)}`,
      },
      body: JSON.stringify({ email: `guess-${randomUUID()}@test.example`, password: 'x' }),
    });
    expect(disguised.status).toBe(429);
  });
});
