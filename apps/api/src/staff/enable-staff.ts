import type { StaffAccount, StaffChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { Proposed } from '../common/index.js';
import { findStaff } from './find-staff.js';
import { recordStaffChange, type StaffProposal, staffPendingConflict } from './record-staff-change.js';
import { staffAccount } from './staff-account.js';
import type { StaffContext } from './staff-context.js';

/**
 * Enabling (which also lifts a lockout) restores access: it is proposed for another admin to approve. An account
 * that is neither disabled nor locked has nothing to enable and is returned as it is.
 */
export async function enableStaff(
  ctx: StaffContext,
  admin: Identity,
  id: string,
): Promise<StaffAccount | Proposed<StaffChange>> {
  let proposal: StaffProposal | undefined;
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      const current = await findStaff(tx, id);
      const locked = current.lockedUntil !== null && current.lockedUntil > new Date();
      if (!current.disabledAt && !locked) return staffAccount(current);
      proposal = { kind: 'ENABLE_ACCOUNT', staffId: id, targetVersion: current.version, payload: {} };
      return new Proposed(await recordStaffChange(tx, ctx, admin, proposal));
    });
  } catch (error) {
    throw (await staffPendingConflict(ctx, error, proposal)) ?? error;
  }
}
