import type { DisclosureView } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Disclosure } from '../generated/prisma/client.js';
import { transitionRequest } from '../requests/index.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';
import { lockDisclosure } from './lock-disclosure.js';

/** Four eyes, then "only once": the refusals approving and rejecting share, in the order a person meets them. */
export function assertDecidable(disclosure: Disclosure, actor: Identity, action: string): void {
  if (disclosure.preparedById === actor.staffId) {
    throw new AppError(
      'SEPARATION_OF_DUTIES',
      `You prepared this package; someone else must ${action} it (four eyes, POLICY.md).`,
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

/** PREPARED → APPROVED, with the request DISCLOSURE_PREPARED → APPROVED and the audit event, in one transaction. */
export async function approveDisclosure(ctx: DisclosureContext, actor: Identity, id: string): Promise<DisclosureView> {
  const now = new Date();
  const row = await ctx.prisma.$transaction(async (tx) => {
    const { disclosure, request } = await lockDisclosure(tx, id);
    assertDecidable(disclosure, actor, 'approve');
    const updated = await tx.disclosure.update({
      where: { id },
      data: { status: 'APPROVED', approvedById: actor.staffId, approvedAt: now },
    });
    await ctx.audit.record(tx, {
      actor,
      action: 'disclosure.approved',
      subjectType: 'request',
      subjectId: disclosure.requestId,
      details: { disclosureId: id, manifestSha256: disclosure.sha256 },
    });
    await transitionRequest(
      tx,
      ctx.audit,
      actor,
      disclosure.requestId,
      { to: 'APPROVED', version: request.version },
      now,
      'disclosure',
    );
    return updated;
  });
  return toDisclosureView(row, ctx.keys.verifierKey);
}
