import type { NextRequest } from 'next/server';
import { clientAddressHeaders } from '@/lib/client-address';

// The browser reaches the API through the portal's own origin (/api/* → the API), so session cookies stay
// SameSite=strict and no CORS is needed. A route handler rather than a next.config rewrite, because rewrites are
// fixed when the portal is built, while the API's address (WRIT_API_URL) is only known when it starts; and rather
// than a proxy (middleware), because those buffer request bodies, which would cut off document uploads. Bodies
// stream through in both directions.

export const dynamic = 'force-dynamic';

// Forwarding headers are dropped, not passed on: the client could write anything in them. The portal names the
// client itself, in a signed header (lib/client-address.ts), and the client's own x-writ-client-ip* are dropped.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'te',
  'trailer',
  'proxy-connection',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'forwarded',
  'x-writ-client-ip',
  'x-writ-client-ip-signature',
]);

async function forward(request: NextRequest, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const api = process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';
  const { path } = await context.params;
  const target = new URL(`/${path.map(encodeURIComponent).join('/')}${request.nextUrl.search}`, api);
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key)) headers.set(key, value);
  });
  const client = clientAddressHeaders(request.headers.get('x-forwarded-for'), process.env.PORTAL_PROXY_SECRET);
  for (const [key, value] of Object.entries(client)) headers.set(key, value);
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
    return Response.json(
      { error: { code: 'SERVICE_UNAVAILABLE', message: 'The Writ API cannot be reached right now.' } },
      { status: 503 },
    );
  }
  const responseHeaders = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key) && key !== 'set-cookie' && key !== 'content-encoding' && key !== 'content-length') {
      responseHeaders.set(key, value);
    }
  });
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE, forward as HEAD };
