import { z } from 'zod';
import { CountryCode } from '../countries.js';
import { AuthorityKind } from '../domain.js';
import { AuthorityKeyKind, CertificateFacts, ContactChannelKind, Timestamp } from './authority-fields.js';

// Four eyes on the authority registry, the root of trust for verifying orders: a change that adds or widens trust
// (a key or certificate, a contact channel, a change of kind or country, an activation) is proposed by one admin
// and takes effect only when a different admin approves it. Changes that take trust away (suspending, revoking a
// key, removing a channel) act at once. A new authority is registered SUSPENDED with its activation proposed.

export const RegistryChangeKind = z.enum(['ADD_KEY', 'ADD_CHANNEL', 'UPDATE_AUTHORITY', 'ACTIVATE_AUTHORITY']);
export type RegistryChangeKind = z.infer<typeof RegistryChangeKind>;

/** EXPIRED: still PENDING REGISTRY_CHANGE_TTL_HOURS (default 72) after it was proposed; it can no longer be approved. */
export const RegistryChangeStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED']);
export type RegistryChangeStatus = z.infer<typeof RegistryChangeStatus>;

const ProposedKey = z.object({
  kind: AuthorityKeyKind,
  material: z.string(),
  /** SHA-256 (hex) of the DER certificate or of the raw public key. */
  fingerprint: z.string(),
  /** The certificate's own window (notBefore, notAfter), or the one given with a raw key. */
  validFrom: Timestamp,
  validTo: Timestamp,
});

/** What the change would set; only the part for its kind is present. Public material only. */
export const RegistryChangeProposal = z.object({
  /** ADD_KEY: the key or certificate, already parsed and checked. */
  key: ProposedKey.optional(),
  /** ADD_CHANNEL: the channel, normalised. */
  channel: z
    .object({
      kind: ContactChannelKind,
      value: z.string(),
      label: z.string().nullable(),
      verifiedAt: Timestamp,
    })
    .optional(),
  /** UPDATE_AUTHORITY: the new values of the fields the PATCH changes (kind or country among them). */
  name: z.string().optional(),
  kind: AuthorityKind.optional(),
  country: CountryCode.optional(),
  jurisdiction: z.string().optional(),
  /** ACTIVATE_AUTHORITY: why, when the proposer said. */
  reason: z.string().optional(),
});
export type RegistryChangeProposal = z.infer<typeof RegistryChangeProposal>;

/**
 * A proposal as admins read it: what was proposed and, for a certificate, what it says about itself, read from it
 * by the API each time (not stored with the proposal), so the approving admin does not approve blind.
 */
export const RegistryChangeProposalView = RegistryChangeProposal.extend({
  key: ProposedKey.extend({
    /** X509: subject, issuer and serial number; null for a raw key (or a certificate the API cannot read). */
    certificate: CertificateFacts.nullable(),
  }).optional(),
});
export type RegistryChangeProposalView = z.infer<typeof RegistryChangeProposalView>;

export const RegistryChange = z.object({
  id: z.uuid(),
  kind: RegistryChangeKind,
  authorityId: z.uuid(),
  proposed: RegistryChangeProposalView,
  /** UPDATE_AUTHORITY: the authority's version when proposed (REGISTRY_CHANGE_STALE if it changed since). */
  targetVersion: z.int().nullable(),
  status: RegistryChangeStatus,
  proposedBy: z.uuid(),
  proposedAt: Timestamp,
  expiresAt: Timestamp,
  /** The admin who approved or rejected it; null while pending, and after a cancellation or expiry. */
  decidedBy: z.uuid().nullable(),
  decidedAt: Timestamp.nullable(),
  /** Why it was rejected or cancelled. */
  reason: z.string().nullable(),
  /** Once approved: the key or channel it registered. */
  keyId: z.uuid().nullable(),
  channelId: z.uuid().nullable(),
});
export type RegistryChange = z.infer<typeof RegistryChange>;
