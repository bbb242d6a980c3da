import { z } from 'zod';
import { defineRoute } from '../route.js';
import { Uuid } from '../requests/fields.js';
import { RegistryChange } from './registry-change.js';
import {
  AUTHORITY_WRITERS,
  AuthorityKeyKind,
  CertificateFacts,
  ContactChannelKind,
  AuthorityParams,
  DateTimeInput,
  Reason,
  Timestamp,
  textBlock,
  textLine,
} from './authority-fields.js';

// Contact channels and signing keys: what makes an order verifiable (docs/POLICY.md, "Verification"). Out-of-band
// confirmation must use a channel from this registry, never one printed on the order; signatures must verify
// against a key or certificate registered here.

const tag = 'authorities';

export { AuthorityKeyKind, CertificateFacts, ContactChannelKind } from './authority-fields.js';

export const ContactChannel = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  kind: ContactChannelKind,
  value: z.string(),
  label: z.string().nullable(),
  verifiedAt: Timestamp,
  createdAt: Timestamp,
});
export type ContactChannel = z.infer<typeof ContactChannel>;

export const AuthorityKey = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  kind: AuthorityKeyKind,
  /** ED25519: base64 raw public key. X509: the PEM certificate. Public material only. */
  material: z.string(),
  /** SHA-256 (hex) of the DER certificate or of the raw public key. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  validFrom: Timestamp,
  validTo: Timestamp,
  revokedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  /** X509 only: what the certificate says about itself, for people comparing it with the court's records. */
  certificate: CertificateFacts.nullable(),
});
export type AuthorityKey = z.infer<typeof AuthorityKey>;

const channelCommon = {
  label: textLine(200).optional().describe('e.g. "Registry office, duty line"'),
  verifiedAt: DateTimeInput.optional().describe(
    "When the channel was verified as the authority's own; defaults to now",
  ),
};

export const AddContactChannelRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('EMAIL'),
    value: z.email('must be an e-mail address, e.g. registry@court.example').max(254),
    ...channelCommon,
  }),
  z.strictObject({
    kind: z.literal('PHONE'),
    value: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 number: "+", country code and digits only, e.g. +493012345678'),
    ...channelCommon,
  }),
  z.strictObject({
    kind: z.literal('PORTAL'),
    value: z
      .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https:// address with a domain name' })
      .max(2048)
      .refine((value) => value.startsWith('https://'), 'must start with https://')
      .refine((value) => {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      }, 'must not contain a user name or password'),
    ...channelCommon,
  }),
  z.strictObject({
    kind: z.literal('POST'),
    value: textBlock(1000, 5).describe('Postal address, lines separated by \\n'),
    ...channelCommon,
  }),
]);
export type AddContactChannelRequest = z.infer<typeof AddContactChannelRequest>;

export const AddAuthorityKeyRequest = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('ED25519'),
      publicKey: z.string().trim().max(100).describe('Raw 32-byte Ed25519 public key, base64 (or base64url)'),
      validFrom: DateTimeInput,
      validTo: DateTimeInput,
    })
    .refine((key) => Date.parse(key.validTo) > Date.parse(key.validFrom), {
      message: 'must be later than validFrom',
      path: ['validTo'],
    }),
  z.strictObject({
    kind: z.literal('X509'),
    certificate: z
      .string()
      .max(64 * 1024)
      .describe('One PEM certificate ("-----BEGIN CERTIFICATE-----"); its validity window is read from it'),
  }),
]);
export type AddAuthorityKeyRequest = z.infer<typeof AddAuthorityKeyRequest>;

export const RevokeAuthorityKeyRequest = z.strictObject({ reason: Reason });
export type RevokeAuthorityKeyRequest = z.infer<typeof RevokeAuthorityKeyRequest>;

export const AuthorityChannelParams = z.strictObject({ id: Uuid, channelId: Uuid });
export type AuthorityChannelParams = z.infer<typeof AuthorityChannelParams>;

export const AuthorityKeyParams = z.strictObject({ id: Uuid, keyId: Uuid });
export type AuthorityKeyParams = z.infer<typeof AuthorityKeyParams>;

export const AddAuthorityChannel = defineRoute({
  operationId: 'addAuthorityChannel',
  method: 'post',
  path: '/authorities/{id}/channels',
  summary:
    'Propose (202) a verified contact channel (the only channels out-of-band confirmation may use); it is added ' +
    'when another admin approves it',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  body: AddContactChannelRequest,
  response: RegistryChange,
  status: 202,
  errors: ['ALREADY_EXISTS'],
});

export const RemoveAuthorityChannel = defineRoute({
  operationId: 'removeAuthorityChannel',
  method: 'delete',
  path: '/authorities/{id}/channels/{channelId}',
  summary: 'Remove a contact channel that no verification has used',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityChannelParams,
  status: 204,
  errors: ['CONFLICT'],
});

export const AddAuthorityKey = defineRoute({
  operationId: 'addAuthorityKey',
  method: 'post',
  path: '/authorities/{id}/keys',
  summary:
    'Propose (202) a signing key (Ed25519) or certificate (X.509 PEM); it is registered when another admin ' +
    'approves it',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  body: AddAuthorityKeyRequest,
  response: RegistryChange,
  status: 202,
  errors: ['ALREADY_EXISTS'],
});

export const RevokeAuthorityKey = defineRoute({
  operationId: 'revokeAuthorityKey',
  method: 'post',
  path: '/authorities/{id}/keys/{keyId}/revoke',
  summary: 'Revoke a key: signatures are no longer checked against it',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityKeyParams,
  body: RevokeAuthorityKeyRequest,
  response: AuthorityKey,
  errors: ['ILLEGAL_TRANSITION'],
});
