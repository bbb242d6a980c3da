import { z } from 'zod';
import { Uuid } from '../requests/fields.js';
import { StaffRole } from '../domain.js';
import { defineRoute } from '../route.js';

// API tokens for service-to-service calls: `Authorization: Bearer writ_…`. The secret is shown once, at creation;
// only its SHA-256 is stored. A token carries a subset of its owner's roles and dies with the owner's account.

const ANY_ROLE = StaffRole.options;

export const CreateApiTokenRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** A subset of the caller's own roles; never more. */
  roles: z
    .array(StaffRole)
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
  /**
   * When the token stops working: in the future, and at most API_TOKEN_MAX_DAYS (default 90) days ahead, so a
   * forgotten token does not live for ever.
   */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  roles: z.array(StaffRole),
  createdAt: z.iso.datetime(),
  /** Every token has one; after it, the token answers 401 like an unknown one. */
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export const CreatedApiToken = ApiTokenView.extend({
  /** The bearer secret (`writ_…`). Shown this once; it cannot be retrieved later. */
  token: z.string(),
});
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const ApiTokenList = z.object({ items: z.array(ApiTokenView) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const ApiTokenParams = z.strictObject({ id: Uuid });
export type ApiTokenParams = z.infer<typeof ApiTokenParams>;

export const CreateApiToken = defineRoute({
  operationId: 'createApiToken',
  method: 'post',
  path: '/auth/tokens',
  summary: 'Create an API token for yourself, with some of your roles and a limited lifetime (logged-in session only)',
  tag: 'auth',
  // Only a person's session mints tokens: a leaked token must not be able to renew or multiply itself.
  access: { roles: ANY_ROLE, session: 'interactive' },
  body: CreateApiTokenRequest,
  response: CreatedApiToken,
  status: 201,
  errors: ['FORBIDDEN', 'INTERACTIVE_SESSION_REQUIRED', 'CSRF_TOKEN_INVALID'],
});

export const ListApiTokens = defineRoute({
  operationId: 'listApiTokens',
  method: 'get',
  path: '/auth/tokens',
  summary: 'Your API tokens (never their secrets)',
  tag: 'auth',
  access: { roles: ANY_ROLE },
  response: ApiTokenList,
});

export const RevokeApiToken = defineRoute({
  operationId: 'revokeApiToken',
  method: 'delete',
  path: '/auth/tokens/{id}',
  summary: 'Revoke one of your API tokens',
  tag: 'auth',
  access: { roles: ANY_ROLE },
  params: ApiTokenParams,
  status: 204,
  errors: ['NOT_FOUND', 'CSRF_TOKEN_INVALID'],
});
