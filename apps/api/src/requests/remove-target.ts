import type { RequestDetail } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { expectEditable, expectVersion, lockRequest } from './lock-request.js';
import { loadRequestDetail } from './request-view.js';

/** DELETE /requests/{id}/targets/{targetId}?version=: an identifier entered by mistake. One must remain. */
export async function removeTarget(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  targetId: string,
  version: number,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  expectVersion(current, version);
  await expectEditable(tx, current);

  const target = await tx.target.findFirst({ where: { id: targetId, requestId: id } });
  if (!target) throw notFound(`Target ${targetId} of request ${id}`);
  const count = await tx.target.count({ where: { requestId: id } });
  if (count <= 1) {
    throw new AppError(
      'CONFLICT',
      'A request must name at least one target: add the right one before removing this one.',
    );
  }
  await tx.target.delete({ where: { id: targetId } });
  await tx.request.update({ where: { id }, data: { version: current.version + 1 }, select: { id: true } });
  await audit.record(tx, {
    actor,
    action: 'request.target.removed',
    subjectType: 'request',
    subjectId: id,
    details: { version: current.version + 1, targetId, selectorType: target.selectorType, role: target.role },
    personal: { [`target:${targetId}`]: target.value },
  });
  return loadRequestDetail(tx, id, now);
}
