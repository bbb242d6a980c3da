import type { StaffAccount, StaffChange, UpdateStaffRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError, Proposed } from '../common/index.js';
import { findStaff } from './find-staff.js';
import { recordStaffChange, type StaffProposal, staffPendingConflict } from './record-staff-change.js';
import { revokeNarrowedTokens } from './revoke-narrowed-tokens.js';
import { staffAccount } from './staff-account.js';
import type { StaffContext } from './staff-context.js';
import { assertSeparatedRoles, selfLockout, versionConflict } from './staff-rules.js';

/**
 * A new name, or fewer roles, take effect at once. Adding a role grants access, so the addition (with a name sent
 * beside it) is proposed instead; roles the same PATCH takes away still go at once, and the proposal is made
 * against the version that leaves.
 */
export async function updateStaff(
  ctx: StaffContext,
  admin: Identity,
  id: string,
  body: UpdateStaffRequest,
): Promise<StaffAccount | Proposed<StaffChange>> {
  let proposal: StaffProposal | undefined;
  try {
    const update = ctx.prisma.$transaction(async (tx) => {
      const current = await findStaff(tx, id);
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
          await ctx.audit.record(tx, {
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
        return new Proposed(await recordStaffChange(tx, ctx, admin, proposal));
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
      await ctx.audit.record(tx, {
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
      return staffAccount(await findStaff(tx, id));
    });
    // Roles taken away are gone from the account's tokens from this answer on (those tokens are revoked).
    return await ctx.identities.changing(update);
  } catch (error) {
    throw (await staffPendingConflict(ctx, error, proposal)) ?? error;
  }
}
