import { z } from 'zod';

// The vocabulary of docs/DOMAIN.md. API, database, portal and reports all use these names.

export const StaffRole = z.enum(['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR', 'ADMIN']);
export type StaffRole = z.infer<typeof StaffRole>;

export const AuthorityKind = z.enum(['COURT', 'PROSECUTOR', 'POLICE', 'ADMINISTRATIVE', 'OTHER']);
export type AuthorityKind = z.infer<typeof AuthorityKind>;

export const AuthorityStatus = z.enum(['ACTIVE', 'SUSPENDED']);
export type AuthorityStatus = z.infer<typeof AuthorityStatus>;

export const RequestType = z.enum(['RECORDS', 'PRESERVATION', 'EMERGENCY', 'INQUIRY']);
export type RequestType = z.infer<typeof RequestType>;

export const LegalProcess = z.enum(['COURT_ORDER', 'WARRANT', 'SUBPOENA', 'ADMINISTRATIVE_ORDER', 'LETTER', 'OTHER']);
export type LegalProcess = z.infer<typeof LegalProcess>;

export const SelectorType = z.enum(['ACCOUNT_ID', 'USERNAME', 'PHONE_NUMBER']);
export type SelectorType = z.infer<typeof SelectorType>;

export const TargetRole = z.enum(['SUSPECT', 'VICTIM', 'WITNESS', 'UNSPECIFIED']);
export type TargetRole = z.infer<typeof TargetRole>;

export const LookupResult = z.enum(['FOUND', 'NOT_FOUND', 'INVALID']);
export type LookupResult = z.infer<typeof LookupResult>;

/** Everything an authority may ask for, normalised. Only two of these can ever be released. */
export const DataCategory = z.enum([
  'IP_ADDRESS',
  'PHONE_NUMBER',
  'MESSAGE_CONTENT',
  'CONTACTS',
  'MEDIA',
  'LOCATION',
  'SUBSCRIBER_INFO',
  'OTHER',
]);
export type DataCategory = z.infer<typeof DataCategory>;

/** The data categories as people name them: the portal's labels, and the policy's reasons. */
export const DATA_CATEGORY_WORDS: Readonly<Record<DataCategory, string>> = {
  IP_ADDRESS: 'IP addresses',
  PHONE_NUMBER: 'Phone numbers',
  MESSAGE_CONTENT: 'Message content',
  CONTACTS: 'Contacts',
  MEDIA: 'Photos, videos and other media',
  LOCATION: 'Location',
  SUBSCRIBER_INFO: 'Subscriber information',
  OTHER: 'Other data',
};

/** The only categories Writ can release (docs/POLICY.md, "The invariant"). */
export const ReleasableCategory = z.enum(['IP_ADDRESS', 'PHONE_NUMBER']);
export type ReleasableCategory = z.infer<typeof ReleasableCategory>;

export const DocumentKind = z.enum(['ORDER', 'SUPPORTING', 'CORRESPONDENCE']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const VerificationMethod = z.enum(['SIGNATURE', 'OUT_OF_BAND']);
export type VerificationMethod = z.infer<typeof VerificationMethod>;

export const DecisionOutcome = z.enum(['RELEASE', 'DENY']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

export const RequestStatus = z.enum([
  'RECEIVED',
  'IN_REVIEW',
  'VERIFIED',
  'DECIDED',
  'DISCLOSURE_PREPARED',
  'APPROVED',
  'DELIVERED',
  'CLOSED',
  'REJECTED',
  'NO_DATA',
  'WITHDRAWN',
]);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const Outcome = z.enum([
  'DISCLOSED',
  'NO_DATA',
  'REJECTED_NOT_COURT_ORDER',
  'REJECTED_UNVERIFIED',
  'REJECTED_INVALID',
  'REJECTED_SCOPE',
  'WITHDRAWN',
  'PENDING',
]);
export type Outcome = z.infer<typeof Outcome>;

/** ISO 3166-1 alpha-2, checked against the real list (see countries.ts), not just the shape. */
export { CountryCode } from './countries.js';
