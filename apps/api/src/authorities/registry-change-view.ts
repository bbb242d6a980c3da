import type { RegistryChange, RegistryChangeProposal } from '@writ/contracts';
import { AppError } from '../common/app-error.js';
import type { RegistryChange as RegistryChangeRow } from '../generated/prisma/client.js';

/** Read with every change: the key or channel its approval registered. */
export const CHANGE_INCLUDE = { key: { select: { id: true } }, channel: { select: { id: true } } } as const;

export type RegistryChangeWithResult = RegistryChangeRow & {
  key: { id: string } | null;
  channel: { id: string } | null;
};

/** What a row says its status is, read at `now`: a PENDING change past its expiry is EXPIRED, written or not. */
export function effectiveStatus(row: Pick<RegistryChangeRow, 'status' | 'expiresAt'>, now = new Date()) {
  return row.status === 'PENDING' && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

export function registryChangeView(row: RegistryChangeWithResult, now = new Date()): RegistryChange {
  return {
    id: row.id,
    kind: row.kind,
    authorityId: row.authorityId,
    proposed: (row.payload ?? {}) as RegistryChangeProposal,
    targetVersion: row.targetVersion,
    status: effectiveStatus(row, now),
    proposedBy: row.proposedById,
    proposedAt: row.proposedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedBy: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    keyId: row.key?.id ?? null,
    channelId: row.channel?.id ?? null,
  };
}

/** Keyset cursor over (proposedAt, id), newest first: opaque to clients. */
export function encodeRegistryChangeCursor(row: Pick<RegistryChangeRow, 'proposedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.proposedAt.toISOString(), row.id]), 'utf8').toString('base64url');
}

export function decodeRegistryChangeCursor(cursor: string): { proposedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const proposedAt = new Date(value[0]);
      // Checked like any other input: a forged cursor must not reach PostgreSQL with a date it cannot hold.
      const year = proposedAt.getUTCFullYear();
      if (year >= 2000 && year <= 2999 && /^[0-9a-f-]{36}$/.test(value[1])) return { proposedAt, id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
