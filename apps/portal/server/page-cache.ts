import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { contentSecurityPolicy } from './csp.js';
import { inlineScriptHashes } from './script-hashes.js';

/** A page as Next.js rendered it for the cache: status 200, HTML, and the headers to send again. */
export type RenderedPage = { html: string; headers: Record<string, string> };

export type CachedPage = {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** What the published data looked like when the page was rendered (see `stamp` below). */
  stamp: string;
  renderedAt: number;
  /** When the stamp was last read and found unchanged: the page is known right as of then. */
  checkedAt: number;
};

export type PageCacheOptions = {
  /** Renders one page; null when it is not a cacheable answer (an error, a redirect, a 404). */
  render(key: string): Promise<RenderedPage | null>;
  /**
   * A digest of everything public pages show that can change while the portal runs (the published reports and
   * the canary). Read before rendering, so a publication during a render is seen at the next check.
   */
  stamp(): Promise<string>;
  /** How long a page is served without reading the stamp again; 0 reads it for every request. */
  freshMs: number;
  /** A page is rendered again after this long even if nothing was published (the canary's expiry, the clock). */
  maxAgeMs: number;
  /** Bytes kept at most (pages and their gzip copies); the least recently used page goes first. */
  maxBytes: number;
  now?: () => number;
};

/**
 * Public pages, rendered once and served to every reader until something is published. Rendering a report page
 * takes tens of milliseconds of CPU; serving its bytes takes microseconds, which is what lets one small machine
 * answer thousands of readers a second (issue 14's benchmark) without giving up the page's CSP: each cached page
 * carries a policy listing the hashes of its own inline scripts.
 *
 * An answer reflects the published data as it was at most `freshMs` before the request arrived, or, while a check
 * of the page takes longer than that, as of the check before: requests for the same page share one check or render
 * at a time. With `freshMs` 0 (the tests) every request waits for a check that started after it arrived.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private bytes = 0;
  private readonly pending = new Map<string, { startedAt: number; result: Promise<CachedPage | null> }>();
  private readonly now: () => number;

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? (() => performance.timeOrigin + performance.now());
  }

  /** The cached page if it is fresh enough to answer at once, else undefined (then call `get`). */
  peek(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    const now = this.now();
    if (!page || now - page.checkedAt >= this.options.freshMs || now - page.renderedAt >= this.options.maxAgeMs) {
      return undefined;
    }
    // Most recently used last, so the first key is the one to evict.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  /** The page for `key`, checked or rendered as needed; null when the page cannot be cached (render it normally). */
  get(key: string): Promise<CachedPage | null> {
    const fresh = this.peek(key);
    if (fresh) return Promise.resolve(fresh);
    const arrived = this.now();
    const inFlight = this.pending.get(key);
    if (inFlight && inFlight.startedAt >= arrived - this.options.freshMs) return inFlight.result;
    if (inFlight && this.options.freshMs > 0) {
      // A check or render is slower than the fresh window (a busy machine): one at a time, and meanwhile readers get
      // the page as it was, rather than each starting a render of their own and making the machine busier still.
      const stale = this.pages.get(key);
      return stale ? Promise.resolve(stale) : inFlight.result;
    }
    const result = this.refresh(key, arrived).finally(() => {
      if (this.pending.get(key)?.result === result) this.pending.delete(key);
    });
    this.pending.set(key, { startedAt: arrived, result });
    return result;
  }

  private async refresh(key: string, startedAt: number): Promise<CachedPage | null> {
    const stamp = await this.options.stamp();
    const cached = this.pages.get(key);
    if (cached && cached.stamp === stamp && startedAt - cached.renderedAt < this.options.maxAgeMs) {
      cached.checkedAt = Math.max(cached.checkedAt, startedAt);
      return cached;
    }
    const rendered = await this.options.render(key);
    this.drop(key);
    if (!rendered) return null;
    const page = cachedPage(rendered, stamp, startedAt);
    this.pages.set(key, page);
    this.bytes += size(page);
    // Report pages with every filter could otherwise add up to hundreds of megabytes.
    while (this.bytes > this.options.maxBytes && this.pages.size > 1)
      this.drop(this.pages.keys().next().value as string);
    return page;
  }

  private drop(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= size(page);
  }
}

const size = (page: CachedPage) => page.body.length + page.gzip.length;

function cachedPage({ html, headers }: RenderedPage, stamp: string, at: number): CachedPage {
  const body = Buffer.from(html, 'utf8');
  return {
    body,
    // Compressed once here rather than per reader: most readers' browsers ask for gzip.
    gzip: gzipSync(body),
    etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    headers: { ...headers, 'content-security-policy': contentSecurityPolicy({ hashes: inlineScriptHashes(html) }) },
    stamp,
    renderedAt: at,
    checkedAt: at,
  };
}
