import type { AuditInput } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Disclosure, Prisma } from '../generated/prisma/client.js';
import { advanceRequest } from './advance-request.js';
import type { DisclosureContext } from './disclosure-context.js';
import { lockDisclosure } from './lock-disclosure.js';

export interface DisclosureDecision {
  verb: 'approve' | 'reject';
  /** The package's new status, who decided and when. */
  data: Prisma.DisclosureUpdateInput;
  /** Its audit event; a reason is published only as a commitment (staff write it in their own words). */
  event: { action: 'disclosure.approved' } | { action: 'disclosure.rejected'; personal: { reason: string } };
  /** Where the request goes: on to APPROVED, or back to DECIDED. */
  request: { to: 'APPROVED' | 'DECIDED'; reason?: string };
}

/** Four eyes, then "only once": the refusals approving and rejecting share, in the order a person meets them. */
function assertDecidable(disclosure: Disclosure, actor: Identity, verb: DisclosureDecision['verb']): void {
  if (disclosure.preparedById === actor.staffId) {
    throw new AppError(
      'SEPARATION_OF_DUTIES',
      `You prepared this package; someone else must ${verb} it (four eyes, POLICY.md).`,
    );
  }
  if (disclosure.status !== 'PREPARED') {
    throw new AppError(
      'DISCLOSURE_NOT_PENDING',
      `This package is ${disclosure.status}: it was already decided on, and can be approved or rejected only once.`,
      { status: disclosure.status },
    );
  }
}

/** A second person's decision on a PREPARED package, its audit event and the request's step, in one transaction. */
export function decideDisclosure(
  ctx: DisclosureContext,
  actor: Identity,
  id: string,
  decision: DisclosureDecision,
  now: Date,
): Promise<Disclosure> {
  return ctx.prisma.$transaction(async (tx) => {
    const { disclosure, request } = await lockDisclosure(tx, id);
    assertDecidable(disclosure, actor, decision.verb);
    const updated = await tx.disclosure.update({ where: { id }, data: decision.data });
    await ctx.audit.record(tx, {
      actor,
      ...decision.event,
      subjectType: 'request',
      subjectId: disclosure.requestId,
      details: { disclosureId: id, manifestSha256: disclosure.sha256 },
    } as AuditInput<DisclosureDecision['event']['action']>);
    await advanceRequest(tx, ctx, actor, request, decision.request, now);
    return updated;
  });
}
