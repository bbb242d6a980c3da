import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import { AppError } from '../common/app-error.js';

export const DOWNLOAD_THROTTLER_STORAGE = Symbol('writ:download-throttler-storage');

/**
 * The public download route is the one place a stranger can guess at tokens: every attempt counts, per client
 * address (behind a proxy, TRUST_PROXY makes that the client's). A real authority downloads once.
 */
export const DOWNLOAD_THROTTLE: ThrottlerModuleOptions = { throttlers: [{ name: 'ip', ttl: 60_000, limit: 10 }] };

@Injectable()
export class DownloadThrottlerGuard extends ThrottlerGuard {
  constructor(
    @Inject(DOWNLOAD_THROTTLER_STORAGE) storage: ThrottlerStorageService,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super(DOWNLOAD_THROTTLE, storage, reflector);
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(limit.timeToBlockExpire));
    throw new AppError('RATE_LIMITED', `Too many download attempts. Wait ${seconds} s before trying again.`, {
      retryAfterSeconds: seconds,
    });
  }
}
