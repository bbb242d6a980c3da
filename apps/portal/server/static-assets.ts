import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

// zlib's callback forms run on libuv's thread pool: brotli at quality 11 takes a third of a second for React's chunk,
// and done in line it held every other request (pages, the API proxy) for as long.
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One build file under /_next/static/, as Next.js answered it, with its compressed copies made once. */
export type StaticAsset = {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
  headers: Record<string, string>;
};

/** What the loader hands over: the bytes and Next.js's headers for them, or null when it is not a 200 answer. */
export type LoadedAsset = { body: Buffer; headers: Record<string, string> } | null;

const PREFIX = '/_next/static/';
// Content-hashed names, as Next.js writes them: nothing that could climb out of the folder or carry a query.
const ASSET_PATH = /^\/_next\/static\/[A-Za-z0-9_\-./~]+$/;

/** The path of a GET or HEAD for a build file, or null for anything else (which Next.js answers as usual). */
export function staticAssetPath(method: string | undefined, url: string | undefined): string | null {
  if ((method !== 'GET' && method !== 'HEAD') || !url?.startsWith(PREFIX)) return null;
  if (!ASSET_PATH.test(url) || url.includes('..') || url.includes('//')) return null;
  return url;
}

/**
 * The scripts and styles every page loads. Next.js reads each from disk and compresses it again for every request,
 * which on a cold visit to a staff page is a dozen files at once on a two-core machine. Their names change with
 * their content, so one copy per build is right forever: each is fetched once from Next.js (so its headers, the
 * security ones from next.config.ts among them, stay Next.js's), compressed once with gzip and brotli at their
 * best settings, then sent from memory. A miss, an error or a full budget leaves the request to Next.js.
 * The server warms every build file once it listens (`warm`), so the first visitor after a start or a deploy does not
 * wait for the compressing.
 */
export class StaticAssets {
  private readonly assets = new Map<string, Promise<StaticAsset | null>>();
  private bytes = 0;

  constructor(
    private readonly load: (path: string) => Promise<LoadedAsset>,
    private readonly maxBytes: number,
  ) {}

  /** The asset, loading it on first use; null when Next.js should answer (not a 200, or over budget). */
  get(path: string): Promise<StaticAsset | null> {
    let asset = this.assets.get(path);
    if (!asset) {
      asset = this.fill(path);
      this.assets.set(path, asset);
    }
    return asset;
  }

  /**
   * Loads each of `paths` in turn, in the background: one at a time, so a visitor arriving meanwhile shares the
   * machine with one compression, not forty. Failures are left for a visitor's request to retry.
   */
  async warm(paths: readonly string[]): Promise<number> {
    let kept = 0;
    for (const assetPath of paths) {
      if (await this.get(assetPath).catch(() => null)) kept += 1;
    }
    return kept;
  }

  private async fill(path: string): Promise<StaticAsset | null> {
    let loaded: LoadedAsset;
    try {
      loaded = await this.load(path);
    } catch {
      loaded = null;
    }
    // The body plus a generous guess at its two compressed copies, held while they are made: compressing is
    // asynchronous, and fills running side by side must not all pass the budget check before any of them counts.
    const reserved = loaded ? loaded.body.length * 2 : 0;
    if (!loaded || this.bytes + reserved > this.maxBytes) {
      // Not kept: the next request asks Next.js again (a missing file may be one a new build is writing).
      this.assets.delete(path);
      return null;
    }
    this.bytes += reserved;
    const { body, headers } = loaded;
    let gzipped: Buffer;
    let brotli: Buffer;
    try {
      [gzipped, brotli] = await Promise.all([
        gzipAsync(body, { level: 9 }),
        brotliAsync(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
      ]);
    } catch {
      this.bytes -= reserved;
      this.assets.delete(path);
      return null;
    }
    const asset: StaticAsset = {
      body,
      gzip: gzipped,
      brotli,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      headers,
    };
    this.bytes += asset.body.length + asset.gzip.length + asset.brotli.length - reserved;
    return asset;
  }
}

/**
 * The URL path of every file of a build's static folder (`.next/static`), as `staticAssetPath` takes it; names that
 * path would refuse are left out. An absent folder gives none.
 */
export function buildAssetPaths(staticDir: string): string[] {
  let entries;
  try {
    entries = readdirSync(staticDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const relative = path.relative(staticDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      return staticAssetPath('GET', `${PREFIX}${relative}`);
    })
    .filter((assetPath): assetPath is string => assetPath !== null)
    .sort();
}

/** Picks brotli, then gzip, then the plain bytes, by what the reader accepts (a q of 0 refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/i.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

export function sendStaticAsset(request: IncomingMessage, response: ServerResponse, asset: StaticAsset): void {
  const headers: Record<string, string> = { ...asset.headers, etag: asset.etag, vary: 'Accept-Encoding' };
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === asset.etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body;
  response.writeHead(200, {
    ...headers,
    ...(encoding ? { 'content-encoding': encoding } : {}),
    'content-length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
