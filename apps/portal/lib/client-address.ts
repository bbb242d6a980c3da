import { createHmac } from 'node:crypto';

/**
 * Every browser call reaches the API from the portal's address, so the API would count all of them as one client
 * (one login rate-limit bucket for everyone). The portal names the client instead, in headers the API believes
 * only when signed with the secret they share (PORTAL_PROXY_SECRET; the API's side: apps/api/src/auth/client-address.ts):
 * `x-writ-client-ip: <address>`, `x-writ-client-ip-signature: <unix seconds>.<hex HMAC-SHA256(secret, "<unix
 * seconds>.<address>")>`.
 */
export function clientAddressHeaders(forwardedFor: string | null, secret: string | undefined): Record<string, string> {
  // Next.js fills X-Forwarded-For with the connection's address unless the request already has one; a reverse
  // proxy in front of the portal appends the address it saw. Either way the last entry is the one vouched for by
  // the hop nearest to the portal; earlier entries are whatever the client wrote.
  const address = forwardedFor?.split(',').at(-1)?.trim();
  if (!secret || !address) return {};
  const seconds = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', secret).update(`${seconds}.${address}`).digest('hex');
  return { 'x-writ-client-ip': address, 'x-writ-client-ip-signature': `${seconds}.${mac}` };
}
