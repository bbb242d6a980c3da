import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';

/**
 * Throws a canary draft away (any admin, its drafter too: discarding publishes nothing). Without it a mistaken or
 * stale draft held its period, one canary per period, until someone published it. A published canary is final:
 * the status condition leaves it alone, and the table's trigger refuses its deletion anyway.
 */
export async function discardCanaryDraft(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  reason: string,
): Promise<void> {
  const [draft] = await tx.$queryRaw<{ period: string; expires_at: Date }[]>`
    DELETE FROM canary WHERE id = ${id}::uuid AND status = 'DRAFT' RETURNING period, expires_at`;
  if (!draft) {
    throw new AppError('NOT_FOUND', `There is no draft canary ${id}: it was published or discarded already.`);
  }
  await audit.record(tx, {
    actor,
    action: 'canary.draft_discarded',
    subjectType: 'canary',
    subjectId: id,
    details: { period: draft.period, expiresAt: draft.expires_at.toISOString() },
    // Staff write reasons in their own words, which may name people.
    personal: { reason },
  });
}
