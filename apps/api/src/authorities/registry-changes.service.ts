import { Inject, Injectable } from '@nestjs/common';
import type {
  ListRegistryChangesQuery,
  RegistryChange,
  RegistryChangeApproval,
  RegistryChangeKind,
  RegistryChangePage,
  RegistryChangeProposal,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { isUniqueViolation, PrismaService, type Tx } from '../database/index.js';
import type { Prisma, RegistryChange as RegistryChangeRow } from '../generated/prisma/client.js';
import { applyRegistryChange } from './apply-registry-change.js';
import { DETAIL_INCLUDE, toDetail } from './authority-view.js';
import { expireDueRegistryChanges } from './registry-change-expiry.js';
import {
  CHANGE_INCLUDE,
  decodeRegistryChangeCursor,
  effectiveStatus,
  encodeRegistryChangeCursor,
  registryChangeView,
} from './registry-change-view.js';

/** What an admin proposes: everything but who and when. */
export interface RegistryProposal {
  kind: RegistryChangeKind;
  authorityId: string;
  /** UPDATE_AUTHORITY: the authority's version now; the approval is refused if it changes meanwhile. */
  targetVersion?: number;
  payload: RegistryChangeProposal;
}

function fourEyes(id: string, verb: 'approve' | 'reject'): AppError {
  return new AppError(
    'FOUR_EYES_REQUIRED',
    `You proposed this registry change, so another admin must ${verb} it` +
      (verb === 'reject' ? `; withdraw it yourself with POST /registry-changes/${id}/cancel.` : '.'),
  );
}

/**
 * Four eyes on the authority registry (the root of trust for verification): what adds or widens trust is recorded
 * here as a proposal, with its audit event, and applied only when a different admin approves it
 * (apply-registry-change.ts), in one transaction that checks everything again. The database holds the same line
 * (prisma/migrations/*_registry_change_four_eyes): a decider who is not the proposer, decided changes final, and
 * no key, channel, kind/country change or activation without a change approved in the same transaction.
 */
@Injectable()
export class RegistryChangesService {
  private readonly ttlMs: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) env: Env,
  ) {
    this.ttlMs = env.REGISTRY_CHANGE_TTL_HOURS * 3_600_000;
  }

  /** Records a proposal and its audit event in the caller's transaction. */
  async record(tx: Tx, admin: Identity, proposal: RegistryProposal): Promise<RegistryChange> {
    // A change left pending past its expiry still holds its place in the unique index: close it first.
    await expireDueRegistryChanges(tx, this.audit, { authorityId: proposal.authorityId, kind: proposal.kind });
    const now = new Date();
    const row = await tx.registryChange.create({
      data: {
        kind: proposal.kind,
        authorityId: proposal.authorityId,
        targetVersion: proposal.targetVersion ?? null,
        payload: proposal.payload,
        proposedById: admin.staffId,
        proposedAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
      },
      include: CHANGE_INCLUDE,
    });
    const { channel, reason, ...published } = proposal.payload;
    await this.audit.record(tx, {
      actor: admin,
      action: 'registry_change.proposed',
      subjectType: 'registry_change',
      subjectId: row.id,
      details: {
        kind: row.kind,
        authorityId: row.authorityId,
        targetVersion: row.targetVersion,
        // Keys and authority fields are public; a channel's address may name a person, so only its kind is.
        // Nested, so the authority's own `kind` cannot be taken for the change's.
        proposed: published,
        ...(channel ? { channel: { kind: channel.kind, verifiedAt: channel.verifiedAt } } : {}),
        expiresAt: row.expiresAt.toISOString(),
      },
      personal: {
        ...(channel ? { value: channel.value, ...(channel.label ? { label: channel.label } : {}) } : {}),
        ...(reason ? { reason } : {}),
      },
    });
    return registryChangeView(row, now);
  }

  /** Runs `prepare` and records the proposal it returns, in one transaction; a duplicate pending change gets 409. */
  async propose(admin: Identity, prepare: (tx: Tx) => Promise<RegistryProposal>): Promise<RegistryChange> {
    let proposal: RegistryProposal | undefined;
    try {
      return await this.prisma.$transaction(async (tx) => {
        proposal = await prepare(tx);
        return this.record(tx, admin, proposal);
      });
    } catch (error) {
      throw (await this.pendingConflict(error, proposal)) ?? error;
    }
  }

  /** The 409 for a proposal that met a pending change of the same kind for the same authority. */
  async pendingConflict(error: unknown, proposal: RegistryProposal | undefined): Promise<AppError | null> {
    if (!proposal || !isUniqueViolation(error)) return null;
    const pending = await this.prisma.registryChange.findFirst({
      where: { status: 'PENDING', authorityId: proposal.authorityId, kind: proposal.kind },
      select: { id: true },
    });
    return new AppError(
      'REGISTRY_CHANGE_PENDING',
      `A ${proposal.kind} change for this authority already awaits approval: approve, reject or cancel it first.`,
      { changeId: pending?.id ?? null },
    );
  }

  async list(query: ListRegistryChangesQuery): Promise<RegistryChangePage> {
    const now = new Date();
    const and: Prisma.RegistryChangeWhereInput[] = [];
    if (query.kind) and.push({ kind: query.kind });
    if (query.authorityId) and.push({ authorityId: query.authorityId });
    // EXPIRED is also a PENDING row past its expiry that nobody has closed yet.
    if (query.status === 'PENDING') and.push({ status: 'PENDING', expiresAt: { gt: now } });
    else if (query.status === 'EXPIRED')
      and.push({ OR: [{ status: 'EXPIRED' }, { status: 'PENDING', expiresAt: { lte: now } }] });
    else if (query.status) and.push({ status: query.status });
    if (query.cursor) {
      const after = decodeRegistryChangeCursor(query.cursor);
      and.push({
        OR: [{ proposedAt: { lt: after.proposedAt } }, { proposedAt: after.proposedAt, id: { lt: after.id } }],
      });
    }
    const rows = await this.prisma.registryChange.findMany({
      where: { AND: and },
      orderBy: [{ proposedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
      include: CHANGE_INCLUDE,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => registryChangeView(row, now)),
      nextCursor: rows.length > query.limit && last ? encodeRegistryChangeCursor(last) : null,
    };
  }

  async get(id: string): Promise<RegistryChange> {
    const row = await this.prisma.registryChange.findUnique({ where: { id }, include: CHANGE_INCLUDE });
    if (!row) throw notFound('This registry change');
    return registryChangeView(row);
  }

  async approve(approver: Identity, id: string): Promise<RegistryChangeApproval> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const change = await this.lockDecidable(tx, id);
      if (change === 'expired') return 'expired' as const;
      if (change.proposedById === approver.staffId) throw fourEyes(id, 'approve');
      await this.assertActiveAdmin(tx, approver.staffId);
      await this.assertProposerStillAdmin(tx, change);
      // Marked APPROVED first: the database accepts the key, channel or authority change only after that, in the
      // same transaction.
      await tx.registryChange.update({
        where: { id },
        data: { status: 'APPROVED', decidedById: approver.staffId, decidedAt: new Date() },
      });
      await applyRegistryChange(tx, this.audit, change, approver);
      const decided = await tx.registryChange.findUniqueOrThrow({ where: { id }, include: CHANGE_INCLUDE });
      await this.audit.record(tx, {
        actor: approver,
        action: 'registry_change.approved',
        subjectType: 'registry_change',
        subjectId: id,
        details: {
          kind: change.kind,
          authorityId: change.authorityId,
          proposedBy: change.proposedById,
          keyId: decided.key?.id ?? null,
          channelId: decided.channel?.id ?? null,
        },
      });
      const authority = await tx.authority.findUniqueOrThrow({
        where: { id: change.authorityId },
        include: DETAIL_INCLUDE,
      });
      return { change: registryChangeView(decided), authority: toDetail(authority) };
    });
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  async reject(admin: Identity, id: string, reason: string): Promise<RegistryChange> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const change = await this.lockDecidable(tx, id);
      if (change === 'expired') return 'expired' as const;
      if (change.proposedById === admin.staffId) throw fourEyes(id, 'reject');
      const now = new Date();
      const decided = await tx.registryChange.update({
        where: { id },
        data: { status: 'REJECTED', decidedById: admin.staffId, decidedAt: now, reason },
        include: CHANGE_INCLUDE,
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'registry_change.rejected',
        subjectType: 'registry_change',
        subjectId: id,
        details: { kind: change.kind, authorityId: change.authorityId, proposedBy: change.proposedById },
        // Free text may name people: published only as a commitment.
        personal: { reason },
      });
      return registryChangeView(decided, now);
    });
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  async cancel(admin: Identity, id: string, reason: string | undefined): Promise<RegistryChange> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      const change = await this.lockDecidable(tx, id);
      if (change === 'expired') return 'expired' as const;
      if (change.proposedById !== admin.staffId) {
        throw new AppError(
          'NOT_PROPOSER',
          `Only the admin who proposed this change can cancel it; reject it with POST /registry-changes/${id}/reject.`,
        );
      }
      const now = new Date();
      const decided = await tx.registryChange.update({
        where: { id },
        data: { status: 'CANCELLED', decidedAt: now, reason: reason ?? null },
        include: CHANGE_INCLUDE,
      });
      await this.audit.record(tx, {
        actor: admin,
        action: 'registry_change.cancelled',
        subjectType: 'registry_change',
        subjectId: id,
        details: { kind: change.kind, authorityId: change.authorityId },
        ...(reason ? { personal: { reason } } : {}),
      });
      return registryChangeView(decided, now);
    });
    if (outcome === 'expired') throw this.expired();
    return outcome;
  }

  /** Locks a change for a decision: one no longer PENDING is refused; one past its expiry is closed as EXPIRED. */
  private async lockDecidable(tx: Tx, id: string): Promise<RegistryChangeRow | 'expired'> {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM registry_change WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound('This registry change');
    const change = await tx.registryChange.findUniqueOrThrow({ where: { id } });
    if (change.status === 'EXPIRED') return 'expired';
    if (change.status !== 'PENDING') {
      throw new AppError(
        'REGISTRY_CHANGE_NOT_PENDING',
        `This change is ${change.status}: it can no longer be decided.`,
        { status: change.status },
      );
    }
    if (effectiveStatus(change) === 'EXPIRED') {
      await expireDueRegistryChanges(tx, this.audit, { id });
      return 'expired';
    }
    return change;
  }

  private expired(): AppError {
    return new AppError(
      'REGISTRY_CHANGE_EXPIRED',
      'This change waited too long for approval and expired; propose it again if it is still wanted.',
    );
  }

  /** The share lock keeps the approver an admin until this transaction commits. */
  private async assertActiveAdmin(tx: Tx, staffId: string): Promise<void> {
    const [approver] = await tx.$queryRaw<{ roles: string[]; disabled_at: Date | null }[]>`
      SELECT roles::text[] AS roles, disabled_at FROM staff WHERE id = ${staffId}::uuid FOR SHARE`;
    if (!approver || approver.disabled_at || !approver.roles.includes('ADMIN')) {
      throw new AppError('FORBIDDEN', 'You are no longer an active admin, so you cannot approve registry changes.');
    }
  }

  /** A proposal is only as good as its proposer: one who has since lost ADMIN or their account cannot be approved. */
  private async assertProposerStillAdmin(tx: Tx, change: RegistryChangeRow): Promise<void> {
    const proposer = await tx.staff.findUnique({
      where: { id: change.proposedById },
      select: { roles: true, disabledAt: true },
    });
    if (!proposer || proposer.disabledAt || !proposer.roles.includes('ADMIN')) {
      throw new AppError(
        'REGISTRY_CHANGE_STALE',
        'The admin who proposed this change is no longer an active admin, so it cannot be approved; reject it.',
      );
    }
  }
}
