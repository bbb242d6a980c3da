import type { Identity } from '../auth/index.js';
import { assertDeliverable } from './create-download-link.js';
import type { DisclosureContext } from './disclosure-context.js';
import { type Delivery, openDelivery, recordDelivery } from './deliver-package.js';
import { expireIfDue } from './expire-package.js';
import { assertNotPreparer } from './link-creator.js';
import { lockDisclosure } from './lock-disclosure.js';

/**
 * The same zip for a staff member, to send by the authority's registered channel. Like the link it works once: it
 * delivers the package (an unused link then answers 410). Never by its preparer (four eyes on the way out).
 */
export async function exportPackage(ctx: DisclosureContext, actor: Identity, id: string): Promise<Delivery> {
  const now = new Date();
  await expireIfDue(ctx, id, now);
  const { disclosure, reference } = await ctx.prisma.$transaction(async (tx) => {
    const locked = await lockDisclosure(tx, id);
    assertDeliverable(locked.disclosure);
    assertNotPreparer(locked.disclosure, actor, 'export it');
    await recordDelivery(ctx, tx, locked, 'EXPORT', actor, actor, now);
    return { disclosure: locked.disclosure, reference: locked.request.reference };
  });
  return openDelivery(ctx, disclosure, reference);
}
