import type { StaffChangeApproval } from '@writ/contracts';
import { hashPassword, type Identity, temporaryPassword } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { isUniqueViolation } from '../database/index.js';
import { approveChange } from '../four-eyes/index.js';
import { applyStaffChange } from './apply-staff-change.js';
import { staffAccount } from './staff-account.js';
import { refuseOwnAccount, STAFF_CHANGES, staffChangeView } from './staff-change-table.js';
import type { StaffContext } from './staff-context.js';

/**
 * Approval by a second admin: the change is checked again and applied in one transaction (apply-staff-change.ts).
 * A new account or a password reset gets a generated temporary password, returned only in this answer.
 */
export async function approveStaffChange(
  ctx: StaffContext,
  approver: Identity,
  id: string,
): Promise<StaffChangeApproval> {
  const peek = await ctx.prisma.staffChange.findUnique({ where: { id } });
  if (!peek) throw notFound('This staff change');
  if (peek.proposedById === approver.staffId) {
    throw new AppError('FOUR_EYES_REQUIRED', 'You proposed this change, so another admin must approve it.');
  }
  // Generated here, hashed before the transaction (argon2 takes a while; no row stays locked for it), and
  // returned only in this answer: never stored in the change, never shown to the proposer.
  const secret = peek.kind === 'CREATE_ACCOUNT' || peek.kind === 'RESET_PASSWORD' ? temporaryPassword() : null;
  const passwordHash = secret === null ? null : await hashPassword(secret);
  try {
    return await approveChange(ctx, STAFF_CHANGES, approver, id, {
      check: (change) => refuseOwnAccount(change, approver.staffId, 'approve'),
      apply: async (tx, change) => {
        const applied = await applyStaffChange(tx, ctx.audit, change, approver, passwordHash);
        const now = new Date();
        const decided = await tx.staffChange.update({
          where: { id },
          data: { status: 'APPROVED', decidedById: approver.staffId, decidedAt: now, staffId: applied.staff.id },
        });
        await ctx.audit.record(tx, {
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
      },
      // An approved reset revokes the account's tokens: they stop working from this answer on.
      settle: (write) => ctx.identities.changing(write),
    });
  } catch (error) {
    // Two approvals racing for accounts with one email: the second meets the first on staff.email.
    if (isUniqueViolation(error) && peek.kind === 'CREATE_ACCOUNT') {
      throw new AppError('ALREADY_EXISTS', `An account with the email ${peek.email} already exists; reject this one.`);
    }
    throw error;
  }
}
