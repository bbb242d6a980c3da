import type { DisclosureList } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { expectRequest, recordRead } from '../requests/index.js';
import type { DisclosureContext } from './disclosure-context.js';
import { toDisclosureView } from './disclosure-view.js';

/** A request's packages, newest first. Their manifests name the targets, so the read is audited. */
export async function listDisclosures(
  ctx: DisclosureContext,
  actor: Identity,
  requestId: string,
): Promise<DisclosureList> {
  return ctx.prisma.$transaction(async (tx) => {
    await expectRequest(tx, requestId);
    const rows = await tx.disclosure.findMany({
      where: { requestId },
      orderBy: [{ preparedAt: 'desc' }, { id: 'desc' }],
    });
    await recordRead(tx, ctx.audit, actor, requestId, 'disclosures.read', { disclosureIds: rows.map((row) => row.id) });
    return { items: rows.map((row) => toDisclosureView(row, ctx.keys.verifierKey)) };
  });
}
