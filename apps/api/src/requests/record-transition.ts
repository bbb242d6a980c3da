import { randomUUID } from 'node:crypto';
import type { RequestStatus } from '@writ/contracts';
import type { Actor, AuditService } from '../audit/index.js';
import type { Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { RequestRow } from './request-view.js';

export interface TransitionStep {
  to: RequestStatus;
  /** Why, as written on the request and its history. */
  reason: string | null;
  reasonCode: string | null;
  /** The outcome the request has after the step. */
  outcome: string;
  /** Columns the step sets besides status, reason and version (the outcome, the DSA timestamps). */
  data?: Prisma.RequestUncheckedUpdateInput;
  /** Published only as a commitment: a person's reason is; a system's fixed text need not be. */
  personal: { reason?: string };
  now: Date;
}

/**
 * Writes one lifecycle step of a locked request, once its checks have passed: the request's status and version,
 * a row of its history, and the `request.transitioned` event. A system step (an expiry) names no person in the
 * history, the only kind that may not (a database CHECK).
 */
export async function recordTransition(
  tx: Tx,
  audit: AuditService,
  actor: Actor,
  request: RequestRow,
  step: TransitionStep,
): Promise<void> {
  const version = request.version + 1;
  const data = { ...step.data, status: step.to, statusReason: step.reason, version };
  await tx.request.update({ where: { id: request.id }, data, select: { id: true } });
  await tx.requestTransition.create({
    data: {
      id: randomUUID(),
      requestId: request.id,
      fromStatus: request.status as RequestStatus,
      toStatus: step.to,
      reason: step.reason,
      actorId: 'staffId' in actor ? actor.staffId : null,
      at: step.now,
    },
    select: { id: true },
  });
  // DSA Art. 10 medians are recounted from these two (writ-verify report).
  const at = step.now.toISOString();
  await audit.record(tx, {
    actor,
    action: 'request.transitioned',
    subjectType: 'request',
    subjectId: request.id,
    details: {
      from: request.status,
      to: step.to,
      outcome: step.outcome,
      reasonCode: step.reasonCode,
      version,
      ...(step.data?.acknowledgedAt ? { acknowledgedAt: at } : {}),
      ...(step.data?.respondedAt ? { respondedAt: at } : {}),
    },
    personal: step.personal,
  });
}
