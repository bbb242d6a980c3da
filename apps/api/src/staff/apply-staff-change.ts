import type { AuditDetails, AuditPersonal, StaffChangeProposal, StaffRole } from '@writ/contracts';
import type { AuditInput, AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Staff as StaffRow, StaffChange as StaffChangeRow } from '../generated/prisma/client.js';
import { revokeNarrowedTokens } from './revoke-narrowed-tokens.js';
import { assertSeparatedRoles } from './staff-rules.js';

/** What an approved change does to an account, each audited as its own action. */
type StaffEffect =
  'staff.created' | 'staff.updated' | 'staff.enabled' | 'staff.password_reset' | 'staff.second_factor_reset';

export interface Applied {
  /** The account as the change left it (for CREATE_ACCOUNT, the new one). */
  staff: StaffRow;
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * Carries out an approved change in the approval's transaction, after checking again that it still fits the
 * account: the account exists and no admin changed it since the proposal (its version), the email of a new account
 * is still free. Each effect is audited as before four eyes existed (staff.created, staff.updated, …), by the
 * approver, naming the change and its proposer.
 */
export async function applyStaffChange(
  tx: Tx,
  audit: AuditService,
  change: StaffChangeRow,
  approver: Identity,
  /** CREATE_ACCOUNT and RESET_PASSWORD: the hash of the temporary password generated for this approval. */
  passwordHash: string | null,
): Promise<Applied> {
  const payload = change.payload as StaffChangeProposal;
  const about = { changeId: change.id, proposedBy: change.proposedById };
  const record = <A extends StaffEffect>(
    action: A,
    staffId: string,
    details: Omit<AuditDetails<A>, keyof typeof about>,
    personal?: AuditPersonal<A>,
  ) =>
    audit.record(tx, {
      actor: approver,
      action,
      subjectType: 'staff',
      subjectId: staffId,
      details: { ...details, ...about },
      ...(personal ? { personal } : {}),
    } as unknown as AuditInput<A>); // generic spread: TypeScript cannot see the merge; prepareEvent checks it at run time

  if (change.kind === 'CREATE_ACCOUNT') {
    const email = change.email!;
    const roles = payload.roles ?? [];
    assertSeparatedRoles(roles);
    if (await tx.staff.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError(
        'ALREADY_EXISTS',
        `An account with the email ${email} was created since this change was proposed; reject this one.`,
      );
    }
    // No TOTP secret: the first login must enrol an authenticator before anything else works. And the approver
    // knows the password, so the person must replace it right after.
    const created = await tx.staff.create({
      data: {
        email,
        displayName: payload.displayName!,
        roles,
        passwordHash: passwordHash!,
        mustChangePassword: true,
      },
    });
    await record(
      'staff.created',
      created.id,
      { roles, temporaryPassword: true },
      { email, displayName: created.displayName },
    );
    return { staff: created, sessionsEnded: 0, tokensRevoked: 0 };
  }

  const current = await lockTarget(tx, change);
  const now = new Date();
  const locked = current.lockedUntil !== null && current.lockedUntil > now;
  const id = current.id;

  switch (change.kind) {
    case 'GRANT_ROLES': {
      const roles = payload.roles as StaffRole[];
      assertSeparatedRoles(roles);
      const renamed = payload.displayName !== undefined && payload.displayName !== current.displayName;
      const staff = await tx.staff.update({
        where: { id },
        data: {
          roles,
          ...(payload.displayName === undefined ? {} : { displayName: payload.displayName }),
          version: { increment: 1 },
        },
      });
      // A grant normally only adds; should the approved set lack a role the account had, its tokens go with it.
      const tokensRevoked = await revokeNarrowedTokens(tx, id, roles, now);
      await record(
        'staff.updated',
        id,
        { version: staff.version, roles: { from: current.roles, to: roles }, displayNameChanged: renamed },
        renamed ? { displayName: payload.displayName! } : undefined,
      );
      return { staff, sessionsEnded: 0, tokensRevoked };
    }
    case 'ENABLE_ACCOUNT': {
      // Enabling also lifts a lockout: two admins have, in effect, vouched for the person.
      const staff = await tx.staff.update({
        where: { id },
        data: { disabledAt: null, lockedUntil: null, failedLogins: 0, version: { increment: 1 } },
      });
      await record('staff.enabled', id, { wasDisabled: current.disabledAt !== null, wasLocked: locked });
      return { staff, sessionsEnded: 0, tokensRevoked: 0 };
    }
    case 'RESET_PASSWORD': {
      const staff = await tx.staff.update({
        where: { id },
        data: {
          passwordHash: passwordHash!,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          version: { increment: 1 },
        },
      });
      const ended = await endAccess(tx, id, now);
      await record('staff.password_reset', id, { generated: true, ...ended, wasLocked: locked });
      return { staff, ...ended };
    }
    case 'RESET_SECOND_FACTOR': {
      const staff = await tx.staff.update({
        where: { id },
        data: { totpSecret: null, totpEnrolledAt: null, recoveryCodeHashes: [], version: { increment: 1 } },
      });
      const ended = await endAccess(tx, id, now);
      await record('staff.second_factor_reset', id, ended);
      return { staff, ...ended };
    }
  }
}

/**
 * A reset hands the account to whoever receives the new credentials. Sessions opened with the old ones, and API
 * tokens made from them (by the person, or by someone who had taken the account over), end with it.
 */
async function endAccess(
  tx: Tx,
  staffId: string,
  now: Date,
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  const sessions = await tx.session.updateMany({ where: { staffId, revokedAt: null }, data: { revokedAt: now } });
  const tokens = await tx.apiToken.updateMany({ where: { staffId, revokedAt: null }, data: { revokedAt: now } });
  return { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
}

/** Locks the account the change is about and refuses it if an admin changed it since the proposal. */
async function lockTarget(tx: Tx, change: StaffChangeRow): Promise<StaffRow> {
  const id = change.staffId!;
  const locked = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM staff WHERE id = ${id}::uuid FOR UPDATE`;
  const version = locked[0]?.version;
  if (version === undefined) {
    throw new AppError('STAFF_CHANGE_STALE', 'The account this change is about no longer exists.');
  }
  if (version !== change.targetVersion) {
    throw new AppError(
      'STAFF_CHANGE_STALE',
      'An admin changed this account since the change was proposed, so approving it could undo that. Reject it, ' +
        'and propose it again from the account as it is now if it is still wanted.',
      { proposedAgainstVersion: change.targetVersion, currentVersion: version },
    );
  }
  return tx.staff.findUniqueOrThrow({ where: { id } });
}
