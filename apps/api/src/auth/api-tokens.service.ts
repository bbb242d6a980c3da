import { Inject, Injectable } from '@nestjs/common';
import type { ApiTokenList, ApiTokenView, CreateApiTokenRequest, CreatedApiToken, StaffRole } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { AppError, notFound } from '../common/index.js';
import { ENV, type Env } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { IdentityCache } from './identity-cache.js';
import type { Identity } from './identity.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens.js';

interface TokenRow {
  id: string;
  name: string;
  roles: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function view(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles as StaffRole[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

const DAY_MS = 86_400_000;

function invalidExpiry(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', `expiresAt: ${message}`, {
    issues: [{ path: ['expiresAt'], message }],
    ...details,
  });
}

/**
 * API tokens for service-to-service calls. A caller only ever sees and manages their own. Only a logged-in person
 * creates them (the contract refuses token callers), and every token expires, at most API_TOKEN_MAX_DAYS ahead.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly identities: IdentityCache,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async create(identity: Identity, body: CreateApiTokenRequest): Promise<CreatedApiToken> {
    // identity.roles are the caller's roles now (for a token caller: that token's), so a token can never mint more.
    const extra = body.roles.filter((role) => !identity.roles.includes(role));
    if (extra.length) {
      throw new AppError('FORBIDDEN', `A token can only carry roles you hold; you do not hold ${extra.join(', ')}.`, {
        roles: extra,
      });
    }
    const now = Date.now();
    const expiresAt = new Date(body.expiresAt);
    if (expiresAt.getTime() <= now) throw invalidExpiry('must be in the future');
    const latest = new Date(now + this.env.API_TOKEN_MAX_DAYS * DAY_MS);
    if (expiresAt > latest) {
      throw invalidExpiry(
        `must be at most ${this.env.API_TOKEN_MAX_DAYS} days ahead (API_TOKEN_MAX_DAYS), i.e. no later than ${latest.toISOString()}`,
        { maxDays: this.env.API_TOKEN_MAX_DAYS },
      );
    }
    const token = newSecret(API_TOKEN_PREFIX);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: {
          name: body.name,
          tokenHash: hashSecret(token),
          staffId: identity.staffId,
          roles: body.roles,
          expiresAt,
        },
      });
      await this.audit.record(tx, {
        actor: identity,
        action: 'auth.token_created',
        subjectType: 'api_token',
        subjectId: created.id,
        details: { roles: body.roles, expiresAt: expiresAt.toISOString() },
      });
      return created;
    });
    return { ...view(row), token };
  }

  async list(identity: Identity): Promise<ApiTokenList> {
    const rows = await this.prisma.apiToken.findMany({
      where: { staffId: identity.staffId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return { items: rows.map(view) };
  }

  /** Revoking twice is fine; someone else's token is "not found", as it would be to them. */
  async revoke(identity: Identity, id: string): Promise<void> {
    const revocation = this.prisma.$transaction(async (tx) => {
      const row = await tx.apiToken.findFirst({ where: { id, staffId: identity.staffId } });
      if (!row) throw notFound('This API token');
      if (row.revokedAt) return;
      await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
      await this.audit.record(tx, {
        actor: identity,
        action: 'auth.token_revoked',
        subjectType: 'api_token',
        subjectId: id,
      });
    });
    await this.identities.changing(revocation);
  }
}
