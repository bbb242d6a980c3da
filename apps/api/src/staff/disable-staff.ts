import type { StaffAccount } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { findStaff } from './find-staff.js';
import { staffAccount } from './staff-account.js';
import type { StaffContext } from './staff-context.js';
import { selfLockout } from './staff-rules.js';

/**
 * Takes access away, so it acts at once. Disabling ends the account's sessions and revokes its API tokens;
 * enabling later does not bring them back.
 */
export function disableStaff(ctx: StaffContext, admin: Identity, id: string): Promise<StaffAccount> {
  if (id === admin.staffId) throw selfLockout('You cannot disable your own account; ask another admin.');
  const disabling = ctx.prisma.$transaction(async (tx) => {
    // Locked first: an approval enabling the account may hold it uncommitted, and a plain read would still see it
    // disabled, answer "done" and let the enabling win.
    await tx.$queryRaw`SELECT id FROM staff WHERE id = ${id}::uuid FOR UPDATE`;
    const current = await findStaff(tx, id);
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
    await ctx.audit.record(tx, {
      actor: admin,
      action: 'staff.disabled',
      subjectType: 'staff',
      subjectId: id,
      details: { sessionsEnded: sessions.count, tokensRevoked: tokens.count },
    });
    return staffAccount(await findStaff(tx, id));
  });
  return ctx.identities.changing(disabling);
}
