import { type CanaryDraft, type CanaryDraftList, type CanaryView, parsePeriod } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Canary } from '../generated/prisma/client.js';

/** The columns a canary's view reads. */
type CanaryRow = Pick<Canary, 'id' | 'period' | 'status' | 'statement' | 'signedNote' | 'publishedAt' | 'expiresAt'>;

export function canaryView(row: CanaryRow, now = new Date()): CanaryView {
  const { id, period, status, statement, signedNote, publishedAt, expiresAt } = row;
  return {
    ...{ id, period, status, statement, signedNote },
    publishedAt: publishedAt?.toISOString() ?? null,
    expiresAt: expiresAt.toISOString(),
    expired: expiresAt <= now,
  };
}

/** A draft's view for admins: who drafted it and when, too. */
export function canaryDraftView(
  row: CanaryRow & Pick<Canary, 'draftedById' | 'draftedAt'>,
  now = new Date(),
): CanaryDraft {
  return { ...canaryView(row, now), draftedBy: row.draftedById, draftedAt: row.draftedAt.toISOString() };
}

/** The canaries waiting for a second admin (one per period at most), newest period first. */
export async function listCanaryDrafts(tx: Tx, now = new Date()): Promise<CanaryDraftList> {
  const rows = await tx.canary.findMany({ where: { status: 'DRAFT' }, orderBy: [{ period: 'desc' }] });
  return { items: rows.map((row) => canaryDraftView(row, now)) };
}

/**
 * The canary of the latest period: a reader asks what holds now, and an older period's canary may be published after
 * a newer one's (a half-year's after the quarter that followed it, and with the same expiry), which must not replace
 * it. Of two periods ending together, the later published. Shown as expired once stale rather than hidden, so its
 * absence is visible. One canary per period: the rows are few, compared here by the contracts' period rule.
 */
export async function readLatestCanary(tx: Tx, now = new Date()): Promise<CanaryView> {
  const rows = await tx.canary.findMany({ where: { status: 'PUBLISHED' } });
  const end = (period: string) => parsePeriod(period)?.end.getTime() ?? 0;
  const row = rows.reduce<(typeof rows)[number] | null>((best, next) => {
    if (best === null) return next;
    const order = end(next.period) - end(best.period);
    if (order !== 0) return order > 0 ? next : best;
    return (next.publishedAt?.getTime() ?? 0) > (best.publishedAt?.getTime() ?? 0) ? next : best;
  }, null);
  if (!row) throw notFound('A published warrant canary');
  return canaryView(row, now);
}
