import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DocumentList, DocumentMetadata, ErrorBody, type StaffRole } from '@writ/contracts';
import { staffByRole, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

// ─── files made here, byte for byte ───

/** A small but valid one-page PDF (correct xref offsets), with `text` on the page. */
function buildPdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b40000000049454e44ae426082',
  'hex',
);
const ELF = Buffer.concat([
  Buffer.from('7f454c4602010100000000000000000002003e0001000000', 'hex'),
  Buffer.alloc(200, 0x90),
]);
const ZIP = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(200, 0x41)]);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ─── the app ───

let t: TestApp;
let staff: Record<StaffRole, TestStaff>;
let authorityId: string;

beforeAll(async () => {
  t = await startTestApp();
  staff = await staffByRole(t);
  authorityId = await insertAuthority(t);
});
afterAll(async () => {
  await t.close();
});

async function insertAuthority(app: TestApp): Promise<string> {
  const id = randomUUID();
  await app.db.query(
    `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at) VALUES ($1, $2, 'COURT', 'DE', 'Berlin', now())`,
    [id, `Amtsgericht ${id.slice(0, 8)}`],
  );
  return id;
}

async function insertRequest(
  app: TestApp,
  status = 'RECEIVED',
  authority = authorityId,
  creator = staff.INTAKE,
): Promise<string> {
  const id = randomUUID();
  const reference = `WR-TEST-${id.slice(0, 8)}`;
  await app.db.query(
    `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, search_text, created_by_id, updated_at)
     VALUES ($1, $2, 'RECORDS', 'COURT_ORDER', $3, 'DE', now(), $4::"RequestStatus", lower($2), $5, now())`,
    [id, reference, authority, status, creator.id],
  );
  return id;
}

interface UploadInput {
  kind?: string;
  file?: { bytes: Uint8Array; name: string; type?: string };
  signature?: { bytes: Uint8Array; format?: string };
  fieldsAfterFile?: boolean;
}

function form(input: UploadInput): FormData {
  const body = new FormData();
  const fields = () => {
    if (input.kind !== undefined) body.append('kind', input.kind);
    if (input.signature?.format) body.append('signatureFormat', input.signature.format);
  };
  if (!input.fieldsAfterFile) fields();
  if (input.file)
    body.append(
      'file',
      new Blob([new Uint8Array(input.file.bytes)], { type: input.file.type ?? 'application/octet-stream' }),
      input.file.name,
    );
  if (input.signature) body.append('signature', new Blob([new Uint8Array(input.signature.bytes)]), 'order.p7s');
  if (input.fieldsAfterFile) fields();
  return body;
}

async function upload(app: TestApp, requestId: string, who: TestStaff | null, input: UploadInput) {
  const response = await fetch(`${app.url}/requests/${requestId}/documents`, {
    method: 'POST',
    headers: who ? { authorization: who.headers.authorization! } : {},
    body: form(input),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;

function storedFiles(app: TestApp): string[] {
  return (readdirSync(app.env.STORAGE_DIR, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function documentCount(app: TestApp): Promise<number> {
  const { rows } = await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM document`);
  return Number(rows[0]!.n);
}

/** Nothing in storage, nothing in the table: what every refused upload must leave behind. */
async function expectNothingStored(app: TestApp, run: () => Promise<void>): Promise<void> {
  const files = storedFiles(app);
  const rows = await documentCount(app);
  await run();
  expect(storedFiles(app)).toEqual(files);
  expect(await documentCount(app)).toBe(rows);
}

async function documentEvents(app: TestApp, documentId: string) {
  const { rows } = await app.db.query<{ action: string; actor_id: string; details: Record<string, unknown> }>(
    `SELECT action, actor_id, details FROM audit_event WHERE subject_type = 'document' AND subject_id = $1 ORDER BY id`,
    [documentId],
  );
  return rows;
}

// ─── uploads ───

describe('POST /requests/{id}/documents', () => {
  it('stores a PDF with its SHA-256 and sniffed type, in one transaction with document.uploaded', async () => {
    const requestId = await insertRequest(t);
    const pdf = buildPdf('Order of the court');
    const before = storedFiles(t);
    const response = await upload(t, requestId, staff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: pdf, name: 'Beschluss 12-2026.pdf', type: 'application/pdf' },
    });
    expect(response.status).toBe(201);
    const document = DocumentMetadata.parse(response.body);
    expect(document).toMatchObject({
      requestId,
      kind: 'ORDER',
      filename: 'Beschluss 12-2026.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      signature: null,
      uploadedById: staff.INTAKE.id,
    });
    const added = storedFiles(t).filter((file) => !before.includes(file));
    expect(added).toHaveLength(1);
    expect(readFileSync(added[0]!)).toEqual(pdf);
    // The storage key is ours, not the client's file name.
    expect(path.basename(added[0]!)).toMatch(/^[0-9a-f-]{36}$/);
    const events = await documentEvents(t, document.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'document.uploaded', actor_id: staff.INTAKE.id });
    expect(events[0]!.details).toMatchObject({
      requestId,
      kind: 'ORDER',
      mediaType: 'application/pdf',
      size: pdf.length,
    });
    // The hash and the name reach the public log only as commitments.
    expect(events[0]!.details).toMatchObject({ personal: { sha256: { value: sha256(pdf) } } });
  });

  it('stores a PNG sent as "order.pdf" with Content-Type application/pdf as image/png (the bytes decide)', async () => {
    const requestId = await insertRequest(t);
    const response = await upload(t, requestId, staff.REVIEWER, {
      kind: 'SUPPORTING',
      file: { bytes: PNG, name: 'order.pdf', type: 'application/pdf' },
    });
    expect(response.status).toBe(201);
    expect(DocumentMetadata.parse(response.body)).toMatchObject({
      mediaType: 'image/png',
      filename: 'order.pdf',
      sha256: sha256(PNG),
    });
  });

  it.each([
    ['an ELF executable named order.pdf', ELF],
    ['a zip archive named order.pdf', ZIP],
  ])('refuses %s with 415 and stores nothing', async (_name, bytes) => {
    const requestId = await insertRequest(t);
    await expectNothingStored(t, async () => {
      const response = await upload(t, requestId, staff.INTAKE, {
        kind: 'ORDER',
        file: { bytes, name: 'order.pdf', type: 'application/pdf' },
      });
      expect(response.status).toBe(415);
      expect(errorCode(response.body)).toBe('UNSUPPORTED_DOCUMENT_TYPE');
    });
  });

  it('accepts UTF-8 text as correspondence only, and refuses text that turns binary after the first bytes', async () => {
    const requestId = await insertRequest(t);
    const letter = Buffer.from(
      `Dear registry,\r\nplease confirm order 12/2026 — Grüße.\n${'Lorem ipsum dolor sit amet. '.repeat(400)}`,
      'utf8',
    );
    const ok = await upload(t, requestId, staff.INTAKE, {
      kind: 'CORRESPONDENCE',
      file: { bytes: letter, name: 'letter.txt', type: 'text/plain' },
    });
    expect(ok.status).toBe(201);
    expect(DocumentMetadata.parse(ok.body)).toMatchObject({
      mediaType: 'text/plain',
      size: letter.length,
      sha256: sha256(letter),
    });
    await expectNothingStored(t, async () => {
      const asOrder = await upload(t, requestId, staff.INTAKE, {
        kind: 'ORDER',
        file: { bytes: letter, name: 'letter.txt' },
      });
      expect(asOrder.status).toBe(415);
      // Past the sniffed head, so this one was being written when the NUL showed up: the partial file goes.
      const sneaky = Buffer.concat([letter, Buffer.from([0x00, 0x01, 0x02]), letter]);
      const refused = await upload(t, requestId, staff.INTAKE, {
        kind: 'CORRESPONDENCE',
        file: { bytes: sneaky, name: 'letter.txt' },
      });
      expect(refused.status).toBe(415);
      expect(errorCode(refused.body)).toBe('UNSUPPORTED_DOCUMENT_TYPE');
    });
  });

  it('keeps the file name for display only, cleaned of paths and control characters', async () => {
    const requestId = await insertRequest(t);
    const response = await upload(t, requestId, staff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: buildPdf('x'), name: '../../etc/passwd\u202Efdp.exe\t ', type: 'application/pdf' },
    });
    expect(response.status).toBe(201);
    const { filename } = DocumentMetadata.parse(response.body);
    expect(filename).not.toMatch(/[/\\\u202E\t]/);
    expect(filename).toContain('passwd');
  });

  it('stores a detached Ed25519 signature alongside the document', async () => {
    const requestId = await insertRequest(t);
    const pdf = buildPdf('Signed order');
    const { privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, pdf, privateKey);
    const response = await upload(t, requestId, staff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: pdf, name: 'order.pdf' },
      signature: { bytes: signature, format: 'ED25519' },
    });
    expect(response.status).toBe(201);
    const document = DocumentMetadata.parse(response.body);
    expect(document.signature).toEqual({ format: 'ED25519', sha256: sha256(signature) });
    const download = await fetch(`${t.url}/documents/${document.id}/signature`, { headers: staff.REVIEWER.headers });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(signature);
  });

  it('stores a detached CMS signature (.p7s) as openssl makes it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-documents-cms-'));
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const pdf = buildPdf('CMS signed order');
    writeFileSync(path.join(dir, 'order.pdf'), pdf);
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'court.key',
      '-out',
      'court.pem',
      '-subj',
      '/CN=Court',
      '-days',
      '30',
    );
    openssl(
      'cms',
      '-sign',
      '-binary',
      '-in',
      'order.pdf',
      '-signer',
      'court.pem',
      '-inkey',
      'court.key',
      '-outform',
      'DER',
      '-out',
      'order.p7s',
    );
    openssl(
      'cms',
      '-sign',
      '-binary',
      '-nodetach',
      '-in',
      'order.pdf',
      '-signer',
      'court.pem',
      '-inkey',
      'court.key',
      '-outform',
      'DER',
      '-out',
      'attached.p7s',
    );
    const p7s = readFileSync(path.join(dir, 'order.p7s'));

    const requestId = await insertRequest(t);
    const response = await upload(t, requestId, staff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: pdf, name: 'order.pdf' },
      signature: { bytes: p7s, format: 'CMS' },
    });
    expect(response.status).toBe(201);
    const document = DocumentMetadata.parse(response.body);
    expect(document.signature).toEqual({ format: 'CMS', sha256: sha256(p7s) });
    const download = await fetch(`${t.url}/documents/${document.id}/signature`, { headers: staff.AUDITOR.headers });
    expect(download.headers.get('content-type')).toBe('application/pkcs7-signature');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(p7s);

    await expectNothingStored(t, async () => {
      const attached = readFileSync(path.join(dir, 'attached.p7s'));
      const refused = await upload(t, requestId, staff.INTAKE, {
        kind: 'ORDER',
        file: { bytes: pdf, name: 'order.pdf' },
        signature: { bytes: attached, format: 'CMS' },
      });
      expect(refused.status).toBe(400);
      expect(ErrorBody.parse(refused.body).error.message).toMatch(/detached/);
    });
  });

  it('refuses a malformed signature with 400 and removes the document it had already stored', async () => {
    const requestId = await insertRequest(t);
    await expectNothingStored(t, async () => {
      for (const [format, bytes] of [
        ['ED25519', Buffer.alloc(10, 1)],
        ['CMS', Buffer.from('not a p7s at all')],
      ] as const) {
        const response = await upload(t, requestId, staff.INTAKE, {
          kind: 'ORDER',
          file: { bytes: buildPdf('x'), name: 'o.pdf' },
          signature: { bytes, format },
        });
        expect(response.status).toBe(400);
        expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
      }
    });
  });

  it.each([
    ['no kind', { file: { bytes: buildPdf('x'), name: 'o.pdf' } }],
    ['an unknown kind', { kind: 'MEMO', file: { bytes: buildPdf('x'), name: 'o.pdf' } }],
    ['no file', { kind: 'ORDER' }],
    ['an empty file', { kind: 'ORDER', file: { bytes: new Uint8Array(0), name: 'o.pdf' } }],
    [
      'the fields after the file',
      { kind: 'ORDER', file: { bytes: buildPdf('x'), name: 'o.pdf' }, fieldsAfterFile: true },
    ],
    [
      'a signature without its format',
      { kind: 'ORDER', file: { bytes: buildPdf('x'), name: 'o.pdf' }, signature: { bytes: Buffer.alloc(64) } },
    ],
  ] as [string, UploadInput][])('refuses an upload with %s with 400 and stores nothing', async (_name, input) => {
    const requestId = await insertRequest(t);
    await expectNothingStored(t, async () => {
      const response = await upload(t, requestId, staff.INTAKE, input);
      expect(response.status).toBe(400);
      expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
    });
  });

  it('refuses a body that is not multipart with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const requestId = await insertRequest(t);
    const response = await fetch(`${t.url}/requests/${requestId}/documents`, {
      method: 'POST',
      headers: staff.INTAKE.headers,
      body: JSON.stringify({ kind: 'ORDER' }),
    });
    expect(response.status).toBe(415);
    expect(errorCode(await response.json())).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['VERIFIED', 'CLOSED', 'WITHDRAWN'])(
    'refuses with 409 NOT_EDITABLE once the request is %s',
    async (status) => {
      const requestId = await insertRequest(t, status);
      await expectNothingStored(t, async () => {
        const response = await upload(t, requestId, staff.INTAKE, {
          kind: 'ORDER',
          file: { bytes: buildPdf('x'), name: 'o.pdf' },
        });
        expect(response.status).toBe(409);
        expect(errorCode(response.body)).toBe('NOT_EDITABLE');
      });
    },
  );

  it('answers 404 for a request that does not exist', async () => {
    const response = await upload(t, randomUUID(), staff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: buildPdf('x'), name: 'o.pdf' },
    });
    expect(response.status).toBe(404);
  });

  it.each<StaffRole>(['APPROVER', 'AUDITOR', 'ADMIN'])('refuses %s with 403 before a byte is stored', async (role) => {
    const requestId = await insertRequest(t);
    await expectNothingStored(t, async () => {
      const response = await upload(t, requestId, staff[role], {
        kind: 'ORDER',
        file: { bytes: buildPdf('x'), name: 'o.pdf' },
      });
      expect(response.status).toBe(403);
      expect(errorCode(response.body)).toBe('FORBIDDEN');
      const anonymous = await upload(t, requestId, null, {
        kind: 'ORDER',
        file: { bytes: buildPdf('x'), name: 'o.pdf' },
      });
      expect(anonymous.status).toBe(401);
    });
  });

  it('deletes the partial file when the client goes away in the middle of an upload', async () => {
    const requestId = await insertRequest(t);
    const before = storedFiles(t);
    const rows = await documentCount(t);
    const boundary = 'writ-test-boundary';
    const request = http.request(`${t.url}/requests/${requestId}/documents`, {
      method: 'POST',
      headers: {
        authorization: staff.INTAKE.headers.authorization,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(10 * 1024 * 1024),
      },
    });
    request.on('error', () => undefined); // we are the ones hanging up
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nORDER\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="o.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n`,
    );
    request.write(Buffer.concat([buildPdf('partial'), Buffer.alloc(256 * 1024, 0x0a)]));
    const until = async (condition: () => boolean) => {
      for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return condition();
    };
    // The write to storage has begun…
    expect(await until(() => storedFiles(t).length > before.length)).toBe(true);
    request.destroy();
    // …and is undone once the connection drops.
    expect(await until(() => storedFiles(t).length === before.length)).toBe(true);
    expect(storedFiles(t)).toEqual(before);
    expect(await documentCount(t)).toBe(rows);
  });

  it('removes the stored file when the database transaction fails', async () => {
    const requestId = await insertRequest(t);
    await t.db.query(
      `CREATE FUNCTION writ_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER writ_test_refuse BEFORE INSERT ON document FOR EACH ROW EXECUTE FUNCTION writ_test_refuse()`,
    );
    try {
      await expectNothingStored(t, async () => {
        const response = await upload(t, requestId, staff.INTAKE, {
          kind: 'ORDER',
          file: { bytes: buildPdf('x'), name: 'o.pdf' },
        });
        expect(response.status).toBe(500);
      });
    } finally {
      await t.db.query(`DROP TRIGGER writ_test_refuse ON document; DROP FUNCTION writ_test_refuse()`);
    }
  });
});

// ─── reading ───

describe('reading documents', () => {
  let requestId: string;
  let pdf: Buffer;
  let document: DocumentMetadata;
  beforeAll(async () => {
    requestId = await insertRequest(t);
    pdf = buildPdf('Read me');
    document = DocumentMetadata.parse(
      (await upload(t, requestId, staff.INTAKE, { kind: 'ORDER', file: { bytes: pdf, name: 'Bescheid ä.pdf' } })).body,
    );
    await upload(t, requestId, staff.INTAKE, { kind: 'SUPPORTING', file: { bytes: PNG, name: 'scan.pdf' } });
  });

  it("lists the metadata of a request's documents to the roles that work on it", async () => {
    for (const role of ['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR'] as const) {
      const response = await fetch(`${t.url}/requests/${requestId}/documents`, { headers: staff[role].headers });
      expect(response.status).toBe(200);
      const list = DocumentList.parse(await response.json());
      expect(list.items.map((item) => item.mediaType)).toEqual(['application/pdf', 'image/png']);
    }
    expect((await fetch(`${t.url}/requests/${requestId}/documents`, { headers: staff.ADMIN.headers })).status).toBe(
      403,
    );
    expect(
      (await fetch(`${t.url}/requests/${randomUUID()}/documents`, { headers: staff.AUDITOR.headers })).status,
    ).toBe(404);
  });

  it('downloads identical bytes as an attachment of the sniffed type, and records document.read first', async () => {
    const before = (await documentEvents(t, document.id)).length;
    const response = await fetch(`${t.url}/documents/${document.id}/content`, { headers: staff.APPROVER.headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Bescheid ä.pdf')}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes).toEqual(pdf);
    expect(sha256(bytes)).toBe(document.sha256);
    const events = await documentEvents(t, document.id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ action: 'document.read', actor_id: staff.APPROVER.id });
    expect(events.at(-1)!.details).toMatchObject({ requestId, part: 'content' });
  });

  it('saves a PNG named .pdf under a name that ends in .png', async () => {
    const list = DocumentList.parse(
      await (await fetch(`${t.url}/requests/${requestId}/documents`, { headers: staff.AUDITOR.headers })).json(),
    );
    const png = list.items.find((item) => item.mediaType === 'image/png')!;
    const response = await fetch(`${t.url}/documents/${png.id}/content`, { headers: staff.AUDITOR.headers });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toContain('filename="scan.pdf.png"');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
  });

  it('answers 404 for an unknown document or a signature that was never sent, and 403 to ADMIN; none is recorded', async () => {
    const before = (await documentEvents(t, document.id)).length;
    expect((await fetch(`${t.url}/documents/${randomUUID()}/content`, { headers: staff.AUDITOR.headers })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${t.url}/documents/${document.id}/signature`, { headers: staff.AUDITOR.headers })).status,
    ).toBe(404);
    expect((await fetch(`${t.url}/documents/${document.id}/content`, { headers: staff.ADMIN.headers })).status).toBe(
      403,
    );
    expect(await documentEvents(t, document.id)).toHaveLength(before);
  });
});

// ─── size limits ───

describe('with UPLOAD_MAX_BYTES=1024', () => {
  let small: TestApp;
  let smallStaff: Record<StaffRole, TestStaff>;
  let requestId: string;
  beforeAll(async () => {
    small = await startTestApp({ UPLOAD_MAX_BYTES: '1024' });
    smallStaff = await staffByRole(small);
    const authority = await insertAuthority(small);
    requestId = await insertRequest(small, 'RECEIVED', authority, smallStaff.INTAKE);
  });
  afterAll(async () => {
    await small.close();
  });

  it('accepts a file of exactly the limit', async () => {
    const pdf = buildPdf('x');
    const exact = Buffer.concat([pdf, Buffer.alloc(1024 - pdf.length, 0x0a)]);
    const response = await upload(small, requestId, smallStaff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: exact, name: 'o.pdf' },
    });
    expect(response.status).toBe(201);
    expect(DocumentMetadata.parse(response.body).size).toBe(1024);
  });

  it('refuses a larger one with 413 PAYLOAD_TOO_LARGE, storing nothing', async () => {
    const pdf = buildPdf('x'.repeat(3000));
    await expectNothingStored(small, async () => {
      const response = await upload(small, requestId, smallStaff.INTAKE, {
        kind: 'ORDER',
        file: { bytes: pdf, name: 'big.pdf' },
      });
      expect(response.status).toBe(413);
      const error = ErrorBody.parse(response.body).error;
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toContain('1 KiB');
    });
  });
});

describe('with UPLOAD_MAX_BYTES=256 KiB', () => {
  let medium: TestApp;
  let mediumStaff: Record<StaffRole, TestStaff>;
  let requestId: string;
  beforeAll(async () => {
    medium = await startTestApp({ UPLOAD_MAX_BYTES: String(256 * 1024) });
    mediumStaff = await staffByRole(medium);
    const authority = await insertAuthority(medium);
    requestId = await insertRequest(medium, 'RECEIVED', authority, mediumStaff.INTAKE);
  });
  afterAll(async () => {
    await medium.close();
  });

  it('stops a file that grows past the limit while streaming and deletes what was written', async () => {
    // Half a MiB: well past the first chunks that decide the type, so the write to storage has begun.
    const pdf = Buffer.concat([buildPdf('x'), Buffer.alloc(512 * 1024, 0x0a)]);
    await expectNothingStored(medium, async () => {
      const response = await upload(medium, requestId, mediumStaff.INTAKE, {
        kind: 'ORDER',
        file: { bytes: pdf, name: 'big.pdf' },
      });
      expect(response.status).toBe(413);
      expect(errorCode(response.body)).toBe('PAYLOAD_TOO_LARGE');
    });
    // The connection drained the rest and still works.
    const ok = await upload(medium, requestId, mediumStaff.INTAKE, {
      kind: 'ORDER',
      file: { bytes: buildPdf('x'), name: 'ok.pdf' },
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a body whose declared length is already too large without reading it', async () => {
    const answer = await new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        const request = http.request(`${medium.url}/requests/${requestId}/documents`, {
          method: 'POST',
          headers: {
            authorization: mediumStaff.INTAKE.headers.authorization,
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(1024 * 1024 * 1024),
          },
        });
        request.on('response', (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode!, body, connection: response.headers.connection }),
          );
        });
        request.on('error', reject);
        request.flushHeaders(); // headers only: a gigabyte is announced and never sent
      },
    );
    expect(answer.status).toBe(413);
    expect(errorCode(JSON.parse(answer.body))).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.connection).toBe('close');
  });
});
