import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AppError } from '../common/index.js';
import type { Env } from '../config/index.js';
import { verifiedClientAddress } from './client-address.js';

/**
 * @nestjs/throttler's guard for routes a stranger can hammer (login, the public package download), each with its
 * own storage and limits, counting per client and answering in the API's one error shape. The client is the
 * address the portal vouches for in a header signed with PORTAL_PROXY_SECRET, else the connection's (behind a
 * proxy, TRUST_PROXY makes that the client's): without the portal's word every caller through it would share one
 * bucket.
 */
export abstract class ClientThrottlerGuard extends ThrottlerGuard {
  /** What is being counted, for the refusal: "attempts", "download attempts". */
  protected abstract readonly attempts: string;
  protected abstract readonly env: Env;

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
    throw new AppError('RATE_LIMITED', `Too many ${this.attempts}. Wait ${seconds} s before trying again.`, {
      retryAfterSeconds: seconds,
    });
  }
}
