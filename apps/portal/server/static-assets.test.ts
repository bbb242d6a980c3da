import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildAssetPaths, chooseEncoding, type LoadedAsset, StaticAssets, staticAssetPath } from './static-assets.js';

const runs = { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) };

const script = Buffer.from('console.log("a build file");'.repeat(200));

/** A loader the test controls: what Next.js would answer, and how often it was asked. */
function setup(answer: (path: string) => LoadedAsset | Promise<LoadedAsset>, maxBytes = 1_000_000) {
  const asked: string[] = [];
  const assets = new StaticAssets(async (path) => {
    asked.push(path);
    return answer(path);
  }, maxBytes);
  return { assets, asked };
}

describe('staticAssetPath: which requests are served from memory', () => {
  it.each([
    ['GET', '/_next/static/chunks/1qr6rxvvp058d.js'],
    ['HEAD', '/_next/static/chunks/2g6er3w7ah5ik.css'],
    ['GET', '/_next/static/media/font-abc.woff2'],
  ])('%s %s', (method, url) => {
    expect(staticAssetPath(method, url)).toBe(url);
  });

  it.each([
    ['POST', '/_next/static/chunks/a.js'],
    ['GET', '/_next/static/chunks/a.js?dpl=1'],
    ['GET', '/_next/static/../../package.json'],
    ['GET', '/_next/static//etc/passwd'],
    ['GET', '/_next/static/%2e%2e/secret'],
    ['GET', '/_next/image?url=x'],
    ['GET', '/staff/requests'],
  ])('leaves %s %s to Next.js', (method, url) => {
    expect(staticAssetPath(method, url)).toBeNull();
  });

  it('never takes a path that could leave the build folder or carry a query, whatever the URL', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const path = staticAssetPath('GET', `/_next/static/${tail}`);
        if (path === null) return;
        expect(path).not.toMatch(/\.\.|\/\/|[?#%\\]/);
      }),
      runs,
    );
  });
});

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.0', null],
    ['identity', null],
    [undefined, null],
  ])('%s → %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});

describe('StaticAssets', () => {
  it('asks Next.js once per file, however many readers arrive at once, and keeps its headers', async () => {
    const { assets, asked } = setup(() => ({
      body: script,
      headers: { 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
    }));
    const path = '/_next/static/chunks/a.js';
    const [first, second] = await Promise.all([assets.get(path), assets.get(path)]);
    expect(await assets.get(path)).toBe(first);
    expect(second).toBe(first);
    expect(asked).toEqual([path]);
    expect(first!.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(first!.gzip)).toEqual(script);
    expect(brotliDecompressSync(first!.brotli)).toEqual(script);
    expect(first!.brotli.length).toBeLessThan(script.length / 10);
    expect(first!.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('keeps nothing for a file Next.js does not have, or when the loader fails, and asks again next time', async () => {
    let exists = false;
    const { assets, asked } = setup(async (path) => {
      if (path.endsWith('broken.js')) throw new Error('connection reset');
      return exists ? { body: script, headers: {} } : null;
    });
    expect(await assets.get('/_next/static/chunks/new.js')).toBeNull();
    expect(await assets.get('/_next/static/chunks/broken.js')).toBeNull();
    exists = true;
    expect((await assets.get('/_next/static/chunks/new.js'))?.body).toEqual(script);
    expect(asked).toEqual([
      '/_next/static/chunks/new.js',
      '/_next/static/chunks/broken.js',
      '/_next/static/chunks/new.js',
    ]);
  });

  it('leaves files to Next.js once the memory budget is spent', async () => {
    const { assets } = setup(() => ({ body: script, headers: {} }), script.length * 3);
    expect(await assets.get('/_next/static/chunks/one.js')).not.toBeNull();
    expect(await assets.get('/_next/static/chunks/two.js')).toBeNull();
    // The one already kept is still served.
    expect(await assets.get('/_next/static/chunks/one.js')).not.toBeNull();
  });

  it('keeps to the memory budget when files are filled side by side', async () => {
    const { assets } = setup(() => ({ body: script, headers: {} }), script.length * 3);
    const paths = ['/_next/static/chunks/one.js', '/_next/static/chunks/two.js', '/_next/static/chunks/three.js'];
    const kept = await Promise.all(paths.map((assetPath) => assets.get(assetPath)));
    // Room for one file and its compressed copies: the others are left to Next.js, however they interleave.
    expect(kept.filter((asset) => asset !== null)).toHaveLength(1);
  });

  it('warms every file once, one after another, so later readers are answered from memory', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const { assets, asked } = setup(async (assetPath) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return assetPath.endsWith('gone.js') ? null : { body: script, headers: {} };
    });
    const paths = ['/_next/static/chunks/a.js', '/_next/static/chunks/gone.js', '/_next/static/css/b.css'];
    expect(await assets.warm(paths)).toBe(2);
    expect(mostAtOnce).toBe(1);
    expect((await assets.get('/_next/static/css/b.css'))?.body).toEqual(script);
    // a.js and b.css were kept; only the missing file is asked for again.
    expect(asked).toEqual([...paths]);
  });
});

describe('buildAssetPaths', () => {
  let staticDir: string;
  beforeEach(() => {
    staticDir = mkdtempSync(path.join(tmpdir(), 'writ-static-'));
  });
  afterEach(() => rmSync(staticDir, { recursive: true, force: true }));

  it("lists every file of the build's static folder as the path a browser asks for, and nothing else", () => {
    mkdirSync(path.join(staticDir, 'chunks'), { recursive: true });
    mkdirSync(path.join(staticDir, 'BUILD_1'), { recursive: true });
    writeFileSync(path.join(staticDir, 'chunks/1qr6.js'), 'x');
    writeFileSync(path.join(staticDir, 'chunks/2g6e.css'), 'x');
    writeFileSync(path.join(staticDir, 'BUILD_1/_buildManifest.js'), 'x');
    // A name the server would never take from a URL is not warmed either.
    writeFileSync(path.join(staticDir, 'chunks/odd name.js'), 'x');
    expect(buildAssetPaths(staticDir)).toEqual([
      '/_next/static/BUILD_1/_buildManifest.js',
      '/_next/static/chunks/1qr6.js',
      '/_next/static/chunks/2g6e.css',
    ]);
  });

  it('gives none for a folder that is not there', () => {
    expect(buildAssetPaths(path.join(staticDir, 'missing'))).toEqual([]);
  });
});
