import type { RenderedPage } from './page-cache.js';
import { RENDER_HEADER } from './csp.js';

// Headers of Next.js's answer that describe this response only, or that the cache sets itself.
const NOT_KEPT = new Set([
  'cache-control',
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
]);

/**
 * Asks this same server, over loopback, for the page as Next.js renders it, marked with the render secret so
 * that the proxy adds no nonce and the cache is bypassed. Only a plain 200 HTML answer is cacheable.
 */
export async function renderPage(origin: string, secret: string, key: string): Promise<RenderedPage | null> {
  const response = await fetch(`${origin}${key}`, {
    headers: { [RENDER_HEADER]: secret, 'accept-encoding': 'identity' },
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  const html = await response.text();
  if (response.status !== 200 || !response.headers.get('content-type')?.startsWith('text/html')) return null;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!NOT_KEPT.has(name) && !name.startsWith('x-nextjs')) headers[name] = value;
  });
  return { html, headers };
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
