import { z } from 'zod';
import { Id, Iso, Text, defineAction } from './define-action.js';

const Package = { disclosureId: Id, manifestSha256: z.string() };

const Count = z.number().int().nonnegative();
/**
 * What a delivery released, as the transparency report counts it (docs/DOMAIN.md, "Transparency reports"), so that
 * anyone can recount those figures from the log (`writ-verify report`): the targets with at least one released
 * item, each once however many items it has, and of those the ones with IP addresses and with a phone number.
 * Counts only; which targets they are, and every value, stay out of the leaf.
 */
const Released = {
  accountsDisclosed: Count,
  ipAddressDisclosures: Count,
  phoneNumberDisclosures: Count,
};

// A package's contents never reach the log: only its manifest's SHA-256, which covers every file's hash, so the
// log proves what was prepared and delivered, and when, without holding a single released value.
export const DISCLOSURE_ACTIONS = {
  'disclosure.prepared': defineAction({
    subject: 'request',
    summary: 'A disclosure package was prepared from the request’s RELEASE decisions and signed.',
    details: z.strictObject({
      ...Package,
      policyHash: z.string(),
      decisionIds: z.array(Id),
      items: z.strictObject({ IP_ADDRESS: z.number().int(), PHONE_NUMBER: z.number().int() }),
      targetsWithoutAccount: z.array(Id),
    }),
  }),
  'disclosure.approved': defineAction({
    subject: 'request',
    summary: 'A second person (not the preparer) approved a disclosure package: it may now be delivered.',
    details: z.strictObject(Package),
  }),
  'disclosure.rejected': defineAction({
    subject: 'request',
    summary: 'A disclosure package was rejected with a reason; its files were deleted and the request went back.',
    details: z.strictObject(Package),
    personal: z.strictObject({ reason: Text }),
  }),
  'disclosure.link_created': defineAction({
    subject: 'request',
    summary: 'A one-time download link was made for the authority (the token is never logged).',
    details: z.strictObject({ disclosureId: Id, expiresAt: Iso, replacesLink: z.boolean() }),
  }),
  'disclosure.downloaded': defineAction({
    subject: 'request',
    summary:
      'The authority downloaded the package through its one-time link; the files were then deleted. Counts what it ' +
      'released: accounts with data disclosed, and of them with IP addresses and with a phone number.',
    details: z.strictObject({ ...Package, via: z.string(), ...Released }),
  }),
  'disclosure.exported': defineAction({
    subject: 'request',
    summary:
      'A staff member exported the package to send it by a registered channel; the files were then deleted. Counts ' +
      'what it released, as disclosure.downloaded does.',
    details: z.strictObject({ ...Package, via: z.string(), ...Released }),
  }),
  'disclosure.link_expired': defineAction({
    subject: 'request',
    summary:
      'A download link expired unused; the package files were deleted (written before packages expired as a whole, ' +
      'see disclosure.expired).',
    details: z.strictObject({ disclosureId: Id }),
  }),
  'disclosure.expired': defineAction({
    subject: 'request',
    summary:
      'An approved package’s download link expired unused: the package is EXPIRED, its files were deleted, and the ' +
      'request went back to DECIDED so that a new package can be prepared and approved.',
    details: z.strictObject({ ...Package, requestBackTo: z.literal('DECIDED').nullable() }),
  }),
  'disclosure.download_refused': defineAction({
    subject: 'request',
    summary:
      'A one-time link was refused because the person who made it may no longer deliver (disabled, or without the ' +
      'role); nothing was delivered.',
    details: z.strictObject({ disclosureId: Id, linkCreatedById: Id, why: z.enum(['DISABLED', 'ROLE_REMOVED']) }),
  }),
  'disclosures.read': defineAction({
    subject: 'request',
    summary: 'Someone read a request’s disclosure packages.',
    details: z.strictObject({ disclosureIds: z.array(Id) }),
  }),
};
