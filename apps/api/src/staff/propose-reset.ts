import type { StaffChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { findStaff } from './find-staff.js';
import { proposeStaffChange } from './record-staff-change.js';
import type { StaffContext } from './staff-context.js';

/**
 * A reset is proposed, and applied when another admin approves it (apply-staff-change.ts):
 * - RESET_SECOND_FACTOR, for a lost phone: the person logs in with their password and enrols a new authenticator;
 * - RESET_PASSWORD, for a forgotten password: the approving admin receives a generated temporary password, which
 *   the person must replace after their next login. Never the admin's own account: theirs they change with the
 *   current password, POST /auth/password.
 * Either way every session and API token of the account ends (whoever held the account must not keep a way in).
 */
export function proposeReset(
  ctx: StaffContext,
  admin: Identity,
  id: string,
  kind: 'RESET_SECOND_FACTOR' | 'RESET_PASSWORD',
): Promise<StaffChange> {
  if (kind === 'RESET_PASSWORD' && id === admin.staffId) {
    throw new AppError(
      'OWN_PASSWORD_RESET',
      'Change your own password yourself, on your account page: it asks for the current one. A reset by an admin is for other accounts.',
    );
  }
  return proposeStaffChange(ctx, admin, async (tx) => {
    const current = await findStaff(tx, id);
    return { kind, staffId: id, targetVersion: current.version, payload: {} };
  });
}
