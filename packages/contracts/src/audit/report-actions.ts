import { z } from 'zod';
import { Iso, Text, defineAction } from './define-action.js';

const Version = { period: z.string(), version: z.number().int() };

// What the public reads: each published report's canonical JSON hash is in the log, so anyone holding the
// downloaded file can find the event that published it.
export const REPORT_ACTIONS = {
  'report.drafted': defineAction({
    subject: 'report',
    summary: 'An admin drafted a transparency report version; its figures are frozen as canonical JSON.',
    details: z.strictObject({ ...Version, threshold: z.number().int(), sha256: z.string() }),
  }),
  'report.published': defineAction({
    subject: 'report',
    summary:
      'A second admin approved a report draft and it was published, immutable; sha256 is the SHA-256 of its report.json.',
    details: z.strictObject({ ...Version, threshold: z.number().int(), sha256: z.string(), draftedBy: z.string() }),
  }),
  'report.draft_discarded': defineAction({
    subject: 'report',
    summary: 'A report draft was discarded with a reason.',
    details: z.strictObject({ ...Version, sha256: z.string() }),
    personal: z.strictObject({ reason: Text }),
  }),
  'canary.drafted': defineAction({
    subject: 'canary',
    summary: 'An admin drafted the warrant canary for a period, from the totals of its published report.',
    // The report version whose totals the canary repeats; absent from drafts logged before canaries named it.
    details: z.strictObject({ period: z.string(), expiresAt: Iso, reportVersion: z.number().int().optional() }),
  }),
  'canary.draft_discarded': defineAction({
    subject: 'canary',
    summary: 'A canary draft was discarded with a reason; nothing was signed or published.',
    details: z.strictObject({ period: z.string(), expiresAt: Iso }),
    personal: z.strictObject({ reason: Text }),
  }),
  'canary.published': defineAction({
    subject: 'canary',
    summary: 'A second admin published the warrant canary, signed with the log key; the signed note is public.',
    details: z.strictObject({ period: z.string(), expiresAt: Iso, signedNote: z.string() }),
  }),
};
