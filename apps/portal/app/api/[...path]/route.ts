import type { NextRequest } from 'next/server';
import { apiBase, forwardedHeaders, relayedResponse } from '@/lib/api-proxy';

// The browser reaches the API through the portal's own origin (/api/* → the API), so session cookies stay
// SameSite=strict and no CORS is needed. A route handler rather than a next.config rewrite, because rewrites are
// fixed when the portal is built, while the API's address (WRIT_API_URL) is only known when it starts; and rather
// than a proxy (middleware), because those buffer request bodies, which would cut off document uploads. Bodies
// stream through in both directions.

export const dynamic = 'force-dynamic';

async function forward(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params;
  const target = new URL(`/${path.map(encodeURIComponent).join('/')}${request.nextUrl.search}`, apiBase());
  const headers = forwardedHeaders(request.headers);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      // Node's fetch needs this to stream a request body.
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    // Whether a write arrived is unknown here (the connection may have dropped after sending it): say how to find out.
    const message = hasBody
      ? 'The Writ API cannot be reached right now, so this may not have been recorded. Reload the page in a minute to see whether it was, and try again if not.'
      : 'The Writ API cannot be reached right now. Try again in a minute; if it stays like this, tell the administrator.';
    return Response.json({ error: { code: 'SERVICE_UNAVAILABLE', message } }, { status: 503 });
  }
  return relayedResponse(upstream);
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE, forward as HEAD };
