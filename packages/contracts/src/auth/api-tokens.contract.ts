import { z } from 'zod';
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
  /** Optional expiry, in the future. Without it the token lives until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  roles: z.array(StaffRole),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
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

export const ApiTokenParams = z.strictObject({ id: z.uuid() });
export type ApiTokenParams = z.infer<typeof ApiTokenParams>;

export const CreateApiToken = defineRoute({
  method: 'post',
  path: '/auth/tokens',
  summary: 'Create an API token for yourself, with some of your roles',
  tag: 'auth',
  access: { roles: ANY_ROLE },
  body: CreateApiTokenRequest,
  response: CreatedApiToken,
  status: 201,
  errors: ['FORBIDDEN', 'CSRF_TOKEN_INVALID'],
});

export const ListApiTokens = defineRoute({
  method: 'get',
  path: '/auth/tokens',
  summary: 'Your API tokens (never their secrets)',
  tag: 'auth',
  access: { roles: ANY_ROLE },
  response: ApiTokenList,
});

export const RevokeApiToken = defineRoute({
  method: 'delete',
  path: '/auth/tokens/{id}',
  summary: 'Revoke one of your API tokens',
  tag: 'auth',
  access: { roles: ANY_ROLE },
  params: ApiTokenParams,
  status: 204,
  errors: ['NOT_FOUND', 'CSRF_TOKEN_INVALID'],
});
