import { Injectable } from '@nestjs/common';
import type {
  CreatedStaff,
  CreateStaffRequest,
  ListStaffQuery,
  ResetStaffPasswordRequest,
  StaffAccount,
  StaffPage,
  StaffPasswordReset,
  UpdateStaffRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/audit.service.js';
import { assertPasswordFitsAccount } from '../auth/password-rules.js';
import { hashPassword, temporaryPassword } from '../auth/passwords.js';
import type { Identity } from '../auth/identity.js';
import { AppError, notFound } from '../common/app-error.js';
import type { Tx } from '../database/prisma.service.js';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { decodeCursor, encodeCursor, staffAccount } from './staff-account.js';

type StaffRow = NonNullable<Awaited<ReturnType<Tx['staff']['findUnique']>>>;

/**
 * DOMAIN.md: admins manage accounts, the registry and keys, and make no approvals. Whoever can add a court's
 * signing key must not also be the one who confirms that an order verifies against it.
 */
function assertSeparatedRoles(roles: readonly string[]): void {
  if (roles.includes('ADMIN') && roles.includes('APPROVER')) {
    throw new AppError('SEPARATION_OF_DUTIES', 'ADMIN and APPROVER cannot be held by the same account (DOMAIN.md).');
  }
}

function selfLockout(message: string): AppError {
  return new AppError('SELF_LOCKOUT', message);
}

/** Staff accounts, for ADMIN. Every change is audited; personal identifiers (email, name) only as commitments. */
@Injectable()
export class StaffService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListStaffQuery): Promise<StaffPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API gave out');
    // Prisma hands `contains` to ILIKE as is: escape its wildcards so "%" or "_" typed in the search match themselves.
    const q = query.q?.replace(/[\\%_]/g, (char) => `\\${char}`);
    const where: Prisma.StaffWhereInput = {
      ...(after === undefined ? {} : { email: { gt: after } }),
      ...(q
        ? {
            OR: [
              { email: { contains: q, mode: 'insensitive' } },
              { displayName: { contains: q, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const rows = await this.prisma.staff.findMany({ where, orderBy: { email: 'asc' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => staffAccount(row)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.email) : null,
    };
  }

  async create(admin: Identity, body: CreateStaffRequest): Promise<CreatedStaff> {
    assertSeparatedRoles(body.roles);
    if (body.password !== undefined) assertPasswordFitsAccount('password', body.password, body.email);
    const generated = body.password === undefined ? temporaryPassword() : null;
    const passwordHash = await hashPassword(body.password ?? generated!);
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        // No TOTP secret: the first login must enrol an authenticator before anything else works. And the admin
        // knows the password, so the person must replace it right after (accounts the seed makes are not forced).
        const created = await tx.staff.create({
          data: {
            email: body.email,
            displayName: body.displayName,
            roles: body.roles,
            passwordHash,
            mustChangePassword: true,
          },
        });
        await this.audit.record(tx, {
          actor: admin,
          action: 'staff.created',
          subjectType: 'staff',
          subjectId: created.id,
          details: { roles: body.roles, temporaryPassword: generated !== null },
          personal: { email: body.email, displayName: body.displayName },
        });
        return created;
      });
      return { staff: staffAccount(row), temporaryPassword: generated };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new AppError('ALREADY_EXISTS', `An account with the email ${body.email} already exists.`);
      }
      throw error;
    }
  }

  async update(admin: Identity, id: string, body: UpdateStaffRequest): Promise<StaffAccount> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, id);
      if (current.version !== body.version) throw versionConflict(current.version);
      if (id === admin.staffId && body.roles && current.roles.includes('ADMIN') && !body.roles.includes('ADMIN')) {
        throw selfLockout('You cannot remove your own ADMIN role; ask another admin.');
      }
      if (body.roles) {
        assertSeparatedRoles(body.roles);
        // An admin cannot give themselves a role: otherwise one person could set up an approval they then make.
        const added = body.roles.filter((role) => !current.roles.includes(role));
        if (id === admin.staffId && added.length > 0) {
          throw new AppError(
            'SEPARATION_OF_DUTIES',
            `You cannot grant yourself ${added.join(', ')}; ask another admin.`,
          );
        }
      }
      const data = {
        ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
        ...(body.roles === undefined ? {} : { roles: body.roles }),
      };
      const written = await tx.staff.updateMany({
        where: { id, version: body.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (written.count !== 1) throw versionConflict(current.version + 1);
      const nameChanged = body.displayName !== undefined && body.displayName !== current.displayName;
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.updated',
        subjectType: 'staff',
        subjectId: id,
        details: {
          version: body.version + 1,
          ...(body.roles === undefined ? {} : { roles: { from: current.roles, to: body.roles } }),
          displayNameChanged: nameChanged,
        },
        ...(nameChanged ? { personal: { displayName: body.displayName! } } : {}),
      });
      return staffAccount(await this.find(tx, id));
    });
  }

  /** Disabling ends the account's sessions and revokes its API tokens; enabling later does not bring them back. */
  async disable(admin: Identity, id: string): Promise<StaffAccount> {
    if (id === admin.staffId) throw selfLockout('You cannot disable your own account; ask another admin.');
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, id);
      if (current.disabledAt) return staffAccount(current);
      const now = new Date();
      await tx.staff.update({ where: { id }, data: { disabledAt: now, version: { increment: 1 } } });
      const sessions = await tx.session.updateMany({
        where: { staffId: id, revokedAt: null },
        data: { revokedAt: now },
      });
      const tokens = await tx.apiToken.updateMany({
        where: { staffId: id, revokedAt: null },
        data: { revokedAt: now },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.disabled',
        subjectType: 'staff',
        subjectId: id,
        details: { sessionsEnded: sessions.count, tokensRevoked: tokens.count },
      });
      return staffAccount(await this.find(tx, id));
    });
  }

  /** Enabling also lifts a lockout: the admin has, in effect, vouched for the person. */
  async enable(admin: Identity, id: string): Promise<StaffAccount> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, id);
      const now = new Date();
      const locked = current.lockedUntil !== null && current.lockedUntil > now;
      if (!current.disabledAt && !locked) return staffAccount(current);
      await tx.staff.update({
        where: { id },
        data: { disabledAt: null, lockedUntil: null, failedLogins: 0, version: { increment: 1 } },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.enabled',
        subjectType: 'staff',
        subjectId: id,
        details: { wasDisabled: current.disabledAt !== null, wasLocked: locked },
      });
      return staffAccount(await this.find(tx, id));
    });
  }

  /** For a lost phone: the person logs in with their password and enrols a new authenticator. */
  async resetSecondFactor(admin: Identity, id: string): Promise<StaffAccount> {
    return this.prisma.$transaction(async (tx) => {
      await this.find(tx, id);
      const now = new Date();
      await tx.staff.update({
        where: { id },
        data: { totpSecret: null, totpEnrolledAt: null, recoveryCodeHashes: [], version: { increment: 1 } },
      });
      // Sessions were opened with the old factor; whoever holds that phone must not keep one.
      const sessions = await tx.session.updateMany({
        where: { staffId: id, revokedAt: null },
        data: { revokedAt: now },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.second_factor_reset',
        subjectType: 'staff',
        subjectId: id,
        details: { sessionsEnded: sessions.count },
      });
      return staffAccount(await this.find(tx, id));
    });
  }

  /**
   * For a forgotten password: the admin sets a temporary one (or has one generated), which the person must
   * replace after their next login. Sessions end (whoever was in with the old password is out) and a lockout is
   * lifted, as enabling does. API tokens are left alone: they do not depend on the password, and revoking a
   * service's token is a decision of its own (disable the account for that).
   * Never the admin's own account: theirs they change with the current password, POST /auth/password.
   */
  async resetPassword(admin: Identity, id: string, body: ResetStaffPasswordRequest): Promise<StaffPasswordReset> {
    if (id === admin.staffId) {
      throw new AppError(
        'OWN_PASSWORD_RESET',
        'Change your own password with POST /auth/password, which asks for the current one; this route is for other accounts.',
      );
    }
    const generated = body.password === undefined ? temporaryPassword() : null;
    const password = body.password ?? generated!;
    const passwordHash = await hashPassword(password);
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, id);
      assertPasswordFitsAccount('password', password, current.email);
      const now = new Date();
      const locked = current.lockedUntil !== null && current.lockedUntil > now;
      await tx.staff.update({
        where: { id },
        data: {
          passwordHash,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          version: { increment: 1 },
        },
      });
      const sessions = await tx.session.updateMany({
        where: { staffId: id, revokedAt: null },
        data: { revokedAt: now },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff.password_reset',
        subjectType: 'staff',
        subjectId: id,
        details: { generated: generated !== null, sessionsEnded: sessions.count, wasLocked: locked },
      });
      return this.find(tx, id);
    });
    return { staff: staffAccount(row), temporaryPassword: generated };
  }

  private async find(tx: Tx, id: string): Promise<StaffRow> {
    const row = await tx.staff.findUnique({ where: { id } });
    if (!row) throw notFound('This staff account');
    return row;
  }
}

function versionConflict(current: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    'Someone changed this account since you read it. Reload it and apply your change again.',
    {
      currentVersion: current,
    },
  );
}
