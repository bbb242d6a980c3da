import { Injectable } from '@nestjs/common';
import type {
  CreateStaffRequest,
  ListStaffQuery,
  StaffAccount,
  StaffChange,
  StaffPage,
  UpdateStaffRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { type Identity, IdentityCache } from '../auth/index.js';
import { AppError, notFound, Proposed } from '../common/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Prisma, Staff as StaffRow } from '../generated/prisma/client.js';
import { decodeCursor, encodeCursor, staffAccount } from './staff-account.js';
import { revokeNarrowedTokens } from './revoke-narrowed-tokens.js';
import { type Proposal, StaffChangesService } from './staff-changes.service.js';
import { assertSeparatedRoles, selfLockout, versionConflict } from './staff-rules.js';

/**
 * Staff accounts, for ADMIN. Every change is audited; personal identifiers (email, name) only as commitments.
 * Four eyes: what grants or restores access is proposed here and applied when another admin approves it
 * (staff-changes.service.ts); what only takes access away (disable, fewer roles) acts at once.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly changes: StaffChangesService,
    private readonly identities: IdentityCache,
  ) {}

  async list(query: ListStaffQuery): Promise<StaffPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
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

  async get(id: string): Promise<StaffAccount> {
    return staffAccount(await this.find(this.prisma, id));
  }

  /** A new account is proposed: another admin approves it, and only they see its temporary password. */
  async create(admin: Identity, body: CreateStaffRequest): Promise<StaffChange> {
    assertSeparatedRoles(body.roles);
    return this.changes.propose(admin, async (tx) => {
      if (await tx.staff.findUnique({ where: { email: body.email }, select: { id: true } })) {
        throw new AppError('ALREADY_EXISTS', `An account with the email ${body.email} already exists.`);
      }
      return {
        kind: 'CREATE_ACCOUNT',
        email: body.email,
        payload: { displayName: body.displayName, roles: body.roles },
      };
    });
  }

  /**
   * A new name, or fewer roles, take effect at once. Adding a role grants access, so the addition (with a name sent
   * beside it) is proposed instead; roles the same PATCH takes away still go at once, and the proposal is made
   * against the version that leaves.
   */
  async update(admin: Identity, id: string, body: UpdateStaffRequest): Promise<StaffAccount | Proposed<StaffChange>> {
    let proposal: Proposal | undefined;
    try {
      const update = this.prisma.$transaction(async (tx) => {
        const current = await this.find(tx, id);
        if (current.version !== body.version) throw versionConflict(current.version);
        if (id === admin.staffId && body.roles && current.roles.includes('ADMIN') && !body.roles.includes('ADMIN')) {
          throw selfLockout('You cannot remove your own ADMIN role; ask another admin.');
        }
        const added = body.roles?.filter((role) => !current.roles.includes(role)) ?? [];
        if (body.roles) {
          assertSeparatedRoles(body.roles);
          // An admin cannot give themselves a role: otherwise one person could set up an approval they then make.
          if (id === admin.staffId && added.length > 0) {
            throw new AppError(
              'SEPARATION_OF_DUTIES',
              `You cannot grant yourself ${added.join(', ')}; ask another admin.`,
            );
          }
        }
        if (added.length > 0) {
          // Roles taken away in the same PATCH go at once, as on their own: only the addition waits (else the
          // account keeps them until an approval, and an admin losing ADMIN could reject the change themselves).
          let version = current.version;
          const kept = current.roles.filter((role) => body.roles!.includes(role));
          if (kept.length < current.roles.length) {
            const removed = await tx.staff.updateMany({
              where: { id, version },
              data: { roles: kept, version: { increment: 1 } },
            });
            if (removed.count !== 1) throw versionConflict(version + 1);
            version += 1;
            const tokensRevoked = await revokeNarrowedTokens(tx, id, kept, new Date());
            await this.audit.record(tx, {
              actor: admin,
              action: 'staff.updated',
              subjectType: 'staff',
              subjectId: id,
              details: { version, roles: { from: current.roles, to: kept }, displayNameChanged: false, tokensRevoked },
            });
          }
          proposal = {
            kind: 'GRANT_ROLES',
            staffId: id,
            targetVersion: version,
            payload: {
              roles: body.roles!,
              rolesAdded: added,
              ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
            },
          };
          return new Proposed(await this.changes.record(tx, admin, proposal));
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
        const tokensRevoked = body.roles ? await revokeNarrowedTokens(tx, id, body.roles, new Date()) : 0;
        const nameChanged = body.displayName !== undefined && body.displayName !== current.displayName;
        await this.audit.record(tx, {
          actor: admin,
          action: 'staff.updated',
          subjectType: 'staff',
          subjectId: id,
          details: {
            version: body.version + 1,
            ...(body.roles === undefined ? {} : { roles: { from: current.roles, to: body.roles }, tokensRevoked }),
            displayNameChanged: nameChanged,
          },
          ...(nameChanged ? { personal: { displayName: body.displayName! } } : {}),
        });
        return staffAccount(await this.find(tx, id));
      });
      // Roles taken away are gone from the account's tokens from this answer on (those tokens are revoked).
      return await this.identities.changing(update);
    } catch (error) {
      throw (await this.changes.pendingConflict(error, proposal)) ?? error;
    }
  }

  /** Disabling ends the account's sessions and revokes its API tokens; enabling later does not bring them back. */
  async disable(admin: Identity, id: string): Promise<StaffAccount> {
    if (id === admin.staffId) throw selfLockout('You cannot disable your own account; ask another admin.');
    const disabling = this.prisma.$transaction(async (tx) => {
      // Locked first: an approval enabling the account may hold it uncommitted, and a plain read would still see it
      // disabled, answer "done" and let the enabling win.
      await tx.$queryRaw`SELECT id FROM staff WHERE id = ${id}::uuid FOR UPDATE`;
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
    return this.identities.changing(disabling);
  }

  /**
   * Enabling (which also lifts a lockout) restores access: it is proposed for another admin to approve. An account
   * that is neither disabled nor locked has nothing to enable and is returned as it is.
   */
  async enable(admin: Identity, id: string): Promise<StaffAccount | Proposed<StaffChange>> {
    let proposal: Proposal | undefined;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const current = await this.find(tx, id);
        const locked = current.lockedUntil !== null && current.lockedUntil > new Date();
        if (!current.disabledAt && !locked) return staffAccount(current);
        proposal = { kind: 'ENABLE_ACCOUNT', staffId: id, targetVersion: current.version, payload: {} };
        return new Proposed(await this.changes.record(tx, admin, proposal));
      });
    } catch (error) {
      throw (await this.changes.pendingConflict(error, proposal)) ?? error;
    }
  }

  /**
   * For a lost phone: proposed; once approved the person logs in with their password and enrols a new
   * authenticator, and every session and API token of the account has ended (apply-staff-change.ts).
   */
  async resetSecondFactor(admin: Identity, id: string): Promise<StaffChange> {
    return this.changes.propose(admin, async (tx) => {
      const current = await this.find(tx, id);
      return { kind: 'RESET_SECOND_FACTOR', staffId: id, targetVersion: current.version, payload: {} };
    });
  }

  /**
   * For a forgotten password: proposed; the approving admin receives a generated temporary password, which the
   * person must replace after their next login. Approval ends the sessions, revokes the API tokens (whoever held
   * the account must not keep a way in) and lifts a lockout.
   * Never the admin's own account: theirs they change with the current password, POST /auth/password.
   */
  async resetPassword(admin: Identity, id: string): Promise<StaffChange> {
    if (id === admin.staffId) {
      throw new AppError(
        'OWN_PASSWORD_RESET',
        'Change your own password with POST /auth/password, which asks for the current one; this route is for other accounts.',
      );
    }
    return this.changes.propose(admin, async (tx) => {
      const current = await this.find(tx, id);
      return { kind: 'RESET_PASSWORD', staffId: id, targetVersion: current.version, payload: {} };
    });
  }

  private async find(tx: Tx, id: string): Promise<StaffRow> {
    const row = await tx.staff.findUnique({ where: { id } });
    if (!row) throw notFound('This staff account');
    return row;
  }
}
