/**
 * The portal's production server: Next.js, with public pages served from memory (page-cache.ts). Started by
 * `npm start`, the tests and the benchmarks in place of `next start`.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import type createNextServer from 'next/dist/server/next.js';
import { millisecondsFromEnv, parseServerArgs, USAGE } from './args.js';
import { RENDER_HEADER } from './csp.js';
import { PageCache } from './page-cache.js';
import { publicPageKey } from './public-page-key.js';
import { loadStaticAsset, publishedStamp, renderPage } from './render-page.js';
import { sendCachedPage } from './send-page.js';
import { buildAssetPaths, sendStaticAsset, StaticAssets, staticAssetPath } from './static-assets.js';

let args;
let freshMs: number;
let maxAgeMs: number;
try {
  args = parseServerArgs(process.argv.slice(2));
  freshMs = millisecondsFromEnv('PORTAL_PAGE_FRESH_MS', 1000);
  maxAgeMs = millisecondsFromEnv('PORTAL_PAGE_MAX_AGE_MS', 60_000);
} catch (error) {
  process.stderr.write(`portal: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

// As `next start` does: this is the production server whatever the caller's NODE_ENV (jest's is "test").
(process.env as Record<string, string>).NODE_ENV = 'production';
// Shared with proxy.ts, which runs in this process: requests carrying it are the cache's own renders.
const secret = randomBytes(32).toString('base64url');
process.env.WRIT_PAGE_RENDER_SECRET = secret;
const apiUrl = process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';
const dir = fileURLToPath(new URL('../..', import.meta.url));
// Next.js's types describe an ES default export; under Node's ESM the default is its CommonJS module.exports, which
// is that same function.
const app = (next as unknown as typeof createNextServer.default)({
  dev: false,
  dir,
  port: args.port,
  hostname: args.host,
});
const handle = app.getRequestHandler();
await app.prepare();

const loopbackHost = !args.host || args.host === '0.0.0.0' || args.host === '::' ? '127.0.0.1' : args.host;
const origin = `http://${loopbackHost.includes(':') ? `[${loopbackHost}]` : loopbackHost}:${args.port}`;
const cache = new PageCache({
  render: (key) => renderPage(origin, secret, key),
  stamp: () => publishedStamp(apiUrl),
  freshMs,
  maxAgeMs,
  maxBytes: 64 * 2 ** 20,
});
// A build's scripts and styles come to a few megabytes; the budget only guards against a surprise.
const assets = new StaticAssets((path) => loadStaticAsset(origin, secret, path), 64 * 2 ** 20);

const server = createServer((request, response) => {
  if (request.headers[RENDER_HEADER] !== undefined && request.headers[RENDER_HEADER] !== secret) {
    delete request.headers[RENDER_HEADER];
  }
  const asset = request.headers[RENDER_HEADER] ? null : staticAssetPath(request.method, request.url);
  if (asset !== null) {
    assets.get(asset).then(
      (file) => (file ? sendStaticAsset(request, response, file) : void handle(request, response)),
      () => void handle(request, response),
    );
    return;
  }
  const key = request.headers[RENDER_HEADER] ? null : cacheableKey(request.method, request.url, request.headers);
  if (key === null) {
    void handle(request, response);
    return;
  }
  const fresh = cache.peek(key);
  if (fresh) {
    sendCachedPage(request, response, fresh);
    return;
  }
  cache.get(key).then(
    (page) => (page ? sendCachedPage(request, response, page) : void handle(request, response)),
    () => void handle(request, response),
  );
});

/** Client-side navigations and prefetches ask Next.js for its own payloads; those are never cached here. */
function cacheableKey(method: string | undefined, url: string | undefined, headers: Record<string, unknown>) {
  if (headers.rsc !== undefined || headers['next-router-state-tree'] !== undefined || headers['next-action']) {
    return null;
  }
  return publicPageKey(method, url);
}

server.listen(args.port, args.host, () => {
  process.stdout.write(`portal: listening on ${origin.replace(loopbackHost, args.host ?? 'localhost')}\n`);
  // Every build file compressed before the first visitor asks for it (StaticAssets.warm).
  const started = Date.now();
  const paths = buildAssetPaths(path.join(dir, '.next/static'));
  void assets.warm(paths).then((kept) => {
    process.stdout.write(`portal: ${kept} of ${paths.length} build files compressed in ${Date.now() - started} ms\n`);
  });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
