import { ErrorBody, IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT, ROUTES, type RouteContract } from '@writ/contracts';
import { z } from 'zod';
import { createDocument } from 'zod-openapi';

export interface ApiDocOptions {
  /** The server's IDEMPOTENCY_KEY_RETENTION_HOURS, so the document states the window this server keeps. */
  idempotencyRetentionHours?: number;
}

/** The draft (draft-ietf-httpapi-idempotency-key-header, section 2) asks a server to publish when keys expire. */
function idempotencyHeader(retentionHours: number) {
  return z.object({
    'idempotency-key': z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Repeat a request safely (1–200 printable ASCII characters): a retry with the same key and body returns the ' +
          'first result with the header Idempotent-Replayed: true; the same key with another body is refused ' +
          `(IDEMPOTENCY_KEY_REUSED). Keys are remembered for ${retentionHours} hours from their first use; after ` +
          'that the same key starts a new request.',
      ),
  });
}
import { API_VERSION } from '../version.js';

/** Text fields from their zod schema, file parts as binary strings (OpenAPI 3.1 "contentMediaType"). */
function multipartSchema(multipart: NonNullable<RouteContract['multipart']>): z.ZodType {
  const files = Object.fromEntries(
    Object.entries(multipart.files).map(([name, file]) => {
      const part = z.string().describe(file.description).meta({ format: 'binary' });
      return [name, file.required ? part : part.optional()];
    }),
  );
  const fields = multipart.fields instanceof z.ZodObject ? multipart.fields : z.object({});
  return fields.extend(files);
}

/** The OpenAPI 3.1 document, generated from the same contracts the controllers are bound to. */
export function buildOpenApiDocument(
  routes: readonly RouteContract[] = ROUTES,
  options: ApiDocOptions = {},
): ReturnType<typeof createDocument> {
  const paths: Record<string, Record<string, unknown>> = {};
  const IdempotencyHeader = idempotencyHeader(
    options.idempotencyRetentionHours ?? IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT,
  );
  for (const route of routes) {
    const sessionOnly = 'roles' in route.access && route.access.session !== undefined;
    const access =
      'public' in route.access
        ? 'Public.'
        : `Roles: ${route.access.roles.join(', ')}.${sessionOnly ? ' Logged-in session only, not API tokens.' : ''}`;
    const errorContent = { 'application/json': { schema: ErrorBody } };
    const success = route.produces
      ? { content: { [route.produces]: { schema: { type: 'string' } } } }
      : route.response
        ? { content: { 'application/json': { schema: route.response } } }
        : {};
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      summary: route.summary,
      description: [access, route.errors?.length ? `Error codes: ${route.errors.join(', ')}.` : '']
        .filter(Boolean)
        .join(' '),
      tags: [route.tag],
      ...('public' in route.access ? { security: [] } : sessionOnly ? { security: [{ session: [] }] } : {}),
      requestParams: {
        ...(route.params ? { path: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.idempotent ? { header: IdempotencyHeader } : {}),
      },
      ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
      ...(route.multipart
        ? { requestBody: { content: { 'multipart/form-data': { schema: multipartSchema(route.multipart) } } } }
        : {}),
      responses: {
        [String(route.status ?? 200)]: { description: 'Success', ...success },
        ...(route.accepted
          ? {
              '202': {
                description: 'Proposed, not yet applied: waits for another admin to approve it',
                content: { 'application/json': { schema: route.accepted } },
              },
            }
          : {}),
        '4XX': { description: 'Client error', content: errorContent },
        '5XX': { description: 'Server error', content: errorContent },
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Writ API',
      version: API_VERSION,
      description:
        'Lawful, minimal and public answers to government demands for user data. Every error has the shape ' +
        '`{ error: { code, message, details?, requestId? } }` with a stable `code`.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'writ_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths: paths as never,
  });
}
