import type { MeResponse } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { PrismaService } from '../database/index.js';
import type { Identity } from './identity.js';
import { staffSummary } from './staff-summary.js';

/** Who is calling: the account, how it is signed in, and for a session the CSRF token its writes must carry. */
export async function readMe(prisma: PrismaService, identity: Identity): Promise<MeResponse> {
  const staff = await prisma.staff.findUnique({ where: { id: identity.staffId } });
  if (!staff) throw notFound('This account');
  const session = identity.sessionHash
    ? await prisma.session.findUnique({ where: { tokenHash: identity.sessionHash } })
    : null;
  return {
    // For a token, the roles it carries: what this caller can actually do.
    staff: { ...staffSummary(staff), roles: [...identity.roles] },
    via: identity.via,
    csrfToken: session?.csrfToken ?? null,
    passwordChangeRequired: identity.via === 'session' && staff.mustChangePassword,
  };
}
