import { IsoDateTime, Uuid, type RegistryChange, type RegistryChangeProposal } from '@writ/contracts';
import { z } from 'zod';
import { keysetCursor } from '../common/index.js';
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

/** Keyset cursor over (proposedAt, id), newest first. */
const cursor = keysetCursor(z.tuple([IsoDateTime, Uuid]));

export function encodeRegistryChangeCursor(row: Pick<RegistryChangeRow, 'proposedAt' | 'id'>): string {
  return cursor.encode([row.proposedAt.toISOString(), row.id]);
}

export function decodeRegistryChangeCursor(value: string): { proposedAt: Date; id: string } {
  const [proposedAt, id] = cursor.decode(value);
  return { proposedAt: new Date(proposedAt), id };
}
