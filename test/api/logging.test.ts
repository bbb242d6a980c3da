// What the API writes to its log, read back line by line: one line per request with the id the caller was given,
// Nest's own messages with their context, and never a credential or a search term.
import { Writable } from 'node:stream';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let reviewer: TestStaff;
/** A pino line as JSON: the fields these tests read. */
interface LogLine {
  level: number;
  context?: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
}
const lines: LogLine[] = [];

beforeAll(async () => {
  t = await startTestApp(
    { LOG_LEVEL: 'info' },
    { logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) } },
  );
  reviewer = await createStaff(t, ['REVIEWER']);
});
afterAll(async () => {
  await t.close();
});

/** The request's completion line, found by the id the API answered with. */
async function logged(response: Response): Promise<Required<LogLine>> {
  const id = response.headers.get('x-request-id');
  expect(id).toBeTruthy();
  await response.arrayBuffer();
  for (let tries = 0; tries < 50; tries += 1) {
    const line = lines.find((entry) => entry.req?.id === id && entry.res);
    if (line) return line as Required<LogLine>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no log line for request ${id}`);
}

describe('the API log', () => {
  it("carries Nest's own messages with their context", () => {
    expect(lines).toContainEqual(expect.objectContaining({ context: 'NestApplication', level: 30 }));
  });

  it("leaves Nest's start-up inventory (a line per module and per route) to LOG_LEVEL=debug", () => {
    const inventory = lines.filter((line) =>
      ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'].includes(line.context!),
    );
    expect(inventory).toEqual([]);
  });

  it('writes one line per request with its id, method, path and status, and no credentials', async () => {
    const cookie = 'writ_session=s3ss10n-cookie-value; writ_csrf=csrf-cookie-value';
    const response = await fetch(`${t.url}/auth/me`, {
      headers: { authorization: reviewer.headers.authorization!, cookie, 'x-csrf-token': 'csrf-header-value' },
    });
    expect(response.status).toBe(200);
    const line = await logged(response);
    expect(line).toMatchObject({ req: { method: 'GET', url: '/auth/me' }, res: { statusCode: 200 } });
    const text = JSON.stringify(lines);
    for (const secret of [reviewer.token, 's3ss10n-cookie-value', 'csrf-cookie-value', 'csrf-header-value']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keeps the id a caller sent, and logs the path without its query string (searches name people)', async () => {
    const response = await fetch(`${t.url}/requests?q=Mustermann%20Erika`, {
      headers: { ...reviewer.headers, 'x-request-id': 'caller-chosen-id-42' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('caller-chosen-id-42');
    const line = await logged(response);
    expect(line.req.url).toBe('/requests');
    expect(JSON.stringify(lines)).not.toMatch(/Mustermann/i);
  });

  it('logs a refused request under the id its error body quotes', async () => {
    const response = await fetch(`${t.url}/requests`, {
      method: 'POST',
      headers: reviewer.headers,
      body: '{"not json',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.clone().json()) as { error: { requestId: string } };
    const line = await logged(response);
    expect(line.req.id).toBe(error.requestId);
    expect(line.res.statusCode).toBe(400);
  });
});

describe('LOG_FORMAT=pretty', () => {
  it('writes readable lines: time, level, [context] message, and a request as method, path and status', async () => {
    let text = '';
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    });
    const pretty = await startTestApp(
      { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty', DATABASE_URL: t.databaseUrl },
      { logDestination: destination },
    );
    try {
      const response = await fetch(`${pretty.url}/auth/me`, {
        headers: { authorization: reviewer.headers.authorization! },
      });
      expect(response.status).toBe(200);
      const id = response.headers.get('x-request-id');
      await response.arrayBuffer();
      for (let tries = 0; tries < 50 && !text.includes(id!); tries += 1) await new Promise((r) => setTimeout(r, 20));
      const rows = text.split('\n').filter(Boolean);
      expect(rows.filter((row) => row.startsWith('{'))).toEqual([]);
      expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO.*: \[NestApplication\] Nest application successfully started$/m);
      expect(text).toContain(`GET /auth/me 200`);
      expect(text).toContain(`(request ${id})`);
      expect(text).not.toContain(reviewer.token);
      expect(text).not.toMatch(/Mapped \{/);
    } finally {
      await pretty.close();
    }
  });
});
