import type { Readable } from 'node:stream';
import type { Actor } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import type { DeliveryChannel, Disclosure } from '../generated/prisma/client.js';
import type { RequestRow } from '../requests/index.js';
import { advanceRequest } from './advance-request.js';
import { countReleased } from './count-released.js';
import type { DisclosureContext } from './disclosure-context.js';
import { packageZip } from './package-zip.js';

export interface Delivery {
  filename: string;
  zip: Readable;
}

/**
 * Records a delivery in the caller's transaction: the package DELIVERED (files marked deleted: they go as soon as
 * the zip is sent), the download's audit event with what the package released, counted as the transparency report
 * counts it, and the request APPROVED → DELIVERED with outcome DISCLOSED. Only a delivery discloses: a package
 * prepared or approved but rejected, expired or still waiting has released nothing, and its leaves carry no counts.
 * Whoever commits this first is the one download; the zip is opened only then, by the caller, via `openZip`.
 */
export async function recordDelivery(
  ctx: DisclosureContext,
  tx: Tx,
  locked: { disclosure: Disclosure; request: RequestRow },
  via: DeliveryChannel,
  downloader: Actor,
  deliverer: Identity,
  now: Date,
): Promise<void> {
  const { disclosure, request } = locked;
  await tx.disclosure.update({
    where: { id: disclosure.id },
    data: {
      status: 'DELIVERED',
      deliveredAt: now,
      deliveredVia: via,
      deliveredById: deliverer.staffId,
      filesDeletedAt: now,
    },
    select: { id: true },
  });
  await ctx.audit.record(tx, {
    actor: downloader,
    action: via === 'LINK' ? 'disclosure.downloaded' : 'disclosure.exported',
    subjectType: 'request',
    subjectId: disclosure.requestId,
    details: {
      disclosureId: disclosure.id,
      via,
      manifestSha256: disclosure.sha256,
      ...(await countReleased(tx, disclosure.id)),
    },
  });
  await advanceRequest(tx, ctx, deliverer, request, { to: 'DELIVERED' }, now);
}

export async function openDelivery(
  ctx: DisclosureContext,
  disclosure: Disclosure,
  reference: string,
): Promise<Delivery> {
  return {
    filename: `${reference}-disclosure.zip`.replace(/[^A-Za-z0-9._-]/g, '_'),
    zip: await packageZip(ctx.env.STORAGE_DIR, ctx.keys.encryptionKey, disclosure),
  };
}
