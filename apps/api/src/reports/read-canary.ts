import type { CanaryView } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';

interface CanaryRow {
  id: string;
  period: string;
  status: 'DRAFT' | 'PUBLISHED';
  statement: string;
  signedNote: string | null;
  publishedAt: Date | null;
  expiresAt: Date;
}

export function canaryView(row: CanaryRow, now = new Date()): CanaryView {
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    statement: row.statement,
    signedNote: row.signedNote,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt <= now,
  };
}

/** The newest published canary; shown as expired once stale rather than hidden, so its absence is visible. */
export async function readLatestCanary(tx: Tx, now = new Date()): Promise<CanaryView> {
  const row = await tx.canary.findFirst({ where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' } });
  if (!row) throw notFound('A published warrant canary');
  return canaryView(row, now);
}
