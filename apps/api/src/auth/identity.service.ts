import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@writ/contracts';
import type { Request } from 'express';
import { PrismaService } from '../database/prisma.service.js';
import type { Identity } from './identity.js';
import { API_TOKEN_PREFIX, hashSecret, SESSION_COOKIE } from './tokens.js';

/** Resolves a session cookie or an API token to a staff identity; null when neither is valid. */
@Injectable()
export class IdentityService {
  constructor(private readonly prisma: PrismaService) {}

  async identify(request: Request): Promise<{ identity: Identity; csrfToken?: string } | null> {
    const header = request.get('authorization');
    if (header?.startsWith('Bearer ')) return this.fromToken(header.slice('Bearer '.length).trim());
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) return this.fromSession(cookie);
    return null;
  }

  private async fromToken(token: string): Promise<{ identity: Identity } | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await this.prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(token) },
      include: { staff: true },
    });
    const now = new Date();
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.staff.disabledAt) return null;
    // A token never carries a role its owner has lost since it was issued.
    const roles = row.roles.filter((role) => row.staff.roles.includes(role)) as StaffRole[];
    return { identity: { staffId: row.staffId, email: row.staff.email, roles, via: 'token' } };
  }

  private async fromSession(cookie: string): Promise<{ identity: Identity; csrfToken: string } | null> {
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashSecret(cookie) },
      include: { staff: true },
    });
    if (!session || !session.mfaPassed || session.revokedAt || session.expiresAt <= new Date()) return null;
    if (session.staff.disabledAt) return null;
    return {
      identity: {
        staffId: session.staffId,
        email: session.staff.email,
        roles: session.staff.roles as StaffRole[],
        via: 'session',
      },
      csrfToken: session.csrfToken,
    };
  }
}
