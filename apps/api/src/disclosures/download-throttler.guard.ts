import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { clientThrottlerGuard } from '../auth/index.js';

export const DOWNLOAD_THROTTLER_STORAGE = Symbol('writ:download-throttler-storage');

/**
 * The public download routes are the one place a stranger can guess at tokens: every attempt counts, per client
 * address. Through the portal (its package page and its /api proxy) that is the address the portal vouches for in
 * a header signed with PORTAL_PROXY_SECRET, as at login: else every authority would share the portal's one bucket.
 * Otherwise the connection's (behind a proxy, TRUST_PROXY makes that the client's). A real authority looks at its
 * link and downloads once.
 */
export const DOWNLOAD_THROTTLE: ThrottlerModuleOptions = { throttlers: [{ name: 'ip', ttl: 60_000, limit: 10 }] };

// Undecorated on purpose: it inherits the constructor, and its injection metadata, from clientThrottlerGuard's class.
export class DownloadThrottlerGuard extends clientThrottlerGuard({
  storage: DOWNLOAD_THROTTLER_STORAGE,
  limits: DOWNLOAD_THROTTLE,
  attempts: 'download attempts',
}) {
  /** One bucket per client for both routes (GET describes, POST downloads): each is a guess at a token. */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `disclosure-download-${name}-${suffix}`;
  }
}
