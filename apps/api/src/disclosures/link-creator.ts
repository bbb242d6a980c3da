import type { StaffRole } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Disclosure } from '../generated/prisma/client.js';

/** Who may hand a package over: make its link or export it (the route's roles; never its preparer). */
export const DELIVERY_ROLES: readonly StaffRole[] = ['REVIEWER', 'APPROVER'];

/**
 * Four eyes on the way out (POLICY.md): the preparer saw the data already and chose it; someone else (the approver,
 * or another person with a delivery role) hands it over, so one REVIEWER alone can never take it. A database CHECK
 * repeats this.
 */
export function assertNotPreparer(disclosure: Disclosure, actor: Identity, action: string): void {
  if (disclosure.preparedById === actor.staffId) {
    throw new AppError(
      'SEPARATION_OF_DUTIES',
      `You prepared this package; someone else (its approver, or another reviewer or approver) must ${action} ` +
        '(four eyes, POLICY.md).',
    );
  }
}

export type LinkCreatorCheck =
  { ok: true; deliverer: Identity } | { ok: false; why: 'DISABLED' | 'ROLE_REMOVED'; linkCreatedById: string };

/**
 * The authority's download completes a delivery that the link's creator authorised; it is recorded as that
 * person's. So at download time the creator must still be someone who may deliver: enabled, with a delivery role,
 * and not the preparer. A person disabled or moved out of the role since takes their links with them.
 */
export async function checkLinkCreator(tx: Tx, disclosure: Disclosure): Promise<LinkCreatorCheck> {
  const id = disclosure.linkCreatedById!;
  const creator = await tx.staff.findUnique({
    where: { id },
    select: { email: true, roles: true, disabledAt: true },
  });
  if (!creator || creator.disabledAt !== null) return { ok: false, why: 'DISABLED', linkCreatedById: id };
  const roles = creator.roles.filter((role) => DELIVERY_ROLES.includes(role));
  if (roles.length === 0 || id === disclosure.preparedById) {
    return { ok: false, why: 'ROLE_REMOVED', linkCreatedById: id };
  }
  return { ok: true, deliverer: { staffId: id, email: creator.email, roles, via: 'token' } };
}
