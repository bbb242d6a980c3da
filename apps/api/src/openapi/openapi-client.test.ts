import * as contracts from '@writ/contracts';
import { RequestDetail, ROUTES, type RouteContract } from '@writ/contracts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { z } from 'zod';
import { buildOpenApiDocument } from './openapi.js';

// What an integrator does with the document (issue 16): generate types with openapi-typescript, then write a
// client against them. The client below must compile with the generated types; it names the schemas a client
// needs, so a schema that loses its name (or becomes `any`) fails here.

/**
 * The contracts' exported schemas that the routes' bodies and responses contain, and those their parameters'
 * fields use, found by walking the zod definitions rather than by asking the generator. A parameter set itself
 * (`RequestIdParams`, `ListRequestsQuery`) becomes a list of parameters in OpenAPI, not a schema.
 */
function schemasTheRoutesUse(routes: readonly RouteContract[]): string[] {
  const names = new Map<unknown, string>();
  for (const [name, value] of Object.entries(contracts)) {
    if (value instanceof z.ZodType && !names.has(value)) names.set(value, name);
  }
  const used = new Set<string>();
  const seen = new Set<unknown>();
  const pending: unknown[] = [];
  for (const route of routes) {
    // Multipart text fields are spelled out inside the multipart body (beside the file parts), so only their
    // fields' schemas are named.
    const multipartFields = route.multipart?.fields;
    pending.push(route.body, route.response, route.accepted);
    for (const set of [route.params, route.query, multipartFields]) {
      pending.push(set instanceof z.ZodObject ? Object.values(set.shape) : set);
    }
  }
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof z.ZodType) {
      const name = names.get(node);
      if (name !== undefined) used.add(name);
      // A schema's children sit in its definition: shape, element, options, innerType, the two ends of a pipe, …
      pending.push(...Object.values(node._zod.def));
    } else if (Array.isArray(node)) pending.push(...(node as unknown[]));
    else if (Object.getPrototypeOf(node) === Object.prototype) pending.push(...Object.values(node));
  }
  return [...used].sort();
}

const CLIENT = `
import type { components, operations } from './writ-api';

type Schemas = components['schemas'];

export class WritApiError extends Error {
  constructor(readonly status: number, readonly body: Schemas['ErrorBody']) {
    super(\`\${body.error.code}: \${body.error.message}\`);
  }
}

export class WritClient {
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  private async send(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { authorization: \`Bearer \${this.token}\`, 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!response.ok) throw new WritApiError(response.status, (await response.json()) as Schemas['ErrorBody']);
    return response;
  }

  async createRequest(
    body: operations['createRequest']['requestBody']['content']['application/json'],
    idempotencyKey?: Schemas['IdempotencyKey'],
  ): Promise<Schemas['RequestDetail']> {
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
    const answer = await this.send('POST', '/requests', { body, headers });
    const created: operations['createRequest']['responses'][201]['content']['application/json'] = await answer.json();
    return created;
  }

  async listRequests(query: operations['listRequests']['parameters']['query'] = {}): Promise<Schemas['RequestPage']> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined) search.append(key, String(item));
    }
    const answer = await this.send('GET', \`/requests?\${search}\`);
    const page: operations['listRequests']['responses'][200]['content']['application/json'] = await answer.json();
    return page;
  }

  async getLatestCheckpoint(): Promise<operations['getLatestCheckpoint']['responses'][200]['content']['text/plain']> {
    return (await this.send('GET', '/log/checkpoint')).text();
  }
}

export async function example(client: WritClient, authority: Schemas['Authority']): Promise<Schemas['RequestStatus'][]> {
  const created = await client.createRequest(
    {
      type: 'RECORDS',
      legalProcess: 'COURT_ORDER',
      authorityId: authority.id,
      hasNdo: false,
      targets: [{ selectorType: 'PHONE_NUMBER', value: '+4915112345678', role: 'SUSPECT' }],
      categories: [{ category: 'PHONE_NUMBER' }],
    },
    'intake-2026-0001',
  );
  const target: Schemas['TargetView'] = created.targets[0]!;
  const page = await client.listRequests({ status: ['RECEIVED'], limit: 20, q: created.reference });
  const checkpoint: string = await client.getLatestCheckpoint();
  void target;
  void checkpoint;
  return page.items.map((summary: Schemas['RequestSummary']) => summary.status);
}

// The generated types are real, not \`any\`: a status outside the lifecycle and an unknown error code are refused.
// @ts-expect-error RequestStatus is an enum
export const notAStatus: Schemas['RequestStatus'] = 'NOT_A_STATUS';
// @ts-expect-error ErrorCode is an enum
export const notACode: Schemas['ErrorBody']['error']['code'] = 'NOT_A_CODE';
// @ts-expect-error the body is required
export const noBody: operations['createRequest']['requestBody']['content']['application/json'] = {};
`;

describe('a client generated from the OpenAPI document (openapi-typescript)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'writ-openapi-client-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles against the generated types, which name every schema the routes use and every operation', async () => {
    const document = buildOpenApiDocument();
    // defaultNonNullable: false, as README.md says: by default openapi-typescript makes a field with a default
    // required, which for a named request schema (TargetInput's namedInOrder) is wrong; answers list such fields
    // in `required` anyway.
    const source = astToString(
      await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false }),
    );
    writeFileSync(path.join(dir, 'writ-api.ts'), source);
    writeFileSync(path.join(dir, 'client.ts'), CLIENT);
    // The generator adds two of its own: the shared error response (ErrorBody, with ErrorCode in it) and the
    // Idempotency-Key header (IdempotencyKey) of the routes that honour one.
    const added = ['ErrorBody', 'ErrorCode', 'IdempotencyKey'];
    const expectedSchemas = [...new Set([...schemasTheRoutesUse(ROUTES), ...added])].sort();
    // Sanity: the walk finds the schemas the issue names, so an empty list cannot pass vacuously.
    expect(expectedSchemas).toEqual(expect.arrayContaining(['RequestDetail', 'Authority', 'RequestPage']));
    writeFileSync(
      path.join(dir, 'names.ts'),
      `import type { components, operations } from './writ-api';\n` +
        `export const schemas: (keyof components['schemas'])[] = ${JSON.stringify(expectedSchemas)};\n` +
        `export const operationIds: (keyof operations)[] = ${JSON.stringify(ROUTES.map((route) => route.operationId))};\n`,
    );

    const program = ts.createProgram(
      ['client.ts', 'names.ts'].map((file) => path.join(dir, file)),
      {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
        skipLibCheck: true,
      },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map(
        (diagnostic) =>
          `${diagnostic.file ? path.basename(diagnostic.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`,
      );
    expect(problems).toEqual([]);

    // Exactly the used schemas are components: none missing, and no parameter sets or unused building blocks.
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual(expectedSchemas);
  }, 120_000);

  it('stays small: each schema once, referenced where it is used', () => {
    const text = JSON.stringify(buildOpenApiDocument());
    expect(Buffer.byteLength(text)).toBeLessThan(150 * 1024);
    // RequestDetail is the answer of many operations: written out once, referenced by each.
    const answeringDetail = ROUTES.filter((route) => route.response === RequestDetail).length;
    expect(answeringDetail).toBeGreaterThan(5);
    expect(text.split('"$ref":"#/components/schemas/RequestDetail"').length - 1).toBe(answeringDetail);
    expect(text.split('"statementOfReasons":{"type":["string","null"]}').length - 1).toBe(1);
  });
});
