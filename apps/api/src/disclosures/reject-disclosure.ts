import type { DisclosureView, RejectDisclosure } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { transitionRequest } from '../requests/index.js';
import { assertDecidable } from './approve-disclosure.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';
import { lockDisclosure } from './lock-disclosure.js';
import { deletePackageFiles } from './package-files.js';

/**
 * PREPARED → REJECTED with the approver's reason; the request goes back to DECIDED, where a new package can be
 * prepared (or the request answered otherwise). The rejected package's files are deleted; its row and released
 * items stay as the record of what was proposed.
 */
export async function rejectDisclosure(
  ctx: DisclosureContext,
  actor: Identity,
  id: string,
  input: RejectDisclosure,
): Promise<DisclosureView> {
  const now = new Date();
  const row = await ctx.prisma.$transaction(async (tx) => {
    const { disclosure, request } = await lockDisclosure(tx, id);
    assertDecidable(disclosure, actor, 'reject');
    const updated = await tx.disclosure.update({
      where: { id },
      data: {
        status: 'REJECTED',
        rejectedById: actor.staffId,
        rejectedAt: now,
        rejectionReason: input.reason,
        filesDeletedAt: now,
      },
    });
    await ctx.audit.record(tx, {
      actor,
      action: 'disclosure.rejected',
      subjectType: 'request',
      subjectId: disclosure.requestId,
      details: { disclosureId: id, manifestSha256: disclosure.sha256 },
      // Staff write reasons in their own words, which may name people.
      personal: { reason: input.reason },
    });
    await transitionRequest(
      tx,
      ctx.audit,
      actor,
      disclosure.requestId,
      { to: 'DECIDED', version: request.version, reason: input.reason },
      now,
      'disclosure',
    );
    return updated;
  });
  await deletePackageFiles(ctx.env.STORAGE_DIR, id);
  return toDisclosureView(row, ctx.keys.verifierKey);
}
