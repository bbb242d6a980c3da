import type { RequestDetail } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { loadRequestDetail } from './request-view.js';

/** A request with its targets: selector values are sensitive, so the read itself is an audit event. */
export async function readRequest(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  now = new Date(),
): Promise<RequestDetail> {
  const detail = await loadRequestDetail(tx, id, now);
  await audit.record(tx, {
    actor,
    action: 'request.read',
    subjectType: 'request',
    subjectId: id,
    details: { version: detail.version, targetIds: detail.targets.map((t) => t.id) },
  });
  return detail;
}
