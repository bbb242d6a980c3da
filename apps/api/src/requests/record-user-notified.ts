import {
  ANSWERED_STATUSES,
  isAnswered,
  type RecordUserNotified,
  type RequestDetail,
  type RequestStatus,
} from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { assertInstant } from './instant-rules.js';
import { lockRequest } from './lock-request.js';
import { loadRequestDetail } from './request-view.js';

/** Whether a gag order forbids telling the user at `at`: one without an end date never lapses by itself. */
export function gagInForce(request: { hasNdo: boolean; ndoEndsAt: Date | null }, at: Date): boolean {
  return request.hasNdo && (request.ndoEndsAt === null || request.ndoEndsAt > at);
}

/** POST /requests/{id}/user-notified: the user was told. Refused while a gag order is in force. */
export async function recordUserNotified(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: RecordUserNotified,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  if (current.userNotifiedAt) {
    throw new AppError(
      'CONFLICT',
      `The user was already recorded as notified at ${current.userNotifiedAt.toISOString()}.`,
    );
  }
  if (!isAnswered(current.status as RequestStatus)) {
    throw new AppError(
      'CONFLICT',
      `The request is ${current.status}; users are told only once it is answered (${ANSWERED_STATUSES.join(', ')}).`,
    );
  }
  const at = input.notifiedAt ? new Date(input.notifiedAt) : now;
  assertInstant('notifiedAt', at, { notBefore: current.receivedAt, notBeforeName: 'receivedAt', now });
  if (gagInForce(current, at)) {
    throw new AppError(
      'CONFLICT',
      current.ndoEndsAt
        ? `A gag order forbids telling the user until ${current.ndoEndsAt.toISOString()}.`
        : 'A gag order without an end date forbids telling the user.',
    );
  }
  await tx.request.update({
    where: { id },
    data: { userNotifiedAt: at, version: current.version + 1 },
    select: { id: true },
  });
  await audit.record(tx, {
    actor,
    action: 'request.user_notified',
    subjectType: 'request',
    subjectId: id,
    details: { userNotifiedAt: at.toISOString(), version: current.version + 1 },
  });
  return loadRequestDetail(tx, id, now);
}
