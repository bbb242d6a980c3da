import type { AcknowledgeRequest, RequestDetail } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { lockRequest } from './lock-request.js';
import { readRequest } from './read-request.js';
import { assertInstant } from './instant-rules.js';
import { loadRequestDetail } from './request-view.js';

/**
 * Records when receipt was acknowledged to the authority (DSA Art. 10: median time to inform of receipt). Set once:
 * asking again answers the request as it is. The first transition out of RECEIVED sets it too if nobody did.
 */
export async function acknowledgeRequest(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: AcknowledgeRequest,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  if (current.acknowledgedAt) return readRequest(tx, audit, actor, id, now);
  const at = input.acknowledgedAt ? new Date(input.acknowledgedAt) : now;
  assertInstant('acknowledgedAt', at, { notBefore: current.receivedAt, notBeforeName: 'receivedAt', now });
  await tx.request.update({
    where: { id },
    data: { acknowledgedAt: at, version: current.version + 1 },
    select: { id: true },
  });
  await audit.record(tx, {
    actor,
    action: 'request.acknowledged',
    subjectType: 'request',
    subjectId: id,
    details: { acknowledgedAt: at.toISOString(), version: current.version + 1 },
  });
  return loadRequestDetail(tx, id, now);
}
