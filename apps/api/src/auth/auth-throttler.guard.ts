import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { clientThrottlerGuard } from './client-throttler.guard.js';
import type { WithIdentity } from './identity.js';

export const AUTH_THROTTLER_STORAGE = Symbol('writ:auth-throttler-storage');

/** Attempts per account: by the email typed at login, by the staff id on the second-factor steps. */
function accountTracker(request: Record<string, unknown>): string {
  const staffId = (request as WithIdentity).identity?.staffId;
  if (staffId) return `staff:${staffId}`;
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : 'email:';
}

/**
 * Both limits apply at once: per client address (one machine trying many accounts) and per account (many machines
 * trying one account). They sit on top of the lockout, which counts failures only; these count every attempt.
 * Behind a proxy, set TRUST_PROXY so the address is the client's, not the proxy's; calls through the portal name
 * their client in a header signed with PORTAL_PROXY_SECRET (client-address.ts).
 */
export const AUTH_THROTTLE: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'ip', ttl: 60_000, limit: 20 },
    { name: 'account', ttl: 10 * 60_000, limit: 10, getTracker: accountTracker },
  ],
};

/**
 * For the login routes only (not app-wide). Undecorated on purpose: it inherits the constructor, and its injection
 * metadata, from clientThrottlerGuard's class.
 */
export class AuthThrottlerGuard extends clientThrottlerGuard({
  storage: AUTH_THROTTLER_STORAGE,
  limits: AUTH_THROTTLE,
  attempts: 'attempts',
}) {}
