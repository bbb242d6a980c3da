import type { CanaryView } from '@writ/contracts';
import { type NoteSigner, signNote } from '@writ/tlog';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { canaryView } from './read-canary.js';

/** Publishes another admin's canary draft, signed now with the log key(s) as a C2SP signed note. */
export async function approveCanaryDraft(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  signers: readonly NoteSigner[],
  now = new Date(),
): Promise<CanaryView> {
  const [draft] = await tx.$queryRaw<{ period: string; statement: string; drafted_by_id: string; expires_at: Date }[]>`
    SELECT period, statement, drafted_by_id::text, expires_at FROM canary
    WHERE id = ${id}::uuid AND status = 'DRAFT' FOR UPDATE`;
  if (!draft)
    throw new AppError('NOT_FOUND', `There is no draft canary ${id}: it was published already, or never existed.`);
  if (draft.drafted_by_id === actor.staffId) {
    throw new AppError('FOUR_EYES_REQUIRED', `You drafted this ${draft.period} canary; another admin must approve it.`);
  }
  if (draft.expires_at <= now) {
    throw new AppError(
      'VALIDATION_FAILED',
      `This ${draft.period} canary expired before it was approved; draft a new one.`,
    );
  }
  const signedNote = signNote(draft.statement, signers);
  const eventId = await audit.record(tx, {
    actor,
    action: 'canary.published',
    subjectType: 'canary',
    subjectId: id,
    details: { period: draft.period, expiresAt: draft.expires_at.toISOString(), signedNote },
  });
  const updated = await tx.canary.update({
    where: { id },
    data: { status: 'PUBLISHED', approvedById: actor.staffId, publishedAt: now, signedNote, auditEventId: eventId },
  });
  return canaryView(updated, now);
}
