import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type ThrottlerModuleOptions, ThrottlerStorageService } from '@nestjs/throttler';
import { ClientThrottlerGuard } from '../auth/index.js';
import { ENV, type Env } from '../config/index.js';

export const DOWNLOAD_THROTTLER_STORAGE = Symbol('writ:download-throttler-storage');

/**
 * The public download routes are the one place a stranger can guess at tokens: every attempt counts, per client
 * address. Through the portal (its package page and its /api proxy) that is the address the portal vouches for in
 * a header signed with PORTAL_PROXY_SECRET, as at login: else every authority would share the portal's one bucket.
 * Otherwise the connection's (behind a proxy, TRUST_PROXY makes that the client's). A real authority looks at its
 * link and downloads once.
 */
export const DOWNLOAD_THROTTLE: ThrottlerModuleOptions = { throttlers: [{ name: 'ip', ttl: 60_000, limit: 10 }] };

@Injectable()
export class DownloadThrottlerGuard extends ClientThrottlerGuard {
  protected readonly attempts = 'download attempts';

  constructor(
    @Inject(DOWNLOAD_THROTTLER_STORAGE) storage: ThrottlerStorageService,
    @Inject(Reflector) reflector: Reflector,
    @Inject(ENV) protected readonly env: Env,
  ) {
    super(DOWNLOAD_THROTTLE, storage, reflector);
  }

  /** One bucket per client for both routes (GET describes, POST downloads): each is a guess at a token. */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `disclosure-download-${name}-${suffix}`;
  }
}
