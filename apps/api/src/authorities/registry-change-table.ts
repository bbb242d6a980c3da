import type { RegistryChange, RegistryChangeProposal } from '@writ/contracts';
import { type ChangeTable, changeFields } from '../four-eyes/index.js';
import type { RegistryChange as RegistryChangeRow } from '../generated/prisma/client.js';

/** Read with every change: the key or channel its approval registered. */
export const CHANGE_INCLUDE = { key: { select: { id: true } }, channel: { select: { id: true } } } as const;

export type RegistryChangeWithResult = RegistryChangeRow & {
  key: { id: string } | null;
  channel: { id: string } | null;
};

/** registry_change under the shared four-eyes steps (four-eyes/). */
export const REGISTRY_CHANGES: ChangeTable<RegistryChangeWithResult, RegistryChange> = {
  model: 'registryChange',
  table: 'registry_change',
  noun: 'registry change',
  route: '/registry-changes',
  codes: {
    pending: 'REGISTRY_CHANGE_PENDING',
    notPending: 'REGISTRY_CHANGE_NOT_PENDING',
    expired: 'REGISTRY_CHANGE_EXPIRED',
    stale: 'REGISTRY_CHANGE_STALE',
  },
  // "writrc" (the staff-change sweeper has "writsc").
  expiryLock: 0x7772_6974_7263n,
  include: CHANGE_INCLUDE,
  subject: (row) => ({ authorityId: row.authorityId }),
  view: registryChangeView,
};

export function registryChangeView(row: RegistryChangeWithResult, now = new Date()): RegistryChange {
  return {
    ...changeFields(row, now),
    kind: row.kind,
    authorityId: row.authorityId,
    proposed: (row.payload ?? {}) as RegistryChangeProposal,
    keyId: row.key?.id ?? null,
    channelId: row.channel?.id ?? null,
  };
}
