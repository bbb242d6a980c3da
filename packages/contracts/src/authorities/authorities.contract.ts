import { z } from 'zod';
import { CountryCode } from '../countries.js';
import { AuthorityKind, AuthorityStatus } from '../domain.js';
import { Page, PageQuery } from '../pagination.js';
import { defineRoute } from '../route.js';
import {
  AUTHORITY_READERS,
  AUTHORITY_WRITERS,
  AuthorityParams,
  CountryInput,
  Reason,
  Timestamp,
  Version,
  textLine,
} from './authority-fields.js';
import { AuthorityKey, ContactChannel } from './authority-registry.contract.js';
import { RegistryChange } from './registry-change.js';

export { AUTHORITY_READERS, AUTHORITY_WRITERS, AuthorityParams } from './authority-fields.js';

export const AuthorityName = textLine(200, 2, "give the authority's name (at least 2 characters)");
export const Jurisdiction = textLine(500, 1, 'say what the authority may order, and where');

export const Authority = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: AuthorityKind,
  country: CountryCode,
  jurisdiction: z.string(),
  status: AuthorityStatus,
  version: z.int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Authority = z.infer<typeof Authority>;

/** An authority with its verified contact channels and all its keys (revoked ones included, marked). */
export const AuthorityDetail = Authority.extend({
  channels: z.array(ContactChannel),
  keys: z.array(AuthorityKey),
});
export type AuthorityDetail = z.infer<typeof AuthorityDetail>;

export const AuthorityPage = Page(Authority);
export type AuthorityPage = z.infer<typeof AuthorityPage>;

export const AuthorityListQuery = PageQuery.extend({
  kind: AuthorityKind.optional(),
  country: CountryInput.optional(),
  status: AuthorityStatus.optional(),
  q: textLine(100).optional().describe('Case-insensitive substring of the name'),
});
export type AuthorityListQuery = z.infer<typeof AuthorityListQuery>;

export const CreateAuthorityRequest = z.strictObject({
  name: AuthorityName,
  kind: AuthorityKind,
  country: CountryInput,
  jurisdiction: Jurisdiction,
});
export type CreateAuthorityRequest = z.infer<typeof CreateAuthorityRequest>;

export const UpdateAuthorityRequest = z
  .strictObject({
    version: Version,
    name: AuthorityName.optional(),
    kind: AuthorityKind.optional(),
    country: CountryInput.optional(),
    jurisdiction: Jurisdiction.optional(),
  })
  .refine((body) => Object.keys(body).some((key) => key !== 'version'), {
    message: 'name at least one field to change (name, kind, country, jurisdiction)',
  });
export type UpdateAuthorityRequest = z.infer<typeof UpdateAuthorityRequest>;

export const SuspendAuthorityRequest = z.strictObject({ reason: Reason });
export type SuspendAuthorityRequest = z.infer<typeof SuspendAuthorityRequest>;

export const ActivateAuthorityRequest = z.strictObject({ reason: Reason.optional() });
export type ActivateAuthorityRequest = z.infer<typeof ActivateAuthorityRequest>;

const tag = 'authorities';

export const CreateAuthority = defineRoute({
  operationId: 'createAuthority',
  method: 'post',
  path: '/authorities',
  summary:
    'Register an authority: created SUSPENDED (not relied on), with its activation proposed for another admin to ' +
    'approve (GET /registry-changes?authorityId=…)',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  body: CreateAuthorityRequest,
  response: AuthorityDetail,
  status: 201,
  errors: ['UNKNOWN_COUNTRY', 'ALREADY_EXISTS'],
});

export const ListAuthorities = defineRoute({
  operationId: 'listAuthorities',
  method: 'get',
  path: '/authorities',
  summary: 'List authorities by name, filtered by kind, country, status or a name search',
  tag,
  access: { roles: AUTHORITY_READERS },
  query: AuthorityListQuery,
  response: AuthorityPage,
  errors: ['UNKNOWN_COUNTRY'],
});

export const GetAuthority = defineRoute({
  operationId: 'getAuthority',
  method: 'get',
  path: '/authorities/{id}',
  summary: 'One authority with its contact channels and keys',
  tag,
  access: { roles: AUTHORITY_READERS },
  params: AuthorityParams,
  response: AuthorityDetail,
});

export const UpdateAuthority = defineRoute({
  operationId: 'updateAuthority',
  method: 'patch',
  path: '/authorities/{id}',
  summary:
    'Change an authority, naming the version you read: name and jurisdiction at once (200); a change of kind or ' +
    'country is proposed (202, the whole PATCH) for another admin to approve',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  body: UpdateAuthorityRequest,
  response: AuthorityDetail,
  accepted: RegistryChange,
  errors: ['VERSION_CONFLICT', 'UNKNOWN_COUNTRY', 'ALREADY_EXISTS', 'REGISTRY_CHANGE_PENDING'],
});

export const DeleteAuthority = defineRoute({
  operationId: 'deleteAuthority',
  method: 'delete',
  path: '/authorities/{id}',
  summary: 'Delete an authority that no request refers to (otherwise suspend it)',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  status: 204,
  errors: ['CONFLICT'],
});

export const SuspendAuthority = defineRoute({
  operationId: 'suspendAuthority',
  method: 'post',
  path: '/authorities/{id}/suspend',
  summary: 'Suspend an authority (kept for history; its status tells intake and verification not to rely on it)',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  body: SuspendAuthorityRequest,
  response: AuthorityDetail,
  errors: ['ILLEGAL_TRANSITION'],
});

export const ActivateAuthority = defineRoute({
  operationId: 'activateAuthority',
  method: 'post',
  path: '/authorities/{id}/activate',
  summary: 'Propose (202) activating a suspended authority; it takes effect when another admin approves it',
  tag,
  access: { roles: AUTHORITY_WRITERS },
  params: AuthorityParams,
  body: ActivateAuthorityRequest,
  response: RegistryChange,
  status: 202,
  errors: ['ILLEGAL_TRANSITION', 'REGISTRY_CHANGE_PENDING'],
});
