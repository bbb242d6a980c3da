import type { AuditDetails, AuditPersonal, RecordedVerification, RequestStatus } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { assessRequestVerification } from '../decisions/index.js';
import type { Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { VerificationContext } from './verification-context.js';
import { toVerificationView, VERIFICATION_INCLUDE } from './verification-view.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'verificationId'> : never;

export interface StoreEvidenceOptions {
  /** The request as locked by the caller. */
  request: { id: string; status: string };
  /** The evidence row's own columns: method, result, and what was checked. */
  row: Omit<Prisma.VerificationUncheckedCreateInput, 'requestId' | 'recordedById' | 'recordedAt'>;
  /** The public part of its audit event beside verificationId; what may name a person goes in `personal`. */
  details: WithoutId<AuditDetails<'verification.recorded'>>;
  personal: AuditPersonal<'verification.recorded'>;
  at: Date;
  /** Events the evidence rests on (reading the order's bytes), logged before the evidence itself. */
  before?: (verificationId: string) => Promise<void>;
}

/**
 * Stores a piece of evidence as recorded, a failed check included, with its audit event, and answers with what the
 * policy engine now makes of all the evidence. Recording never moves the request: a confirmation does.
 */
export async function storeEvidence(
  ctx: VerificationContext,
  tx: Tx,
  actor: Identity,
  options: StoreEvidenceOptions,
): Promise<RecordedVerification> {
  const { request, at } = options;
  const row = await tx.verification.create({
    data: { ...options.row, requestId: request.id, recordedById: actor.staffId, recordedAt: at },
    include: VERIFICATION_INCLUDE,
  });
  await options.before?.(row.id);
  await ctx.audit.record(tx, {
    actor,
    action: 'verification.recorded',
    subjectType: 'request',
    subjectId: request.id,
    details: { verificationId: row.id, ...options.details },
    personal: options.personal,
  });
  return {
    verification: toVerificationView(row),
    requestStatus: request.status as RequestStatus,
    assessment: await assessRequestVerification(tx, ctx.policy, request.id, at),
  };
}
