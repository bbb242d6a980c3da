import type { RequestDetail, SetGagOrder } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { expectVersion, lockRequest } from './lock-request.js';
import { readRequest } from './read-request.js';
import { gagInForce } from './record-user-notified.js';
import { loadRequestDetail } from './request-view.js';
import { ndoProblems, throwIfAny, toDateOrNull } from './request-rules.js';

/** How the gag order moved, for the log and the reports ("gag orders in force / users notified", docs/DOMAIN.md). */
export type GagOrderChange = 'IMPOSED' | 'LIFTED' | 'EXTENDED' | 'SHORTENED';

type Gag = { hasNdo: boolean; ndoEndsAt: Date | null };

/** An order without an end date lasts longer than any dated one. */
const endOf = (gag: Gag) => gag.ndoEndsAt?.getTime() ?? Number.POSITIVE_INFINITY;

export function classifyChange(from: Gag, to: Gag): GagOrderChange {
  if (!from.hasNdo) return 'IMPOSED';
  if (!to.hasNdo) return 'LIFTED';
  return endOf(to) > endOf(from) ? 'EXTENDED' : 'SHORTENED';
}

/**
 * PUT /requests/{id}/ndo: a court changed the gag order. Unlike PATCH this is not an intake correction: it is a
 * later decision about the order, so it is allowed in every status (closed requests included, since that is when
 * the user-notification queue matters) and does not touch the frozen intake data. Whether the user may now be told
 * follows from the stored fields alone (list-requests.ts notificationQueue), so nothing else needs updating here.
 */
export async function setGagOrder(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: SetGagOrder,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  expectVersion(current, input.version);

  const next: Gag = { hasNdo: input.hasNdo, ndoEndsAt: toDateOrNull(input.ndoEndsAt) };
  throwIfAny(ndoProblems({ issuedAt: current.issuedAt, ...next }));

  const before: Gag = { hasNdo: current.hasNdo, ndoEndsAt: current.ndoEndsAt };
  // Nothing differs from what is stored: no write, no new version; the answer is still a (recorded) read.
  if (before.hasNdo === next.hasNdo && endOf(before) === endOf(next)) return readRequest(tx, audit, actor, id, now);

  const version = current.version + 1;
  await tx.request.update({
    where: { id },
    data: { hasNdo: next.hasNdo, ndoEndsAt: next.ndoEndsAt, version },
    select: { id: true },
  });
  await audit.record(tx, {
    actor,
    action: 'request.ndo.changed',
    subjectType: 'request',
    subjectId: id,
    // Flags and dates are safe to publish; the reason is free text that may name people (a judge, a suspect), so
    // it goes only to the personal part, published as a commitment.
    details: {
      version,
      change: classifyChange(before, next),
      hasNdo: { from: before.hasNdo, to: next.hasNdo },
      ndoEndsAt: { from: before.ndoEndsAt?.toISOString() ?? null, to: next.ndoEndsAt?.toISOString() ?? null },
      inForce: { from: gagInForce(before, now), to: gagInForce(next, now) },
      userNotified: current.userNotifiedAt !== null,
    },
    personal: { reason: input.reason },
  });
  return loadRequestDetail(tx, id, now);
}
