import { Inject, Injectable } from '@nestjs/common';
import type {
  ListStaffChangesQuery,
  StaffChange,
  StaffChangeApproval,
  StaffChangeKind,
  StaffChangeProposal,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { hashPassword, type Identity, IdentityCache, temporaryPassword } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { isUniqueViolation, PrismaService, type Tx } from '../database/index.js';
import type { Prisma, StaffChange as StaffChangeRow } from '../generated/prisma/client.js';
import { applyStaffChange } from './apply-staff-change.js';
import { staffAccount } from './staff-account.js';
import { expireDue } from './staff-change-expiry.js';
import { decodeChangeCursor, effectiveStatus, encodeChangeCursor, staffChangeView } from './staff-change-view.js';

/** What an admin proposes: everything but who and when. */
export interface Proposal {
  kind: StaffChangeKind;
  /** The account changed; absent for CREATE_ACCOUNT. */
  staffId?: string;
  /** CREATE_ACCOUNT: the new account's email. */
  email?: string;
  /** The account's version now: the approval is refused if an admin changes it meanwhile. */
  targetVersion?: number;
  payload: StaffChangeProposal;
}

function ownAccount(verb: 'approve' | 'reject'): AppError {
  return new AppError(
    'SEPARATION_OF_DUTIES',
    `This change is to your own account: an admin other than you and its proposer must ${verb} it.`,
  );
}

function fourEyes(id: string, verb: 'approve' | 'reject'): AppError {
  return new AppError(
    'FOUR_EYES_REQUIRED',
    `You proposed this change, so another admin must ${verb} it` +
      (verb === 'reject' ? `; withdraw it yourself with POST /staff-changes/${id}/cancel.` : '.'),
  );
}

/**
 * Four eyes on account administration. A change that grants or restores access is recorded here as a proposal
 * (with its audit event, in the proposing transaction) and takes effect only when a different admin approves it;
 * the approval checks everything again and applies it in one transaction (apply-staff-change.ts). The database
 * holds the same line: one pending change per account and kind (or per new email), and a decider who is not the
 * proposer (prisma/migrations/*_staff_change_four_eyes).
 */
@Injectable()
export class StaffChangesService {
  private readonly ttlMs: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly identities: IdentityCache,
    @Inject(ENV) env: Env,
  ) {
    this.ttlMs = env.STAFF_CHANGE_TTL_HOURS * 3_600_000;
  }

  /**
   * Records a proposal and its audit event in the caller's transaction. A duplicate of a pending change fails on
   * the database's unique index; the caller's transaction then ends, and `pendingConflict` says which change it met.
   */
  async record(tx: Tx, admin: Identity, proposal: Proposal): Promise<StaffChange> {
    // A change left pending past its expiry still holds its place in the unique index: close it first.
    await expireDue(tx, this.audit, {
      OR: [
        ...(proposal.staffId ? [{ staffId: proposal.staffId, kind: proposal.kind }] : []),
        ...(proposal.email ? [{ email: proposal.email }] : []),
      ],
    });
    const now = new Date();
    const row = await tx.staffChange.create({
      data: {
        kind: proposal.kind,
        staffId: proposal.staffId ?? null,
        email: proposal.email ?? null,
        targetVersion: proposal.targetVersion ?? null,
        payload: proposal.payload,
        proposedById: admin.staffId,
        proposedAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
      },
    });
    const { displayName, ...roles } = proposal.payload;
    await this.audit.record(tx, {
      actor: admin,
      action: 'staff_change.proposed',
      subjectType: 'staff_change',
      subjectId: row.id,
      details: {
        kind: row.kind,
        staffId: row.staffId,
        targetVersion: row.targetVersion,
        ...roles,
        expiresAt: row.expiresAt.toISOString(),
      },
      // Names and addresses only as commitments in the public log (the roles and ids are public).
      personal: {
        ...(proposal.email ? { email: proposal.email } : {}),
        ...(displayName ? { displayName } : {}),
      },
    });
    return staffChangeView(row, now);
  }

  /** Runs `prepare` and records the proposal it returns, in one transaction; a duplicate gets 409. */
  async propose(admin: Identity, prepare: (tx: Tx) => Promise<Proposal>): Promise<StaffChange> {
    let proposal: Proposal | undefined;
    try {
      return await this.prisma.$transaction(async (tx) => {
        proposal = await prepare(tx);
        return this.record(tx, admin, proposal);
      });
    } catch (error) {
      throw (await this.pendingConflict(error, proposal)) ?? error;
    }
  }

  /** The 409 for a proposal that met a pending change of the same kind for the same account (or email). */
  async pendingConflict(error: unknown, proposal: Proposal | undefined): Promise<AppError | null> {
    if (!proposal || !isUniqueViolation(error)) return null;
    const pending = await this.prisma.staffChange.findFirst({
      where: {
        status: 'PENDING',
        ...(proposal.staffId ? { staffId: proposal.staffId, kind: proposal.kind } : { email: proposal.email! }),
      },
      select: { id: true },
    });
    return new AppError(
      'STAFF_CHANGE_PENDING',
      proposal.staffId
        ? `A ${proposal.kind} change for this account already awaits approval: approve, reject or cancel it first.`
        : `A new account with the email ${proposal.email} already awaits approval: approve, reject or cancel it first.`,
      { changeId: pending?.id ?? null },
    );
  }

  async list(query: ListStaffChangesQuery): Promise<{ items: StaffChange[]; nextCursor: string | null }> {
    const now = new Date();
    const and: Prisma.StaffChangeWhereInput[] = [];
    if (query.kind) and.push({ kind: query.kind });
    if (query.staffId) and.push({ staffId: query.staffId });
    // EXPIRED is also a PENDING row past its expiry that nobody has closed yet.
    if (query.status === 'PENDING') and.push({ status: 'PENDING', expiresAt: { gt: now } });
    else if (query.status === 'EXPIRED')
      and.push({ OR: [{ status: 'EXPIRED' }, { status: 'PENDING', expiresAt: { lte: now } }] });
    else if (query.status) and.push({ status: query.status });
    if (query.cursor) {
      const after = decodeChangeCursor(query.cursor);
      and.push({
        OR: [{ proposedAt: { lt: after.proposedAt } }, { proposedAt: after.proposedAt, id: { lt: after.id } }],
      });
    }
    const rows = await this.prisma.staffChange.findMany({
      where: { AND: and },
      orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => staffChangeView(row, now)),
      nextCursor: rows.length > query.limit && last ? encodeChangeCursor(last) : null,
    };
  }

  async get(id: string): Promise<StaffChange> {
    const row = await this.prisma.staffChange.findUnique({ where: { id } });
    if (!row) throw notFound('This staff change');
    return staffChangeView(row);
  }

  async approve(approver: Identity, id: string): Promise<StaffChangeApproval> {
    const peek = await this.prisma.staffChange.findUnique({ where: { id } });
    if (!peek) throw notFound('This staff change');
    if (peek.proposedById === approver.staffId) throw fourEyes(id, 'approve');
    // Generated here, hashed before the transaction (argon2 takes a while; no row stays locked for it), and
    // returned only in this answer: never stored in the change, never shown to the proposer.
    const secret = peek.kind === 'CREATE_ACCOUNT' || peek.kind === 'RESET_PASSWORD' ? temporaryPassword() : null;
    const passwordHash = secret === null ? null : await hashPassword(secret);
    let outcome: StaffChangeApproval | 'expired';
    try {
      const approval = this.prisma.$transaction(async (tx) => {
        const change = await this.lockDecidable(tx, id);
        if (change === 'expired') return 'expired' as const;
        if (change.proposedById === approver.staffId) throw fourEyes(id, 'approve');
        if (change.staffId === approver.staffId) throw ownAccount('approve');
        await this.assertActiveAdmin(tx, approver.staffId);
        await this.assertProposerStillAdmin(tx, change);
        const applied = await applyStaffChange(tx, this.audit, change, approver, passwordHash);
        const now = new Date();
        const decided = await tx.staffChange.update({
          where: { id },
          data: { status: 'APPROVED', decidedById: approver.staffId, decidedAt: now, staffId: applied.staff.id },
        });
        await this.audit.record(tx, {
          actor: approver,
          action: 'staff_change.approved',
          subjectType: 'staff_change',
          subjectId: id,
          details: {
            kind: change.kind,
            staffId: applied.staff.id,
            proposedBy: change.proposedById,
            sessionsEnded: applied.sessionsEnded,
            tokensRevoked: applied.tokensRevoked,
          },
        });
        return {
          change: staffChangeView(decided, now),
          staff: staffAccount(applied.staff, now),
          temporaryPassword: secret,
          sessionsEnded: applied.sessionsEnded,
          tokensRevoked: applied.tokensRevoked,
        };
      });
      // An approved reset revokes the account's tokens: they stop working from this answer on.
      outcome = await this.identities.changing(approval);
    } catch (error) {
      // Two approvals racing for accounts with one email: the second meets the first on staff.email.
      if (isUniqueViolation(error) && peek.kind === 'CREATE_ACCOUNT') {
        throw new AppError(
          'ALREADY_EXISTS',
          `An account with the email ${peek.email} already exists; reject this one.`,
        );
      }
      throw error;
    }
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  async reject(admin: Identity, id: string, reason: string): Promise<StaffChange> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const change = await this.lockDecidable(tx, id);
      if (change === 'expired') return 'expired';
      if (change.proposedById === admin.staffId) throw fourEyes(id, 'reject');
      // Else the person a reset or re-enable is about could turn away what another two admins agreed.
      if (change.staffId === admin.staffId) throw ownAccount('reject');
      const now = new Date();
      const decided = await tx.staffChange.update({
        where: { id },
        data: { status: 'REJECTED', decidedById: admin.staffId, decidedAt: now, reason },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff_change.rejected',
        subjectType: 'staff_change',
        subjectId: id,
        details: { kind: change.kind, staffId: change.staffId, proposedBy: change.proposedById },
        // Free text may name people: published only as a commitment.
        personal: { reason },
      });
      return staffChangeView(decided, now);
    });
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  async cancel(admin: Identity, id: string, reason: string | undefined): Promise<StaffChange> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const change = await this.lockDecidable(tx, id);
      if (change === 'expired') return 'expired';
      if (change.proposedById !== admin.staffId) {
        throw new AppError(
          'NOT_PROPOSER',
          `Only the admin who proposed this change can cancel it; reject it with POST /staff-changes/${id}/reject.`,
        );
      }
      const now = new Date();
      const decided = await tx.staffChange.update({
        where: { id },
        data: { status: 'CANCELLED', decidedAt: now, reason: reason ?? null },
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'staff_change.cancelled',
        subjectType: 'staff_change',
        subjectId: id,
        details: { kind: change.kind, staffId: change.staffId },
        ...(reason ? { personal: { reason } } : {}),
      });
      return staffChangeView(decided, now);
    });
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  /**
   * Locks a change for a decision. One that is no longer PENDING is refused; one past its expiry is closed as
   * EXPIRED ('expired': the caller commits that, then refuses).
   */
  private async lockDecidable(tx: Tx, id: string): Promise<StaffChangeRow | 'expired'> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM staff_change WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound('This staff change');
    const change = await tx.staffChange.findUniqueOrThrow({ where: { id } });
    // Closed by the expiry sweeper (staff-change-expiry.ts) or here: the same answer either way.
    if (change.status === 'EXPIRED') return 'expired';
    if (change.status !== 'PENDING') {
      throw new AppError('STAFF_CHANGE_NOT_PENDING', `This change is ${change.status}: it can no longer be decided.`, {
        status: change.status,
      });
    }
    if (effectiveStatus(change) === 'EXPIRED') {
      await expireDue(tx, this.audit, { id });
      return 'expired';
    }
    return change;
  }

  private expired(): AppError {
    return new AppError(
      'STAFF_CHANGE_EXPIRED',
      'This change waited too long for approval and expired; propose it again if it is still wanted.',
    );
  }

  /** A proposal is only as good as its proposer: one who has since lost ADMIN or their account cannot be approved. */
  /**
   * The approver was an admin when the request began (AccessGuard); the share lock keeps them one until this
   * transaction commits, so a role removal or a disable that lands meanwhile is waited for and then counts.
   */
  private async assertActiveAdmin(tx: Tx, staffId: string): Promise<void> {
    const [approver] = await tx.$queryRaw<{ roles: string[]; disabled_at: Date | null }[]>`
      SELECT roles::text[] AS roles, disabled_at FROM staff WHERE id = ${staffId}::uuid FOR SHARE`;
    if (!approver || approver.disabled_at || !approver.roles.includes('ADMIN')) {
      throw new AppError('FORBIDDEN', 'You are no longer an active admin, so you cannot approve staff changes.');
    }
  }

  private async assertProposerStillAdmin(tx: Tx, change: StaffChangeRow): Promise<void> {
    const proposer = await tx.staff.findUnique({
      where: { id: change.proposedById },
      select: { roles: true, disabledAt: true },
    });
    if (!proposer || proposer.disabledAt || !proposer.roles.includes('ADMIN')) {
      throw new AppError(
        'STAFF_CHANGE_STALE',
        'The admin who proposed this change is no longer an active admin, so it cannot be approved; reject it.',
      );
    }
  }
}
