import type { RenderedPage } from './page-cache.js';
import { RENDER_HEADER } from './csp.js';
import type { LoadedAsset } from './static-assets.js';

// Headers of Next.js's answer that describe this response only, or that the cache sets itself.
const PER_RESPONSE = [
  'connection',
  'content-encoding',
  'content-length',
  'content-security-policy',
  'date',
  'etag',
  'keep-alive',
  'set-cookie',
  'transfer-encoding',
  'vary',
];
// A cached page is sent with its own Cache-Control (send-page.ts); a build file keeps Next.js's (immutable).
const NOT_KEPT_FOR_PAGES = new Set([...PER_RESPONSE, 'cache-control']);
const NOT_KEPT_FOR_ASSETS = new Set(PER_RESPONSE);

function keptHeaders(response: Response, notKept: ReadonlySet<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!notKept.has(name) && !name.startsWith('x-nextjs')) headers[name] = value;
  });
  return headers;
}

/** Asks this same server over loopback, marked with the render secret so that the caches are bypassed. */
function askNext(origin: string, secret: string, path: string): Promise<Response> {
  return fetch(`${origin}${path}`, {
    headers: { [RENDER_HEADER]: secret, 'accept-encoding': 'identity' },
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
}

/**
 * Asks this same server, over loopback, for the page as Next.js renders it, marked with the render secret so
 * that the proxy adds no nonce and the cache is bypassed. Only a plain 200 HTML answer is cacheable.
 */
export async function renderPage(origin: string, secret: string, key: string): Promise<RenderedPage | null> {
  const response = await askNext(origin, secret, key);
  const html = await response.text();
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return null;
  return { html, headers: keptHeaders(response, NOT_KEPT_FOR_PAGES) };
}

/** A build file under /_next/static/ as Next.js serves it, uncompressed; null unless a 200. */
export async function loadStaticAsset(origin: string, secret: string, path: string): Promise<LoadedAsset> {
  const response = await askNext(origin, secret, path);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) return null;
  return { body, headers: keptHeaders(response, NOT_KEPT_FOR_ASSETS) };
}

/**
 * A digest of the published reports and the canary, the only things on cached pages that change while Writ runs.
 * When the API cannot be reached the digest is new each time, so pages are rendered again (and show that).
 */
export async function publishedStamp(apiUrl: string): Promise<string> {
  try {
    const bodies = await Promise.all(
      ['/reports', '/canary'].map(async (path) => {
        const response = await fetch(`${apiUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
        const body = await response.text();
        // An error answer names its request id, new each time: only its status says anything about the data.
        return response.ok ? `${response.status}:${body}` : `${response.status}`;
      }),
    );
    return bodies.join('\n');
  } catch {
    return `unreachable:${Date.now()}:${Math.random()}`;
  }
}
