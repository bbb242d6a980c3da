import type { DisclosureView } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { decideDisclosure } from './decide-disclosure.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';

/** PREPARED → APPROVED, with the request DISCLOSURE_PREPARED → APPROVED and the audit event, in one transaction. */
export async function approveDisclosure(ctx: DisclosureContext, actor: Identity, id: string): Promise<DisclosureView> {
  const now = new Date();
  const row = await decideDisclosure(
    ctx,
    actor,
    id,
    {
      verb: 'approve',
      data: { status: 'APPROVED', approvedById: actor.staffId, approvedAt: now },
      event: { action: 'disclosure.approved' },
      request: { to: 'APPROVED' },
    },
    now,
  );
  return toDisclosureView(row, ctx.keys.verifierKey);
}
