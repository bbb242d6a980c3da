import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, RENDER_HEADER } from './server/csp';

/**
 * A Content-Security-Policy with a fresh nonce per page (server/csp.ts): Next.js puts the nonce on its own inline
 * scripts, reading it from the request's CSP header, so markup injected into a page cannot run. The pages render
 * per request (app/layout.tsx) so that each gets its own nonce.
 * The one exception is a render the portal's server (server/main.ts) asks for to cache a public page: it gets no
 * nonce, and the server sends it with the hashes of its inline scripts instead. The API's answers (app/api) are
 * JSON and get no page policy.
 */
export function proxy(request: NextRequest): NextResponse {
  const secret = process.env.WRIT_PAGE_RENDER_SECRET;
  if (secret && request.headers.get(RENDER_HEADER) === secret) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({ nonce }, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
