import { z } from 'zod';
import { Id, Iso, Text, defineAction } from './define-action.js';

// Authorities are public bodies: their names, kinds and countries are public. Contact details are not published:
// a channel's value and label are committed to.
export const AUTHORITY_ACTIONS = {
  'authority.created': defineAction({
    subject: 'authority',
    summary: 'An authority (court, police, prosecutor …) was added to the registry.',
    details: z.strictObject({
      name: z.string(),
      kind: z.string(),
      country: z.string(),
      jurisdiction: z.string().nullable().optional(),
    }),
  }),
  'authority.updated': defineAction({
    subject: 'authority',
    summary: 'An authority’s name, kind, country or jurisdiction changed.',
    details: z.strictObject({
      version: z.number().int(),
      changes: z.record(z.string(), z.strictObject({ from: z.string().nullable(), to: z.string().nullable() })),
    }),
  }),
  'authority.deleted': defineAction({
    subject: 'authority',
    summary: 'An authority no request referred to was deleted from the registry.',
    details: z.strictObject({ name: z.string(), kind: z.string(), country: z.string() }),
  }),
  'authority.activated': defineAction({
    subject: 'authority',
    summary: 'An authority was activated: its orders can be verified again.',
    details: z.strictObject({ from: z.string(), to: z.string(), version: z.number().int() }),
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
    details: z.strictObject({ channelId: Id, kind: z.string(), verifiedAt: Iso }),
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
    details: z.strictObject({ keyId: Id, kind: z.string(), fingerprint: z.string(), validFrom: Iso, validTo: Iso }),
  }),
  'authority.key.revoked': defineAction({
    subject: 'authority',
    summary: 'A signing key or certificate was revoked.',
    details: z.strictObject({ keyId: Id, fingerprint: z.string() }),
    personal: z.strictObject({ reason: Text }),
  }),
};
