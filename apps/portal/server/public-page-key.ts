import { ALL, CountryCode, LegalProcess, PeriodId } from '@writ/contracts';

/**
 * Which requests may be answered from the public page cache, and under which key. Only pages that are the same for
 * every reader and change only when something is published: the overview, reports, countries, the canary and the
 * policy. Never /staff, /audit (it follows the live log) or /package/{token} (one authority's link).
 * Query parameters other than the report table's two filters, or filter values a page would not offer, make the
 * request bypass the cache (rendered per request as before), so no one can fill the cache with made-up URLs.
 */
export function publicPageKey(method: string | undefined, rawUrl: string | undefined): string | null {
  if ((method !== 'GET' && method !== 'HEAD') || !rawUrl || !rawUrl.startsWith('/') || rawUrl.startsWith('//')) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(rawUrl, 'http://portal.invalid');
  } catch {
    return null;
  }
  const path = url.pathname;
  const params = [...url.searchParams.keys()];
  if (path === '/' || path === '/countries' || path === '/canary' || path === '/policy') {
    return params.length === 0 ? path : null;
  }
  const country = /^\/countries\/([^/]+)$/.exec(path);
  if (country) return params.length === 0 && CountryCode.safeParse(country[1]).success ? path : null;
  const report = /^\/reports\/([^/]+)$/.exec(path);
  if (!report || !PeriodId.safeParse(report[1]).success) return null;
  return reportKey(path, url.searchParams);
}

function reportKey(path: string, search: URLSearchParams): string | null {
  const allowed = new Set(['country', 'legalProcess']);
  const keys = [...search.keys()];
  if (keys.some((key) => !allowed.has(key)) || new Set(keys).size !== keys.length) return null;
  const country = search.get('country') ?? ALL;
  const legalProcess = search.get('legalProcess') ?? ALL;
  if (country !== ALL && !CountryCode.safeParse(country).success) return null;
  if (legalProcess !== ALL && !LegalProcess.safeParse(legalProcess).success) return null;
  // One key per page shown: "?country=ALL" and no parameter render the same table.
  const query = new URLSearchParams();
  if (country !== ALL) query.set('country', country);
  if (legalProcess !== ALL) query.set('legalProcess', legalProcess);
  const canonical = query.toString();
  return canonical ? `${path}?${canonical}` : path;
}
