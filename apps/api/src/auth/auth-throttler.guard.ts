import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ThrottlerModuleOptions, ThrottlerStorageService } from '@nestjs/throttler';
import { ENV, type Env } from '../config/index.js';
import { ClientThrottlerGuard } from './client-throttler.guard.js';
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

/** For the login routes only (not app-wide). */
@Injectable()
export class AuthThrottlerGuard extends ClientThrottlerGuard {
  protected readonly attempts = 'attempts';

  // Both parameters are named explicitly: the parent's own injection tokens (its module's options and storage)
  // would otherwise be inherited for the positions left undecorated.
  constructor(
    @Inject(AUTH_THROTTLER_STORAGE) storage: ThrottlerStorageService,
    @Inject(Reflector) reflector: Reflector,
    @Inject(ENV) protected readonly env: Env,
  ) {
    super(AUTH_THROTTLE, storage, reflector);
  }
}
