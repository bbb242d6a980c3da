import type { CanaryDraft, CanaryDraftList, CanaryView } from '@writ/contracts';
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

/** The newest published canary; shown as expired once stale rather than hidden, so its absence is visible. */
export async function readLatestCanary(tx: Tx, now = new Date()): Promise<CanaryView> {
  const row = await tx.canary.findFirst({ where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' } });
  if (!row) throw notFound('A published warrant canary');
  return canaryView(row, now);
}
