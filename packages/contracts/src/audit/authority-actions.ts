import { z } from 'zod';
import { Id, Iso, Text, defineAction } from './define-action.js';

/** An effect applied on a second admin's approval names the registry change and its proposer. */
const Approved = { registryChangeId: Id.optional(), proposedBy: Id.optional() };
const ChangeAbout = { kind: z.string(), authorityId: Id };

// Authorities are public bodies: their names, kinds and countries are public. Contact details are not published:
// a channel's value and label are committed to.
export const AUTHORITY_ACTIONS = {
  'authority.created': defineAction({
    subject: 'authority',
    summary:
      'An authority (court, police, prosecutor …) was added to the registry, suspended until a second admin approves its activation.',
    details: z.strictObject({
      name: z.string(),
      kind: z.string(),
      country: z.string(),
      jurisdiction: z.string().nullable().optional(),
      status: z.string().optional(),
    }),
  }),
  'authority.updated': defineAction({
    subject: 'authority',
    summary: 'An authority’s name, kind, country or jurisdiction changed.',
    details: z.strictObject({
      version: z.number().int(),
      changes: z.record(z.string(), z.strictObject({ from: z.string().nullable(), to: z.string().nullable() })),
      ...Approved,
    }),
  }),
  'authority.deleted': defineAction({
    subject: 'authority',
    summary: 'An authority no request referred to was deleted from the registry.',
    details: z.strictObject({ name: z.string(), kind: z.string(), country: z.string() }),
  }),
  'authority.activated': defineAction({
    subject: 'authority',
    summary: 'An authority was activated (on a second admin’s approval): its orders can be verified again.',
    details: z.strictObject({ from: z.string(), to: z.string(), version: z.number().int(), ...Approved }),
    personal: z.strictObject({ reason: Text.optional() }),
  }),
  'authority.suspended': defineAction({
    subject: 'authority',
    summary: 'An authority was suspended: nothing it sends can be verified until it is activated.',
    details: z.strictObject({ from: z.string(), to: z.string(), version: z.number().int() }),
    personal: z.strictObject({ reason: Text.optional() }),
  }),
  'authority.channel.added': defineAction({
    subject: 'authority',
    summary: 'A contact channel for out-of-band call-backs was registered.',
    details: z.strictObject({ channelId: Id, kind: z.string(), verifiedAt: Iso, ...Approved }),
    personal: z.strictObject({ value: Text, label: Text.optional() }),
  }),
  'authority.channel.removed': defineAction({
    subject: 'authority',
    summary: 'A contact channel was removed.',
    details: z.strictObject({ channelId: Id, kind: z.string() }),
  }),
  'authority.key.added': defineAction({
    subject: 'authority',
    summary: 'A signing key or certificate was registered for an authority.',
    details: z.strictObject({
      keyId: Id,
      kind: z.string(),
      fingerprint: z.string(),
      validFrom: Iso,
      validTo: Iso,
      ...Approved,
    }),
  }),
  'authority.key.revoked': defineAction({
    subject: 'authority',
    summary: 'A signing key or certificate was revoked.',
    details: z.strictObject({ keyId: Id, fingerprint: z.string() }),
    personal: z.strictObject({ reason: Text }),
  }),
  'registry_change.proposed': defineAction({
    subject: 'registry_change',
    summary:
      'An admin proposed a change that adds or widens trust in the registry (a key, a channel, kind or country, activation); it waits for a second admin.',
    details: z.strictObject({
      ...ChangeAbout,
      targetVersion: z.number().int().nullable(),
      proposed: z.strictObject({
        key: z
          .strictObject({
            kind: z.string(),
            material: z.string(),
            fingerprint: z.string(),
            validFrom: Iso,
            validTo: Iso,
          })
          .optional(),
        name: z.string().optional(),
        kind: z.string().optional(),
        country: z.string().optional(),
        jurisdiction: z.string().optional(),
      }),
      channel: z.strictObject({ kind: z.string(), verifiedAt: Iso }).optional(),
      expiresAt: Iso,
    }),
    personal: z.strictObject({ value: Text.optional(), label: Text.optional(), reason: Text.optional() }),
  }),
  'registry_change.approved': defineAction({
    subject: 'registry_change',
    summary: 'A second admin approved a registry change, which was applied.',
    details: z.strictObject({ ...ChangeAbout, proposedBy: Id, keyId: Id.nullable(), channelId: Id.nullable() }),
  }),
  'registry_change.rejected': defineAction({
    subject: 'registry_change',
    summary: 'A registry change was rejected with a reason.',
    details: z.strictObject({ ...ChangeAbout, proposedBy: Id }),
    personal: z.strictObject({ reason: Text }),
  }),
  'registry_change.cancelled': defineAction({
    subject: 'registry_change',
    summary: 'A registry change was cancelled by its proposer.',
    details: z.strictObject(ChangeAbout),
    personal: z.strictObject({ reason: Text.optional() }),
  }),
  'registry_change.expired': defineAction({
    subject: 'registry_change',
    summary: 'A registry change was not approved in time and expired.',
    details: z.strictObject({ ...ChangeAbout, proposedBy: Id }),
  }),
};
