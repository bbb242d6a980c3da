// Upload bodies as a careless or hostile client sends them, over a raw socket: too many parts, bodies cut off,
// wrong boundaries, oversized headers, clients that trickle. Whatever arrives, the API answers 4xx (or, when the
// client hangs up mid-body, nothing), stores nothing for a refused upload, and keeps answering: issue 11 item 2
// was a busboy stream destroyed with no 'error' listener, which took the whole process down.
import { randomUUID } from 'node:crypto';
import { readdirSync, type Dirent } from 'node:fs';
import { createConnection } from 'node:net';
import { ErrorBody } from '@writ/contracts';
import fc from 'fast-check';
import { staffByRole, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let intake: TestStaff;
let requestId: string;

beforeAll(async () => {
  t = await startTestApp();
  intake = (await staffByRole(t)).INTAKE;
  const authorityId = randomUUID();
  await t.db.query(
    `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at) VALUES ($1, $2, 'COURT', 'DE', 'Berlin', now())`,
    [authorityId, `Amtsgericht ${authorityId.slice(0, 8)}`],
  );
  requestId = randomUUID();
  await t.db.query(
    `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, search_text, created_by_id, updated_at)
     VALUES ($1, $2, 'RECORDS', 'COURT_ORDER', $3, 'DE', now(), 'RECEIVED', 'wr-test', $4, now())`,
    [requestId, `WR-TEST-${requestId.slice(0, 8)}`, authorityId, intake.id],
  );
});
afterAll(async () => {
  await t.close();
});

// ─── a raw HTTP client ───

interface Sent {
  /** Extra request headers (content-type among them); content-length is added unless given. */
  headers: Record<string, string>;
  body: Buffer;
  /** Send only this many bytes of the body, then hang up (the declared length stays that of the whole body). */
  sendBytes?: number;
  /** Split what is sent into this many writes, `delayMs` apart: a slow client. */
  writes?: number;
  delayMs?: number;
}
interface Reply {
  /** null: the connection closed without an answer (only acceptable when the client hung up first). */
  status: number | null;
  body: string;
}

function send(sent: Sent): Promise<Reply> {
  const { port } = new URL(t.url);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    authorization: intake.headers.authorization!,
    connection: 'close',
    'content-length': String(sent.body.length),
    ...sent.headers,
  };
  const head = Buffer.from(
    `POST /requests/${requestId}/documents HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`,
    'latin1',
  );
  const body = sent.body.subarray(0, sent.sendBytes ?? sent.body.length);
  const writes = Math.max(1, sent.writes ?? 1);
  const size = Math.ceil(body.length / writes);
  const pieces = [head, ...Array.from({ length: writes }, (_, i) => body.subarray(i * size, (i + 1) * size))];

  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: Number(port) });
    const received: Buffer[] = [];
    let open = true;
    const finish = () => {
      if (!open) return;
      open = false;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: status ? Number(status[1]) : null, body: split >= 0 ? text.slice(split + 4) : '' });
    };
    const timer = setTimeout(finish, 15_000);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('close', finish);
    socket.on('error', () => undefined); // the server may close while we still write; 'close' follows
    socket.once('connect', async () => {
      for (const piece of pieces) {
        if (!open || socket.destroyed) return;
        socket.write(piece);
        if (sent.delayMs) await new Promise((r) => setTimeout(r, sent.delayMs));
      }
      // Hanging up mid-body: close our side, as a client that gave up would.
      if (sent.sendBytes !== undefined && sent.sendBytes < sent.body.length && open) socket.end();
    });
  });
}

// ─── bodies ───

const BOUNDARY = 'writ-multipart-boundary';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

interface PartSpec {
  name: string;
  filename?: string;
  content: Buffer;
  /** Extra part header lines (an oversized one among them, sometimes). */
  extraHeaders?: string[];
}

function multipart(parts: PartSpec[], boundary = BOUNDARY, closed = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const lines = [`Content-Disposition: ${disposition}`, ...(part.extraHeaders ?? [])];
    if (part.filename !== undefined) lines.push('Content-Type: application/octet-stream');
    chunks.push(
      Buffer.from(`--${boundary}\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1'),
      part.content,
      Buffer.from('\r\n'),
    );
  }
  if (closed) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const formHeaders = (boundary = BOUNDARY) => ({ 'content-type': `multipart/form-data; boundary=${boundary}` });

// ─── what must hold after every upload ───

function storedFiles(): string[] {
  return (readdirSync(t.env.STORAGE_DIR, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && /^[0-9a-f-]{36}$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Every storage key some document row points at. */
async function referencedKeys(): Promise<string[]> {
  const { rows } = await t.db.query<{ key: string }>(
    `SELECT storage_key AS key FROM document UNION ALL
     SELECT signature_storage_key FROM document WHERE signature_storage_key IS NOT NULL`,
  );
  return rows.map((row) => row.key).sort();
}

async function documentCount(): Promise<number> {
  const { rows } = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM document`);
  return Number(rows[0]!.n);
}

/**
 * Storage holds exactly the objects of stored documents: nothing half-written, nothing orphaned. The clean-up of
 * an upload whose client vanished runs after the connection is gone, so allow it a moment.
 */
async function expectStorageMatchesRows(): Promise<void> {
  const deadline = Date.now() + 5_000;
  let files = storedFiles();
  let keys = await referencedKeys();
  while (JSON.stringify(files) !== JSON.stringify(keys) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    files = storedFiles();
    keys = await referencedKeys();
  }
  expect(files).toEqual(keys);
}

async function expectAnswering(): Promise<void> {
  const response = await fetch(`${t.url}/health`);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

function expectClientError(reply: Reply): void {
  expect(reply.status).not.toBeNull();
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
}

/** A 4xx in the API's error shape, with the given code. */
function expectRefused(reply: Reply, code?: string): void {
  expectClientError(reply);
  const { error } = ErrorBody.parse(JSON.parse(reply.body));
  if (code) expect(error.code).toBe(code);
}

// ─── the cases of issue 11 ───

describe('POST /requests/{id}/documents with a broken body', () => {
  it('refuses three file parts with 400 and keeps answering', async () => {
    const before = await documentCount();
    const reply = await send({
      headers: formHeaders(),
      body: multipart([
        { name: 'kind', content: Buffer.from('ORDER') },
        { name: 'file', filename: 'a.pdf', content: PDF },
        { name: 'signature', filename: 'a.sig', content: Buffer.alloc(64, 1) },
        { name: 'file', filename: 'b.pdf', content: PDF },
      ]),
    });
    expectRefused(reply, 'VALIDATION_FAILED');
    expect(await documentCount()).toBe(before);
    await expectStorageMatchesRows();
    await expectAnswering();
  });

  it('refuses three file parts sent slowly, before the first is read, and keeps answering', async () => {
    const before = await documentCount();
    const reply = await send({
      headers: formHeaders(),
      body: multipart([
        { name: 'file', filename: 'a.pdf', content: PDF },
        { name: 'file', filename: 'b.pdf', content: PDF },
        { name: 'file', filename: 'c.pdf', content: PDF },
      ]),
      writes: 3,
      delayMs: 20,
    });
    expectRefused(reply, 'VALIDATION_FAILED');
    expect(await documentCount()).toBe(before);
    await expectStorageMatchesRows();
    await expectAnswering();
  });

  it('refuses a multipart body that ends inside the file part with 400 naming the cut, and keeps answering', async () => {
    const before = await documentCount();
    const body = multipart(
      [
        { name: 'kind', content: Buffer.from('ORDER') },
        { name: 'file', filename: 'a.pdf', content: PDF },
      ],
      BOUNDARY,
      false,
    );
    // Well-formed HTTP, but the multipart stops half-way through the file: no closing boundary.
    const reply = await send({ headers: formHeaders(), body: body.subarray(0, body.length - 20) });
    expectRefused(reply, 'VALIDATION_FAILED');
    expect(await documentCount()).toBe(before);
    await expectStorageMatchesRows();
    await expectAnswering();
  });

  it('survives a client that hangs up before the declared length, leaving nothing stored', async () => {
    const before = await documentCount();
    const body = multipart([
      { name: 'kind', content: Buffer.from('ORDER') },
      { name: 'file', filename: 'a.pdf', content: Buffer.concat([PDF, Buffer.alloc(64 * 1024, 0x0a)]) },
      { name: 'file', filename: 'b.pdf', content: PDF },
    ]);
    const reply = await send({ headers: formHeaders(), body, sendBytes: 40 * 1024, writes: 4, delayMs: 10 });
    // Node itself may answer a request cut short with a bare 400 before closing; or the socket just closes.
    if (reply.status !== null) expectClientError(reply);
    expect(await documentCount()).toBe(before);
    await expectStorageMatchesRows();
    await expectAnswering();
  });
});

// ─── property: any body ───

// FC_NUM_RUNS (default 200) sets the runs, capped at 200: each run is a real upload over a socket plus a few
// queries, some of them deliberately slow.
const RUNS = Math.min(Number(process.env.FC_NUM_RUNS ?? 200), 200);

const partName = fc.oneof(
  fc.constantFrom('kind', 'signatureFormat', 'file', 'signature', 'file', 'file'),
  fc.string({ maxLength: 12 }).filter((name) => !/["\r\n\\]/.test(name)),
);
const content = fc.oneof(
  fc.constant(PDF),
  fc.constantFrom('ORDER', 'CORRESPONDENCE', 'CMS', 'ED25519').map((text) => Buffer.from(text)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)),
  fc.integer({ min: 1, max: 20_000 }).map((size) => Buffer.concat([PDF, Buffer.alloc(size, 0x20)])),
  fc.constant(Buffer.alloc(64, 7)),
);
const extraHeaders = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>([]) },
  // Larger than busboy allows a part's header block (16 KiB), or just many of them.
  fc.integer({ min: 1, max: 40_000 }).map((size) => [`X-Padding: ${'a'.repeat(size)}`]),
  fc.integer({ min: 1, max: 40 }).map((count) => Array.from({ length: count }, (_, i) => `X-Header-${i}: ${i}`)),
);
const part = fc.record(
  {
    name: partName,
    filename: fc.option(fc.constantFrom('order.pdf', '', 'a/../b.pdf', 'Beschluss 12.pdf'), { nil: undefined }),
    content,
    extraHeaders,
  },
  { requiredKeys: ['name', 'content'] },
);
const upload = fc.record({
  parts: fc.array(part, { maxLength: 6 }),
  closed: fc.boolean(),
  /** The boundary in the body, relative to the one declared in Content-Type. */
  boundary: fc.constantFrom('same', 'same', 'same', 'other', 'none-declared', 'not-multipart'),
  /** Where the multipart text is cut (a fraction of it), with the HTTP length saying so or not (a hang-up). */
  cut: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), hangUp: fc.boolean() }), {
    nil: undefined,
  }),
  /** An oversized HTTP header (Node refuses more than 16 KiB of them with 431). */
  bigHttpHeader: fc.option(fc.integer({ min: 1_000, max: 20_000 }), { nil: undefined, freq: 8 }),
  writes: fc.integer({ min: 1, max: 4 }),
  delayMs: fc.constantFrom(0, 0, 1, 15),
});

describe('POST /requests/{id}/documents with any body', () => {
  it('answers 201 or 4xx (nothing only to a client that hung up), stores nothing for a refusal, and keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(upload, async (input) => {
        const before = await documentCount();
        let body = multipart(input.parts, input.boundary === 'other' ? 'another-boundary' : BOUNDARY, input.closed);
        let sendBytes: number | undefined;
        if (input.cut) {
          const at = Math.floor(body.length * input.cut.at);
          if (input.cut.hangUp) sendBytes = at;
          else body = body.subarray(0, at);
        }
        const headers: Record<string, string> =
          input.boundary === 'none-declared'
            ? { 'content-type': 'multipart/form-data' }
            : input.boundary === 'not-multipart'
              ? { 'content-type': 'application/octet-stream' }
              : formHeaders();
        if (input.bigHttpHeader) headers['x-padding'] = 'b'.repeat(input.bigHttpHeader);

        const reply = await send({ headers, body, sendBytes, writes: input.writes, delayMs: input.delayMs });
        const hungUp = sendBytes !== undefined && sendBytes < body.length;
        if (reply.status === 201) {
          expect(await documentCount()).toBe(before + 1);
        } else {
          if (!(hungUp && reply.status === null)) expectClientError(reply);
          expect(await documentCount()).toBe(before);
        }
        await expectStorageMatchesRows();
        await expectAnswering();
      }),
      { numRuns: RUNS },
    );
  });
});
