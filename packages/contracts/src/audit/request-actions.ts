import { z } from 'zod';
import { Change, Id, Iso, Text, defineAction } from './define-action.js';

const TargetSummary = z.strictObject({ id: Id, selectorType: z.string(), role: z.string(), namedInOrder: z.boolean() });
/** Selector values by target id (`target:<id>`), as commitments. */
const TargetValues = z.record(z.string().regex(/^target:/), Text);

export const REQUEST_ACTIONS = {
  'request.created': defineAction({
    subject: 'request',
    summary: 'A request was logged at intake, with its targets and requested categories.',
    details: z.strictObject({
      type: z.string(),
      legalProcess: z.string(),
      authorityId: Id,
      // The authority's country and the DSA statement category (a closed list), so that anyone can recount a
      // transparency report from the public log alone (writ-verify report).
      country: z.string(),
      offenceCategoryCode: z.string().nullable(),
      receivedAt: Iso,
      dueAt: Iso.nullable(),
      hasNdo: z.boolean(),
      // When the gag order lapses (null: until lifted), so "gag orders in force" can be recounted too. Absent from
      // leaves logged before it was added; those count a gag order as lasting until a later change says otherwise.
      ndoEndsAt: Iso.nullable().optional(),
      targets: z.array(TargetSummary),
      categories: z.array(z.string()),
    }),
    personal: z.intersection(
      TargetValues,
      z.object({ caseNumber: Text.optional(), requesterContact: Text.optional() }),
    ),
  }),
  'request.read': defineAction({
    subject: 'request',
    summary: 'Someone read a request with its targets.',
    details: z.strictObject({ version: z.number().int(), targetIds: z.array(Id) }),
  }),
  'request.updated': defineAction({
    subject: 'request',
    summary: 'A request was corrected; free-text fields show only whether they were set.',
    details: z.strictObject({
      version: z.number().int(),
      changed: z.array(z.string()),
      changes: z.record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() })),
    }),
    personal: z.record(z.string(), Text),
  }),
  'request.targets.added': defineAction({
    subject: 'request',
    summary: 'Targets were added to a request.',
    details: z.strictObject({ version: z.number().int(), targets: z.array(TargetSummary) }),
    personal: TargetValues,
  }),
  'request.target.removed': defineAction({
    subject: 'request',
    summary: 'A target was removed from a request.',
    details: z.strictObject({ version: z.number().int(), targetId: Id, selectorType: z.string(), role: z.string() }),
    personal: TargetValues,
  }),
  'request.acknowledged': defineAction({
    subject: 'request',
    summary: 'Receipt of a request was acknowledged to the authority.',
    details: z.strictObject({ acknowledgedAt: Iso, version: z.number().int() }),
  }),
  'request.transitioned': defineAction({
    subject: 'request',
    summary: 'A request moved from one lifecycle status to another.',
    details: z.strictObject({
      from: z.string(),
      to: z.string(),
      outcome: z.string().nullable(),
      reasonCode: z.string().nullable(),
      version: z.number().int(),
      // Set when this transition is the one that acknowledged receipt or gave effect to the order: the DSA Art. 10
      // medians of a transparency report are recounted from these (writ-verify report).
      acknowledgedAt: Iso.optional(),
      respondedAt: Iso.optional(),
    }),
    personal: z.strictObject({ reason: Text.optional() }),
  }),
  'request.ndo.changed': defineAction({
    subject: 'request',
    summary: 'The gag order (non-disclosure order) on a request was set, changed or lifted.',
    details: z.strictObject({
      version: z.number().int(),
      change: z.string(),
      hasNdo: Change(z.boolean()),
      ndoEndsAt: Change(Iso.nullable()),
      inForce: Change(z.boolean()),
      userNotified: z.boolean(),
    }),
    personal: z.strictObject({ reason: Text }),
  }),
  'request.user_notified': defineAction({
    subject: 'request',
    summary: 'The user whose data was asked for was told about the request.',
    details: z.strictObject({ userNotifiedAt: Iso, version: z.number().int() }),
  }),
};
