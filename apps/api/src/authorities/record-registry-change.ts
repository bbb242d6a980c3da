import type { RegistryChange, RegistryChangeKind, RegistryChangeProposal } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import type { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import { insertProposal, pendingConflict, proposeChange } from '../four-eyes/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { REGISTRY_CHANGES, registryChangeView } from './registry-change-table.js';

/** What an admin proposes: everything but who and when. */
export interface RegistryProposal {
  kind: RegistryChangeKind;
  authorityId: string;
  /** UPDATE_AUTHORITY: the authority's version now; the approval is refused if it changes meanwhile. */
  targetVersion?: number;
  payload: RegistryChangeProposal;
}

/** Where a proposal stands in the unique index: one pending kind/country change and one activation per authority. */
const samePlace = (proposal: RegistryProposal) => ({ authorityId: proposal.authorityId, kind: proposal.kind });

/** Records a proposal and its audit event in the caller's transaction. */
export async function recordRegistryChange(
  tx: Tx,
  ctx: AuthoritiesContext,
  admin: Identity,
  proposal: RegistryProposal,
): Promise<RegistryChange> {
  const row = await insertProposal(tx, ctx, REGISTRY_CHANGES, admin, {
    columns: {
      kind: proposal.kind,
      authorityId: proposal.authorityId,
      targetVersion: proposal.targetVersion ?? null,
      payload: proposal.payload,
    },
    ttlMs: ctx.changeTtlMs,
    samePlace: samePlace(proposal),
  });
  const { channel, reason, ...published } = proposal.payload;
  await ctx.audit.record(tx, {
    actor: admin,
    action: 'registry_change.proposed',
    subjectType: 'registry_change',
    subjectId: row.id,
    details: {
      kind: row.kind,
      authorityId: row.authorityId,
      targetVersion: row.targetVersion,
      // Keys and authority fields are public; a channel's address may name a person, so only its kind is.
      // Nested, so the authority's own `kind` cannot be taken for the change's.
      proposed: published,
      ...(channel ? { channel: { kind: channel.kind, verifiedAt: channel.verifiedAt } } : {}),
      expiresAt: row.expiresAt.toISOString(),
    },
    personal: {
      ...(channel ? { value: channel.value, ...(channel.label ? { label: channel.label } : {}) } : {}),
      ...(reason ? { reason } : {}),
    },
  });
  return registryChangeView(row, row.proposedAt);
}

/** The 409 for a proposal that met a pending change of the same kind for the same authority. */
export function registryPendingConflict(
  ctx: AuthoritiesContext,
  error: unknown,
  proposal: RegistryProposal | undefined,
): Promise<AppError | null> {
  return pendingConflict(
    ctx.prisma,
    REGISTRY_CHANGES,
    error,
    proposal && samePlace(proposal),
    `A ${proposal?.kind} change for this authority already awaits approval: approve, reject or cancel it first.`,
  );
}

/** Runs `prepare` and records the proposal it returns, in one transaction; a duplicate pending change gets 409. */
export function proposeRegistryChange(
  ctx: AuthoritiesContext,
  admin: Identity,
  prepare: (tx: Tx) => Promise<RegistryProposal>,
): Promise<RegistryChange> {
  return proposeChange(
    ctx,
    prepare,
    (tx, proposal) => recordRegistryChange(tx, ctx, admin, proposal),
    (error, proposal) => registryPendingConflict(ctx, error, proposal),
  );
}
