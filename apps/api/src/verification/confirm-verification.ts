import type { RecordedVerification, RequestStatus } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { TX } from '../database/index.js';
import { assessRequestVerification } from '../decisions/index.js';
import { lockRequest, transitionRequest } from '../requests/index.js';
import { assertCollecting } from './evidence-rules.js';
import type { VerificationContext } from './verification-context.js';
import { toVerificationView, VERIFICATION_INCLUDE } from './verification-view.js';

/**
 * Four eyes: the confirmer is never the recorder (docs/POLICY.md, "Verification"). A confirmation that makes the
 * order verified, in the policy engine's judgement, moves the request IN_REVIEW → VERIFIED in the same transaction.
 */
export function confirmVerification(
  ctx: VerificationContext,
  actor: Identity,
  requestId: string,
  verificationId: string,
): Promise<RecordedVerification> {
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const current = await lockRequest(tx, requestId);
    const evidence = await tx.verification.findFirst({ where: { id: verificationId, requestId } });
    if (!evidence) throw notFound('This verification (on this request)');
    if (evidence.recordedById === actor.staffId) {
      throw new AppError(
        'SEPARATION_OF_DUTIES',
        'You recorded this evidence; another person must confirm it (four eyes, POLICY.md).',
      );
    }
    if (evidence.confirmedById !== null) {
      throw new AppError('CONFLICT', `This evidence was already confirmed at ${evidence.confirmedAt?.toISOString()}.`, {
        confirmedById: evidence.confirmedById,
      });
    }
    assertCollecting(current.status);
    const row = await tx.verification.update({
      where: { id: verificationId },
      data: { confirmedById: actor.staffId, confirmedAt: now },
      include: VERIFICATION_INCLUDE,
    });
    await ctx.audit.record(tx, {
      actor,
      action: 'verification.confirmed',
      subjectType: 'request',
      subjectId: requestId,
      details: { verificationId, method: row.method, result: row.result, recordedById: row.recordedById },
    });
    const assessment = await assessRequestVerification(tx, ctx.policy, requestId, now);
    let requestStatus = current.status as RequestStatus;
    if (current.status === 'IN_REVIEW' && assessment.verified) {
      // The lifecycle's own transition (roles, history, audit event), in this transaction.
      const moved = await transitionRequest(
        tx,
        ctx.audit,
        actor,
        requestId,
        { to: 'VERIFIED', version: current.version },
        now,
        'verification',
      );
      requestStatus = moved.status as RequestStatus;
    }
    return { verification: toVerificationView(row), requestStatus, assessment };
  }, TX.evidence);
}
