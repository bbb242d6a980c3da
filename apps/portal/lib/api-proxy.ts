import { clientAddressHeaders } from './client-address';

// One way for the portal's route handlers to pass a browser's request on to the API: the generic /api/* proxy, and
// the two form POSTs that hand over a disclosure package (a download must be a plain form submission, so the
// browser streams the zip to disk instead of holding it in memory).

// Forwarding headers are dropped, not passed on: the client could write anything in them. The portal names the
// client itself, in a signed header (client-address.ts), and the client's own x-writ-client-ip* are dropped.
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

export const apiBase = () => process.env.WRIT_API_URL ?? 'http://127.0.0.1:4000';

/** The browser's headers minus hop-by-hop and forwarding ones, plus the portal's signed client address. */
export function forwardedHeaders(incoming: Headers, drop: readonly string[] = []): Headers {
  const headers = new Headers();
  incoming.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key) && !drop.includes(key)) headers.set(key, value);
  });
  const client = clientAddressHeaders(incoming.get('x-forwarded-for'), process.env.PORTAL_PROXY_SECRET);
  for (const [key, value] of Object.entries(client)) headers.set(key, value);
  return headers;
}

/** The API's answer as the browser's: body streamed, hop-by-hop headers dropped, cookies passed on one by one. */
export function relayedResponse(upstream: Response): Response {
  const headers = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!HOP_BY_HOP.has(key) && key !== 'set-cookie' && key !== 'content-encoding' && key !== 'content-length') {
      headers.set(key, value);
    }
  });
  for (const cookie of upstream.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, headers });
}

/** The refusal's code from an API error body, if it has one (`{ error: { code } }`). */
export async function refusalCode(upstream: Response): Promise<string> {
  const body = (await upstream.json().catch(() => null)) as { error?: { code?: unknown } } | null;
  const code = body?.error?.code;
  return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? code : `HTTP_${upstream.status}`;
}

/**
 * A 303 back to a page of the portal, by path: a relative Location stays on the origin the browser used (behind a
 * proxy, request.url may name another host, and the page's CSP form-action 'self' would then block the redirect).
 */
export function seeOther(pathAndQuery: string): Response {
  return new Response(null, { status: 303, headers: { location: pathAndQuery } });
}
