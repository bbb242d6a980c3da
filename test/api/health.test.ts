import { ErrorBody, HealthResponse, ROUTES } from '@writ/contracts';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /health', () => {
  it('answers 200 with a reachable database and a request id', async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = HealthResponse.parse(await response.json());
    expect(body.status).toBe('ok');
    expect(body.database.reachable).toBe(true);
  });

  it('reuses a sane incoming request id and replaces an unsafe one', async () => {
    const reused = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(reused.headers.get('x-request-id')).toBe('trace-123');
    const replaced = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'bad id\twith tab' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('bad');
  });

  it('sends security headers and allows only the portal origin', async () => {
    const response = await fetch(`${t.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBe(t.env.PORTAL_ORIGIN);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('errors have one shape', () => {
  it('an unknown route is 404 NOT_FOUND', async () => {
    const response = await fetch(`${t.url}/no-such-route`);
    expect(response.status).toBe(404);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('NOT_FOUND');
  });

  it('malformed JSON is 400 MALFORMED_JSON with the request id', async () => {
    const response = await fetch(`${t.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('an oversized JSON body is 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${t.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filler: 'x'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the contracts', async () => {
    const response = await fetch(`${t.url}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, unknown> };
            responses: Record<string, unknown>;
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    // Every route of the API is documented, under its method and its contract's name.
    for (const route of ROUTES) expect(document.paths[route.path]?.[route.method]?.operationId).toBe(route.operationId);
    // Schemas are named once and referenced, as in docs/openapi.json.
    expect(document.components.schemas.RequestDetail).toEqual(expect.objectContaining({ type: 'object' }));
    expect(document.paths['/requests/{id}']?.get?.responses['200']).toEqual({
      description: 'Success',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/RequestDetail' } } },
    });
    // Uploads are described as multipart bodies, not left blank.
    const upload = document.paths['/requests/{id}/documents']?.post;
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    // A change that may wait for a second admin documents both answers: applied (200) and proposed (202).
    expect(Object.keys(document.paths['/staff/{id}']?.patch?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '202']),
    );
  });

  it('serves the browsable UI and its assets without any network access', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const asset = await fetch(`${t.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });
});
