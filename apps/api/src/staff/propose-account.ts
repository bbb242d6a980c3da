import type { CreateStaffRequest, StaffChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { proposeStaffChange } from './record-staff-change.js';
import type { StaffContext } from './staff-context.js';
import { assertSeparatedRoles } from './staff-rules.js';

/** A new account is proposed: another admin approves it, and only they see its temporary password. */
export function proposeAccount(ctx: StaffContext, admin: Identity, body: CreateStaffRequest): Promise<StaffChange> {
  assertSeparatedRoles(body.roles);
  return proposeStaffChange(ctx, admin, async (tx) => {
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
