import type { CanaryView } from '@writ/contracts';
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

/** The newest published canary; shown as expired once stale rather than hidden, so its absence is visible. */
export async function readLatestCanary(tx: Tx, now = new Date()): Promise<CanaryView> {
  const row = await tx.canary.findFirst({ where: { status: 'PUBLISHED' }, orderBy: { publishedAt: 'desc' } });
  if (!row) throw notFound('A published warrant canary');
  return canaryView(row, now);
}
