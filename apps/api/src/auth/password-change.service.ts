import { Injectable } from '@nestjs/common';
import type { ChangePasswordRequest } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import { AppError } from '../common/index.js';
import { PrismaService, type Tx } from '../database/index.js';
import type { Identity } from './identity.js';
import { accountLocked, clearFailures, isLocked, recordLock, registerFailure } from './lockout.js';
import { assertPasswordFitsAccount, invalidPassword } from './password-rules.js';
import { hashPassword, verifyPassword } from './passwords.js';

type Outcome = { ok: true } | { ok: false; error: AppError };

/**
 * A person changes their own password, from their logged-in session. The current password is asked for even
 * then: a session left open on a desk, or a stolen cookie, must not be enough to take the account over. Wrong
 * current passwords count towards the lockout like wrong logins, so this route cannot be used to guess it.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async change(identity: Identity, body: ChangePasswordRequest): Promise<void> {
    const outcome = await this.prisma.$transaction(async (tx): Promise<Outcome> => {
      const now = new Date();
      // One attempt at a time per account: parallel guesses cannot slip past the failure count.
      await tx.$queryRaw`SELECT id FROM staff WHERE id = ${identity.staffId}::uuid FOR UPDATE`;
      const staff = await tx.staff.findUnique({ where: { id: identity.staffId } });
      if (!staff || staff.disabledAt) throw new AppError('UNAUTHENTICATED', 'This session has ended. Log in again.');
      if (isLocked(staff.lockedUntil, now)) throw accountLocked(staff.lockedUntil);

      if (!(await verifyPassword(staff.passwordHash, body.currentPassword))) {
        return { ok: false, error: await this.wrongPassword(tx, identity, now) };
      }
      // Checked after the current password, so these answers tell nothing to someone who does not know it.
      if (body.newPassword === body.currentPassword) {
        return { ok: false, error: invalidPassword('newPassword', 'must differ from the current password') };
      }
      assertPasswordFitsAccount('newPassword', body.newPassword, staff.email);

      await tx.staff.update({
        where: { id: staff.id },
        data: { passwordHash: await hashPassword(body.newPassword), mustChangePassword: false },
      });
      await clearFailures(tx, staff.id);
      // Whoever else was logged in with the old password (or an admin's temporary one) is logged out.
      const ended = await tx.session.updateMany({
        where: {
          staffId: staff.id,
          revokedAt: null,
          ...(identity.sessionHash ? { tokenHash: { not: identity.sessionHash } } : {}),
        },
        data: { revokedAt: now },
      });
      await this.audit.record(tx, {
        actor: identity,
        action: 'auth.password_changed',
        subjectType: 'staff',
        subjectId: staff.id,
        details: { requiredByAdmin: staff.mustChangePassword, otherSessionsEnded: ended.count },
      });
      return { ok: true };
    });
    // Failures commit their count and audit event (the transaction above), then answer.
    if (!outcome.ok) throw outcome.error;
  }

  private async wrongPassword(tx: Tx, identity: Identity, now: Date): Promise<AppError> {
    const until = await registerFailure(tx, identity.staffId, now);
    await this.audit.record(tx, {
      actor: identity,
      action: 'auth.password_change_failed',
      subjectType: 'staff',
      subjectId: identity.staffId,
      details: { reason: 'WRONG_PASSWORD' },
    });
    if (!until) return new AppError('CURRENT_PASSWORD_INVALID', 'That is not your current password.');
    // Five wrong guesses from one session look like someone else at the keyboard: the session ends with the lock.
    return recordLock(tx, this.audit, {
      staffId: identity.staffId,
      until,
      after: 'WRONG_CURRENT_PASSWORD',
      sessionHash: identity.sessionHash,
      now,
    });
  }
}
