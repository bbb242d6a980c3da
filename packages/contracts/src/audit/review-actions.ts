import { z } from 'zod';
import { Id, Iso, Text, defineAction } from './define-action.js';

const Counts = {
  decisions: z.number().int(),
  released: z.number().int(),
  denied: z.number().int(),
  rejection: z.string().nullable(),
};

// Verification evidence, policy decisions and the documents they rest on.
export const REVIEW_ACTIONS = {
  'document.uploaded': defineAction({
    subject: 'document',
    summary: 'A document (order, signature, correspondence) was uploaded to a request; its name and hash committed.',
    details: z.strictObject({
      requestId: Id,
      kind: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      signatureFormat: z.string().nullable(),
    }),
    personal: z.strictObject({ filename: Text, sha256: z.string(), signatureSha256: z.string().optional() }),
  }),
  'document.read': defineAction({
    subject: 'document',
    summary: 'A document was read (downloaded, or checked during verification).',
    details: z.strictObject({
      requestId: Id,
      part: z.string(),
      purpose: z.string().optional(),
      verificationId: Id.optional(),
    }),
  }),
  'verification.recorded': defineAction({
    subject: 'request',
    summary: 'Verification evidence was recorded: a signature check against the registry, or an out-of-band call-back.',
    details: z.union([
      z.strictObject({
        verificationId: Id,
        method: z.literal('SIGNATURE'),
        result: z.string(),
        documentId: Id,
        format: z.string(),
        keyId: Id.nullable(),
        matchesIntakeHash: z.boolean(),
      }),
      z.strictObject({
        verificationId: Id,
        method: z.literal('OUT_OF_BAND'),
        result: z.string(),
        contactChannelId: Id,
        channelKind: z.string(),
        contactedAt: Iso,
      }),
    ]),
    personal: z.strictObject({
      signerSubject: Text.optional(),
      signerSerialNumber: Text.optional(),
      signerCertificateSha256: z.string().optional(),
      contactPerson: Text.optional(),
      note: Text.optional(),
    }),
  }),
  'verification.confirmed': defineAction({
    subject: 'request',
    summary: 'A second person confirmed verification evidence (four eyes).',
    details: z.strictObject({ verificationId: Id, method: z.string(), result: z.string(), recordedById: Id }),
  }),
  'verifications.read': defineAction({
    subject: 'request',
    summary: 'Someone read a request’s verification evidence.',
    details: z.strictObject({ verificationIds: z.array(Id) }),
  }),
  'target.looked_up': defineAction({
    subject: 'request',
    summary: 'A target was looked up in the subscriber data; the account id only as a commitment.',
    details: z.strictObject({ targetId: Id, lookupResult: z.string() }),
    personal: z.strictObject({ accountId: Text.optional() }),
  }),
  'decision.previewed': defineAction({
    subject: 'request',
    summary: 'Someone read the policy engine’s decisions as a preview; nothing was recorded.',
    details: z.strictObject({ targetIds: z.array(Id), policyHash: z.string(), ...Counts }),
  }),
  'decision.recorded': defineAction({
    subject: 'decision',
    summary: 'One decision (target × category → RELEASE or DENY, with the policy’s reason codes) was recorded.',
    details: z.strictObject({
      requestId: Id,
      targetId: Id,
      category: z.string(),
      outcome: z.string(),
      reasonCodes: z.array(z.string()),
      policyHash: z.string(),
    }),
    personal: z.strictObject({ selector: Text }),
  }),
  'decisions.recorded': defineAction({
    subject: 'request',
    summary: 'All of a request’s decisions were recorded; the request is DECIDED.',
    details: z.strictObject({ policyHash: z.string(), outcome: z.string().nullable(), ...Counts }),
  }),
  'decisions.read': defineAction({
    subject: 'request',
    summary: 'Someone read a request’s recorded decisions.',
    details: z.strictObject({ decisionIds: z.array(Id), targetIds: z.array(Id) }),
  }),
};
