import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { type Env, ENV } from '../config/index.js';

/** What an API token stands for, as last read from the database. */
export interface TokenIdentity {
  tokenId: string;
  staffId: string;
  email: string;
  /** The token's own roles and its owner's: a token speaks only for roles in both. */
  tokenRoles: string[];
  staffRoles: string[];
  expiresAt: Date;
  lastUsedAt: Date | null;
}

interface Entry extends TokenIdentity {
  readAt: number;
}

const CHANNEL = 'writ_identity';
/** Enough for every service token of a deployment; past it the oldest entry makes room. */
const MAX_ENTRIES = 10_000;
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

const logger = new Logger('IdentityCache');

/**
 * API token identities kept in memory for IDENTITY_CACHE_TTL_MS, so a service call costs one database round trip
 * less (bench/intake.bench.ts). Nothing is served from memory that the database has since changed:
 *  - triggers announce every change to who a token speaks for on the `writ_identity` channel at commit, also for
 *    SQL that goes around the API (prisma/migrations/*_identity_change_notify), and this process empties the cache
 *    when one arrives;
 *  - the routes that make such changes empty it themselves before they answer (IdentityChangesInterceptor), so a
 *    revocation holds in this process from its answer on, without waiting for the notification;
 *  - while the listening connection is down, nothing is cached and every call reads the database; and a connection
 *    that died silently is bounded by the TTL, after which an entry is read again;
 *  - a read that raced an invalidation is used for its own call only, never stored (the generation check).
 * Sessions are not cached: people make few calls, and a session is touched more often than a token.
 */
@Injectable()
export class IdentityCache implements OnModuleInit, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private generation = 0;
  private listener: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(ENV) private readonly env: Env) {
    this.ttlMs = env.IDENTITY_CACHE_TTL_MS;
  }

  async onModuleInit(): Promise<void> {
    if (this.ttlMs > 0) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    this.entries.clear();
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Whether notifications are being received, and so whether anything is served from memory. */
  get isListening(): boolean {
    return this.listening;
  }

  /** The identity read for this token hash within the TTL, while notifications are being received. */
  get(tokenHash: string, now = Date.now()): TokenIdentity | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(tokenHash);
    if (entry && now - entry.readAt > this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  /** Take before reading the database; pass to `set`, which then stores only if nothing changed meanwhile. */
  ticket(): number {
    return this.generation;
  }

  /** Returns what later calls will get (the same object, so a caller's update of lastUsedAt is kept). */
  set(tokenHash: string, identity: TokenIdentity, ticket: number, now = Date.now()): TokenIdentity {
    if (!this.listening || ticket !== this.generation) return identity;
    if (this.entries.size >= MAX_ENTRIES && !this.entries.has(tokenHash)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    const entry = { ...identity, readAt: now };
    this.entries.set(tokenHash, entry);
    return entry;
  }

  /**
   * For the writes that change who a token speaks for (revocation, disabling, roles, approved staff changes):
   * once `write` has settled, this process forgets what it knew, before the caller answers. Other processes
   * hear of it from the database's notification a moment later.
   */
  async changing<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.invalidate();
    }
  }

  /** Forget everything: some token or account changed. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const listener = new pg.Client({
      connectionString: this.env.DATABASE_URL,
      application_name: 'writ-identity-listener',
      connectionTimeoutMillis: 5_000,
      // TCP keepalive finds a peer gone without a word sooner than the operating system's default of two hours.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.listener = listener;
    listener.on('error', (error) => this.lost(listener, error));
    listener.on('end', () => this.lost(listener));
    listener.on('notification', () => this.invalidate());
    try {
      await listener.connect();
      await listener.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.lost(listener, error as Error);
      return;
    }
    if (this.listener !== listener) return;
    // Whatever was announced while no one listened is unknown: start empty.
    this.invalidate();
    this.listening = true;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
  }

  private lost(listener: pg.Client, error?: Error): void {
    if (this.listener !== listener) return;
    this.listener = null;
    this.listening = false;
    this.invalidate();
    void listener.end().catch(() => undefined);
    if (this.stopped) return;
    logger.warn(
      `not listening for identity changes (${error?.message ?? 'connection closed'}); API tokens are read from ` +
        `the database on every call until it is back, retrying in ${this.reconnectDelayMs} ms`,
    );
    this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectDelayMs);
    this.reconnectTimer.unref();
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
  }
}
