import * as contracts from '@writ/contracts';
import {
  ERROR_STATUS,
  ErrorBody,
  IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT,
  IdempotencyKey,
  ROUTE_TAGS,
  ROUTES,
  type RouteContract,
} from '@writ/contracts';
import { z } from 'zod';
import { createDocument, type ZodOpenApiResponseObject } from 'zod-openapi';
import { API_VERSION } from '../version.js';

export interface ApiDocOptions {
  /** The server's IDEMPOTENCY_KEY_RETENTION_HOURS, so the document states the window this server keeps. */
  idempotencyRetentionHours?: number;
}

type OpenApiDocument = ReturnType<typeof createDocument>;

/**
 * Every zod schema the contracts package exports, under its export name (a schema and its type share that name,
 * so `components.schemas.RequestDetail` is the `RequestDetail` a TypeScript client already knows). The first name
 * wins when one schema is exported twice.
 */
export function contractSchemas(): Map<z.ZodType, string> {
  const named = new Map<z.ZodType, string>();
  for (const [name, value] of Object.entries(contracts)) {
    if (value instanceof z.ZodType && !named.has(value)) named.set(value, name);
  }
  return named;
}

/**
 * Names each contract schema in zod's global registry (the `id` that `.meta({ id })` would set, but on the exported
 * object itself, so the contracts stay plain zod and every later export is named without anyone remembering to).
 * zod-openapi then writes the schema once under `components.schemas` and a `$ref` wherever a body, a response or a
 * parameter uses it; a schema used nowhere is not written at all. Idempotent: the served document and the one the
 * build writes are made in the same process in tests.
 */
function nameContractSchemas(): void {
  for (const [schema, id] of contractSchemas()) {
    if (z.globalRegistry.get(schema)?.id !== id) z.globalRegistry.add(schema, { ...z.globalRegistry.get(schema), id });
  }
}

/** The draft (draft-ietf-httpapi-idempotency-key-header, section 2) asks a server to publish when keys expire. */
function idempotencyHeader(retentionHours: number) {
  return z.object({
    'idempotency-key': IdempotencyKey.optional().describe(
      'Repeat a request safely (1–200 printable ASCII characters): a retry with the same key and body returns the ' +
        'first result with the header Idempotent-Replayed: true; the same key with another body is refused ' +
        `(IDEMPOTENCY_KEY_REUSED). Keys are remembered for ${retentionHours} hours from their first use; after ` +
        'that the same key starts a new request.',
    ),
  });
}

/**
 * Text fields from their zod schema, file parts as binary strings (OpenAPI 3.1 "contentMediaType"), in one object:
 * an `allOf` of the (strict) fields' `$ref` and the files would forbid the file parts.
 */
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

/** One shared answer for every refusal, so a client has one error type and the codes are listed once. */
const ERROR_RESPONSE: ZodOpenApiResponseObject = {
  id: 'Error',
  description:
    'Refused or failed. The body is always `{ error: { code, message, details?, requestId? } }`; branch on ' +
    '`code`, which is stable, and show `message` to a person. Codes and their HTTP status: ' +
    Object.entries(ERROR_STATUS)
      .map(([code, status]) => `${code} (${status})`)
      .join(', ') +
    '.',
  content: { 'application/json': { schema: ErrorBody } },
};

/** JSON Schema formats whose meaning every client knows; zod adds its own regular expression for each. */
const STANDARD_FORMATS = new Set(['date-time', 'date', 'uuid', 'email']);

/**
 * In what the API answers, `format: date-time` (or uuid, …) says all a client needs; zod's 170–300-character
 * regular expression beside it, repeated in every response schema, made up a fifth of the document. Request
 * schemas keep theirs: they state what the API accepts (e.g. that a time zone is required).
 */
function withoutFormatPatterns({ jsonSchema, io }: { jsonSchema: { format?: string; pattern?: string }; io: string }) {
  if (io === 'output' && jsonSchema.format !== undefined && STANDARD_FORMATS.has(jsonSchema.format)) {
    delete jsonSchema.pattern;
  }
}

/** The OpenAPI 3.1 document, generated from the same contracts the controllers are bound to. */
export function buildOpenApiDocument(
  routes: readonly RouteContract[] = ROUTES,
  options: ApiDocOptions = {},
): OpenApiDocument {
  nameContractSchemas();
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
    const success = route.produces
      ? { content: { [route.produces]: { schema: { type: 'string' } } } }
      : route.response
        ? { content: { 'application/json': { schema: route.response } } }
        : {};
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      operationId: route.operationId,
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
      // Required: OpenAPI's default (optional) would make a generated client's body parameter optional too.
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
      ...(route.multipart
        ? {
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: multipartSchema(route.multipart) } },
            },
          }
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
        '4XX': ERROR_RESPONSE,
        '5XX': ERROR_RESPONSE,
      },
    };
  }
  const usedTags = new Set<string>(routes.map((route) => route.tag));
  const document = createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'Writ API',
        version: API_VERSION,
        description:
          'Lawful, minimal and public answers to government demands for user data. Every error has the shape ' +
          '`{ error: { code, message, details?, requestId? } }` with a stable `code` (the shared `Error` response).',
        license: { name: 'GNU Affero General Public License v3.0 or later', identifier: 'AGPL-3.0-or-later' },
        contact: { name: 'Writ maintainers' },
      },
      servers: [
        { url: '/', description: 'The Writ API that serves this document (GET /api/docs/openapi.json)' },
        { url: 'http://127.0.0.1:4000', description: 'A local API started with `npm start`' },
      ],
      tags: Object.entries(ROUTE_TAGS)
        .filter(([name]) => usedTags.has(name))
        .map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'writ_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
      paths: paths as never,
    },
    { override: withoutFormatPatterns },
  );
  return document;
}
