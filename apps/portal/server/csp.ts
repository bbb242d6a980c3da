/**
 * The portal's Content-Security-Policy, in its two forms (docs/STYLE.md: one place for a rule used twice):
 *  - per request, with a fresh nonce (proxy.ts): scripts run only with the nonce, and 'strict-dynamic' lets
 *    Next.js's own scripts load its chunks;
 *  - for a cached public page (server/page-cache.ts), with the SHA-256 of each inline script of that exact HTML: the
 *    same bytes are served to many readers, so a nonce would be reused and worth nothing, while a hash only admits
 *    the scripts the portal rendered. Chunks come from the portal's own origin ('self').
 * Styles may be inline (React style attributes); nothing is loaded from another origin; the portal is never framed.
 */
export type ScriptSources = { nonce: string } | { hashes: readonly string[] };

export function contentSecurityPolicy(scripts: ScriptSources, development = false): string {
  const scriptSrc =
    'nonce' in scripts
      ? `'self' 'nonce-${scripts.nonce}' 'strict-dynamic'`
      : ["'self'", ...scripts.hashes.map((hash) => `'sha256-${hash}'`)].join(' ');
  return [
    `default-src 'self'`,
    // React's development build evaluates code to rebuild server error stacks; production needs no eval.
    `script-src ${scriptSrc}${development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' blob: data:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    // The report check's Web Worker (reports/report-check.worker.ts), a build file of the portal's own origin. Named
    // because 'strict-dynamic' would otherwise leave workers with no allowed source at all.
    `worker-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/**
 * The header with which the portal's server asks Next.js for a page to cache. Its value is a secret of the running
 * process (WRIT_PAGE_RENDER_SECRET), so no outside request can pass as one; proxy.ts then adds no nonce.
 */
export const RENDER_HEADER = 'x-writ-page-render';
