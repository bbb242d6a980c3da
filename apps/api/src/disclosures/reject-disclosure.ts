import type { DisclosureView, RejectDisclosure } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { decideDisclosure } from './decide-disclosure.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';
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
  const row = await decideDisclosure(
    ctx,
    actor,
    id,
    {
      verb: 'reject',
      data: {
        status: 'REJECTED',
        rejectedById: actor.staffId,
        rejectedAt: now,
        rejectionReason: input.reason,
        filesDeletedAt: now,
      },
      event: { action: 'disclosure.rejected', personal: { reason: input.reason } },
      request: { to: 'DECIDED', reason: input.reason },
    },
    now,
  );
  await deletePackageFiles(ctx.env.STORAGE_DIR, id);
  return toDisclosureView(row, ctx.keys.verifierKey);
}
