import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { noDraft } from './approve-report-draft.js';

/** Throws a draft away (any admin, the drafter too: discarding publishes nothing). Its event keeps the reason. */
export async function discardReportDraft(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  reason: string,
): Promise<void> {
  const [draft] = await tx.$queryRaw<{ period: string; version: number; sha256: string }[]>`
    DELETE FROM report WHERE id = ${id}::uuid AND status = 'DRAFT' RETURNING period, version, sha256`;
  if (!draft) throw noDraft(id);
  await audit.record(tx, {
    actor,
    action: 'report.draft_discarded',
    subjectType: 'report',
    subjectId: id,
    details: { period: draft.period, version: draft.version, sha256: draft.sha256 },
    // Staff write reasons in their own words, which may name people.
    personal: { reason },
  });
}
