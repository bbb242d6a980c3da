import type { RegistryChange, RegistryChangeProposal, RegistryChangeProposalView } from '@writ/contracts';
import { type ChangeTable, changeFields } from '../four-eyes/index.js';
import type { RegistryChange as RegistryChangeRow } from '../generated/prisma/client.js';
import { describeCertificate } from './key-material.js';

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
    proposed: proposalView((row.payload ?? {}) as RegistryChangeProposal),
    keyId: row.key?.id ?? null,
    channelId: row.channel?.id ?? null,
  };
}

/**
 * The stored proposal with what a proposed certificate says about itself (subject, issuer, serial number), read
 * from its PEM as the registry's key view reads a registered one: the approving admin compares it with the court's
 * records before trusting it. Not stored with the proposal, whose shape the audit event fixes.
 */
function proposalView(payload: RegistryChangeProposal): RegistryChangeProposalView {
  if (!payload.key) return { ...payload, key: undefined };
  const { key } = payload;
  return { ...payload, key: { ...key, certificate: key.kind === 'X509' ? describeCertificate(key.material) : null } };
}
