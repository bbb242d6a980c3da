import type { VerificationList } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { assessRequestVerification } from '../decisions/index.js';
import { expectRequest, recordRead } from '../requests/index.js';
import type { VerificationContext } from './verification-context.js';
import { toVerificationView, VERIFICATION_INCLUDE } from './verification-view.js';

/** A request's evidence in the order recorded, with the policy engine's assessment of it now. */
export function listVerifications(
  ctx: VerificationContext,
  actor: Identity,
  requestId: string,
): Promise<VerificationList> {
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    await expectRequest(tx, requestId);
    const rows = await tx.verification.findMany({
      where: { requestId },
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      include: VERIFICATION_INCLUDE,
    });
    // Contact persons and notes may name people: reading them is an event.
    const verificationIds = rows.map((row) => row.id);
    await recordRead(tx, ctx.audit, actor, requestId, 'verifications.read', { verificationIds });
    return {
      items: rows.map(toVerificationView),
      assessment: await assessRequestVerification(tx, ctx.policy, requestId, now),
    };
  });
}
