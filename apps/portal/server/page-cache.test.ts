import { gunzipSync } from 'node:zlib';
import { PageCache, type RenderedPage } from './page-cache.js';

/** A published-data stamp and a renderer the test controls; the clock is the test's too. */
function setup(options: { freshMs?: number; maxAgeMs?: number; maxBytes?: number } = {}) {
  const state = { stamp: 'v1', now: 1_000, renders: [] as string[], stamps: 0, cacheable: true };
  const cache = new PageCache({
    render: async (key: string): Promise<RenderedPage | null> => {
      state.renders.push(key);
      if (!state.cacheable) return null;
      return { html: `<p>${key} ${state.stamp}</p><script>go()</script>`, headers: { 'content-type': 'text/html' } };
    },
    stamp: async () => {
      state.stamps += 1;
      return state.stamp;
    },
    freshMs: options.freshMs ?? 1_000,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    maxBytes: options.maxBytes ?? 1_000_000,
    now: () => state.now,
  });
  return { cache, state };
}

const text = (page: { body: Buffer } | null) => page?.body.toString('utf8');

describe('PageCache', () => {
  it('renders a page once and serves the same bytes, gzip and ETag while it is fresh', async () => {
    const { cache, state } = setup();
    const first = await cache.get('/');
    expect(text(first)).toBe('<p>/ v1</p><script>go()</script>');
    expect(gunzipSync(first!.gzip).toString()).toBe(text(first));
    expect(first!.headers['content-security-policy']).toContain(`'sha256-`);
    state.now += 999;
    expect(cache.peek('/')).toBe(first);
    expect(await cache.get('/')).toBe(first);
    expect(state.renders).toEqual(['/']);
  });

  it('after the fresh window, checks the stamp: unchanged keeps the page, a publication renders it again', async () => {
    const { cache, state } = setup();
    await cache.get('/');
    state.now += 1_000;
    expect(cache.peek('/')).toBeUndefined();
    await cache.get('/');
    expect(state.renders).toEqual(['/']);
    state.stamp = 'v2';
    state.now += 1_000;
    expect(text(await cache.get('/'))).toContain('v2');
    expect(state.renders).toEqual(['/', '/']);
  });

  it('with a fresh window of 0 reads the stamp for every request, so a publication shows at once', async () => {
    const { cache, state } = setup({ freshMs: 0 });
    await cache.get('/reports/2026-H1');
    expect(cache.peek('/reports/2026-H1')).toBeUndefined();
    state.stamp = 'v2';
    expect(text(await cache.get('/reports/2026-H1'))).toContain('v2');
    expect(state.stamps).toBe(2);
  });

  it('while a render is slower than the fresh window, readers get the page as it was and no second render starts', async () => {
    const { cache, state } = setup();
    await cache.get('/');
    state.stamp = 'v2';
    state.now += 1_000;
    const slow = cache.get('/');
    state.now += 5_000;
    expect(text(await cache.get('/'))).toContain('v1');
    expect(text(await slow)).toContain('v2');
    expect(state.renders).toEqual(['/', '/']);
  });

  it('with a fresh window of 0 a reader never gets an answer older than its arrival, even during a slow render', async () => {
    const { cache, state } = setup({ freshMs: 0 });
    await cache.get('/');
    const first = cache.get('/');
    state.now += 10;
    state.stamp = 'v2';
    const second = cache.get('/');
    expect(text(await second)).toContain('v2');
    await first;
  });

  it('renders again after the maximum age even if nothing was published', async () => {
    const { cache, state } = setup({ maxAgeMs: 5_000 });
    await cache.get('/canary');
    state.now += 5_000;
    await cache.get('/canary');
    expect(state.renders).toEqual(['/canary', '/canary']);
  });

  it('readers arriving during one render share it', async () => {
    const { cache, state } = setup();
    const pages = await Promise.all([cache.get('/'), cache.get('/'), cache.get('/')]);
    expect(new Set(pages).size).toBe(1);
    expect(state.renders).toEqual(['/']);
  });

  it('keeps nothing for a page that is not cacheable, and asks again next time', async () => {
    const { cache, state } = setup();
    state.cacheable = false;
    expect(await cache.get('/')).toBeNull();
    state.cacheable = true;
    expect(text(await cache.get('/'))).toContain('/ v1');
    expect(state.renders).toEqual(['/', '/']);
  });

  it('drops the least recently used page when full', async () => {
    // Each test page is ~30 bytes of HTML plus ~50 of gzip: room for two.
    const { cache, state } = setup({ maxBytes: 180 });
    await cache.get('/a');
    await cache.get('/b');
    cache.peek('/a');
    await cache.get('/c');
    await cache.get('/a');
    await cache.get('/b');
    expect(state.renders).toEqual(['/a', '/b', '/c', '/b']);
  });
});
