import { config } from 'zod';

/**
 * In the browser (a page or its workers), zod parses without compiling: it otherwise probes once with `new Function`
 * whether it may, as the first object schema is built, and the portal's Content-Security-Policy forbids eval, so
 * every page that loads a contract would report a CSP violation (Lighthouse counts it against best practices). The
 * few responses a page checks parse just as well without. Import this before any module that builds a schema; the
 * server keeps zod's compiled parsers.
 */
const inBrowser = typeof window !== 'undefined' || 'WorkerGlobalScope' in globalThis; // a page, or a worker of one
if (inBrowser) config({ jitless: true });
