import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedPage } from './page-cache.js';

/**
 * Answers from the cache: 304 when the reader already has these bytes, gzip when the reader accepts it. Readers
 * and CDNs may keep the page but must ask again each time (no-cache), since a correction can be published at any
 * moment; the ETag makes that question cheap.
 */
export function sendCachedPage(request: IncomingMessage, response: ServerResponse, page: CachedPage): void {
  const headers: Record<string, string> = {
    ...page.headers,
    etag: page.etag,
    'cache-control': 'public, no-cache',
    vary: 'Accept-Encoding',
    'x-writ-page-cache': 'hit',
  };
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === page.etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/i.test(request.headers['accept-encoding'] ?? '');
  const body = gzip ? page.gzip : page.body;
  response.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
