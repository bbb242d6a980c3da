import type { StaffChange, StaffChangeKind, StaffChangeProposal } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import type { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { insertProposal, pendingConflict, proposeChange } from '../four-eyes/index.js';
import type { StaffContext } from './staff-context.js';
import { STAFF_CHANGES, staffChangeView } from './staff-change-table.js';

/** What an admin proposes: everything but who and when. */
export interface StaffProposal {
  kind: StaffChangeKind;
  /** The account changed; absent for CREATE_ACCOUNT. */
  staffId?: string;
  /** CREATE_ACCOUNT: the new account's email. */
  email?: string;
  /** The account's version now: the approval is refused if an admin changes it meanwhile. */
  targetVersion?: number;
  payload: StaffChangeProposal;
}

/** Where a proposal stands in the unique indexes: one pending change per account and kind, one per new email. */
const samePlace = (proposal: StaffProposal) =>
  proposal.staffId ? { staffId: proposal.staffId, kind: proposal.kind } : { email: proposal.email! };

/**
 * Records a proposal and its audit event in the caller's transaction. A duplicate of a pending change fails on
 * the database's unique index; the caller's transaction then ends, and `staffPendingConflict` says which change
 * it met.
 */
export async function recordStaffChange(
  tx: Tx,
  ctx: StaffContext,
  admin: Identity,
  proposal: StaffProposal,
): Promise<StaffChange> {
  const row = await insertProposal(tx, ctx, STAFF_CHANGES, admin, {
    columns: {
      kind: proposal.kind,
      staffId: proposal.staffId ?? null,
      email: proposal.email ?? null,
      targetVersion: proposal.targetVersion ?? null,
      payload: proposal.payload,
    },
    ttlMs: ctx.changeTtlMs,
    samePlace: samePlace(proposal),
  });
  const { displayName, ...roles } = proposal.payload;
  await ctx.audit.record(tx, {
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
  return staffChangeView(row, row.proposedAt);
}

/** The 409 for a proposal that met a pending change of the same kind for the same account (or email). */
export function staffPendingConflict(
  ctx: StaffContext,
  error: unknown,
  proposal: StaffProposal | undefined,
): Promise<AppError | null> {
  return pendingConflict(
    ctx.prisma,
    STAFF_CHANGES,
    error,
    proposal && samePlace(proposal),
    proposal?.staffId
      ? `A ${proposal.kind} change for this account already awaits approval: approve, reject or cancel it first.`
      : `A new account with the email ${proposal?.email} already awaits approval: approve, reject or cancel it first.`,
  );
}

/** Runs `prepare` and records the proposal it returns, in one transaction; a duplicate gets 409. */
export function proposeStaffChange(
  ctx: StaffContext,
  admin: Identity,
  prepare: (tx: Tx) => Promise<StaffProposal>,
): Promise<StaffChange> {
  return proposeChange(
    ctx,
    prepare,
    (tx, proposal) => recordStaffChange(tx, ctx, admin, proposal),
    (error, proposal) => staffPendingConflict(ctx, error, proposal),
  );
}
