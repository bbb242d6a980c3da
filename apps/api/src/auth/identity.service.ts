import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@writ/contracts';
import type { Request } from 'express';
import { PrismaService } from '../database/index.js';
import { IdentityCache, type TokenIdentity } from './identity-cache.js';
import type { Identity } from './identity.js';
import { API_TOKEN_PREFIX, hashSecret, SESSION_COOKIE, SESSION_IDLE_MS, TOUCH_INTERVAL_MS } from './tokens.js';

export interface Identified {
  identity: Identity;
  /** Session callers only: what the x-csrf-token header must carry on state-changing requests. */
  csrfToken?: string;
  /** A session that has passed the password but not yet the second factor: only the login steps accept it. */
  secondFactorPending: boolean;
  /**
   * A session of an account whose password an admin chose: only routes marked `duringPasswordChange` accept it.
   * Never set for API tokens: the rule makes the person at the keyboard replace a password someone else knows.
   */
  passwordChangePending: boolean;
}

interface TokenRow {
  id: string;
  staff_id: string;
  roles: string[];
  revoked_at: Date | null;
  expires_at: Date;
  last_used_at: Date | null;
  email: string;
  staff_roles: string[];
  disabled_at: Date | null;
}

/** Resolves a session cookie or an API token to a staff identity; null when neither is valid. */
@Injectable()
export class IdentityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cache: IdentityCache,
  ) {}

  async identify(request: Request): Promise<Identified | null> {
    const header = request.get('authorization');
    if (header?.startsWith('Bearer ')) return this.fromToken(header.slice('Bearer '.length).trim());
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) return this.fromSession(cookie);
    return null;
  }

  private async fromToken(token: string): Promise<Identified | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const tokenHash = hashSecret(token);
    const now = new Date();
    const found = this.cache.get(tokenHash, now.getTime()) ?? (await this.readToken(tokenHash, now));
    if (!found || found.expiresAt <= now) return null;
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      // Set first: the calls arriving while this write is under way need not make it too.
      found.lastUsedAt = now;
      await this.prisma.apiToken.update({ where: { id: found.tokenId }, data: { lastUsedAt: now } });
    }
    // A token never carries a role its owner has lost since it was issued.
    const roles = found.tokenRoles.filter((role) => found.staffRoles.includes(role)) as StaffRole[];
    return {
      identity: { staffId: found.staffId, email: found.email, roles, via: 'token' },
      secondFactorPending: false,
      passwordChangePending: false,
    };
  }

  /** The token as the database has it now; remembered (IdentityCache) only while it can be used. */
  private async readToken(tokenHash: string, now: Date): Promise<TokenIdentity | null> {
    const ticket = this.cache.ticket();
    // Every uncached service call passes here: one plain query on the driver, only the columns needed.
    const [row] = await this.prisma.sql<TokenRow>`
      SELECT t.id, t.staff_id, t.roles::text[] AS roles, t.revoked_at, t.expires_at, t.last_used_at,
             s.email, s.roles::text[] AS staff_roles, s.disabled_at
        FROM api_token t JOIN staff s ON s.id = t.staff_id
       WHERE t.token_hash = ${tokenHash}`;
    if (!row || row.revoked_at || row.disabled_at || row.expires_at <= now) return null;
    const identity: TokenIdentity = {
      tokenId: row.id,
      staffId: row.staff_id,
      email: row.email,
      tokenRoles: row.roles,
      staffRoles: row.staff_roles,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
    };
    return this.cache.set(tokenHash, identity, ticket, now.getTime());
  }

  private async fromSession(cookie: string): Promise<Identified | null> {
    const tokenHash = hashSecret(cookie);
    const session = await this.prisma.session.findUnique({ where: { tokenHash }, include: { staff: true } });
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now || session.staff.disabledAt) return null;
    const idle = now.getTime() - session.lastSeenAt.getTime();
    if (idle > SESSION_IDLE_MS) return null;
    if (idle > TOUCH_INTERVAL_MS) {
      await this.prisma.session.updateMany({ where: { tokenHash, revokedAt: null }, data: { lastSeenAt: now } });
    }
    return {
      identity: {
        staffId: session.staffId,
        email: session.staff.email,
        roles: session.staff.roles as StaffRole[],
        via: 'session',
        sessionHash: tokenHash,
      },
      csrfToken: session.csrfToken,
      secondFactorPending: !session.mfaPassed,
      passwordChangePending: session.staff.mustChangePassword,
    };
  }
}
