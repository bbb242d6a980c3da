import { type NextRequest, NextResponse } from 'next/server';

// Stopgap for the staff login (see the auth/staff hand-over): next.config.ts's /api/* rewrite is resolved when the
// portal is *built* (its destination lands in .next/routes-manifest.json), so a portal started with another
// WRIT_API_URL than the one it was built with (the portal test tier, `npm start --api-port`, any deployment) proxies
// to the wrong place. This resolves the API's address per request instead. Scoped to the small JSON login calls:
// a proxy buffers request bodies (10 MB by default), which would cut off document uploads. The public log routes
// are GETs without bodies: the audit page's in-browser checks fetch checkpoints, proofs and entries through here.
export function proxy(request: NextRequest): NextResponse {
  const api = process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';
  return NextResponse.rewrite(
    new URL(`${request.nextUrl.pathname.slice('/api'.length)}${request.nextUrl.search}`, api),
  );
}

export const config = { matcher: ['/api/auth/:path*', '/api/log/:path*'] };
