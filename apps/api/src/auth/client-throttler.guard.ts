import { type ExecutionContext, Inject, Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import { AppError } from '../common/index.js';
import { ENV, type Env } from '../config/index.js';
import { verifiedClientAddress } from './client-address.js';

export interface ClientThrottle {
  /** The provider token of this guard's own ThrottlerStorageService (its module provides it). */
  storage: symbol;
  limits: ThrottlerModuleOptions;
  /** What is being counted, for the refusal: "attempts", "download attempts". */
  attempts: string;
}

/**
 * @nestjs/throttler's guard for routes a stranger can hammer (login, the public package download), each with its
 * own storage and limits, counting per client and answering in the API's one error shape. The client is the
 * address the portal vouches for in a header signed with PORTAL_PROXY_SECRET, else the connection's (behind a
 * proxy, TRUST_PROXY makes that the client's): without the portal's word every caller through it would share one
 * bucket. Extend the class this returns: `class LoginGuard extends clientThrottlerGuard({...}) {}`.
 */
export function clientThrottlerGuard(throttle: ClientThrottle): Type<ThrottlerGuard> {
  @Injectable()
  class ClientThrottlerGuard extends ThrottlerGuard {
    // Every parameter is named explicitly: the parent's own injection tokens (its module's options and storage)
    // would otherwise be inherited for the positions left undecorated.
    constructor(
      @Inject(throttle.storage) storage: ThrottlerStorageService,
      @Inject(Reflector) reflector: Reflector,
      @Inject(ENV) private readonly env: Env,
    ) {
      super(throttle.limits, storage, reflector);
    }

    protected override getTracker(request: Record<string, unknown>): Promise<string> {
      const headers = request.headers as Record<string, string | string[] | undefined>;
      const vouched = verifiedClientAddress(headers, this.env.PORTAL_PROXY_SECRET);
      return Promise.resolve(vouched ?? (request.ip as string));
    }

    protected override async throwThrottlingException(
      _context: ExecutionContext,
      limit: ThrottlerLimitDetail,
    ): Promise<void> {
      const seconds = Math.max(1, Math.ceil(limit.timeToBlockExpire));
      throw new AppError('RATE_LIMITED', `Too many ${throttle.attempts}. Wait ${seconds} s before trying again.`, {
        retryAfterSeconds: seconds,
      });
    }
  }
  return ClientThrottlerGuard;
}
