import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The portal forwards every browser call from its own address, so to the API all of them would share one client
 * address (and one login rate-limit bucket). It therefore names the client in `x-writ-client-ip`, and proves that
 * it is the one speaking with `x-writ-client-ip-signature: <unix seconds>.<hex HMAC-SHA256(PORTAL_PROXY_SECRET,
 * "<unix seconds>.<address>")>` (apps/portal/lib/client-address.ts writes it). Anyone else's value is ignored,
 * and so is an old one: a signature seen once cannot be replayed later to pose as that client.
 */
export const CLIENT_IP_HEADER = 'x-writ-client-ip';
export const CLIENT_IP_SIGNATURE_HEADER = 'x-writ-client-ip-signature';
/** How far the portal's clock and the API's may disagree, and how long a signed address stays usable. */
const MAX_AGE_SECONDS = 60;

export function signClientAddress(secret: string, address: string, now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  return `${seconds}.${createHmac('sha256', secret).update(`${seconds}.${address}`).digest('hex')}`;
}

/** The client address the portal vouches for, or null when there is none, or the signature does not hold. */
export function verifiedClientAddress(
  headers: Record<string, string | string[] | undefined>,
  secret: string | undefined,
  now = Date.now(),
): string | null {
  const address = headers[CLIENT_IP_HEADER];
  const signature = headers[CLIENT_IP_SIGNATURE_HEADER];
  if (!secret || typeof address !== 'string' || typeof signature !== 'string' || isIP(address) === 0) return null;
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(signature);
  if (!match) return null;
  const seconds = Number(match[1]);
  if (Math.abs(now / 1000 - seconds) > MAX_AGE_SECONDS) return null;
  const expected = createHmac('sha256', secret).update(`${seconds}.${address}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) ? address : null;
}
