// The downloads of a published report, parsed back: report.json is the logged bytes, report.csv the rows, dsa.csv
// the EU DSA template (Annex I part 3) filled per Annex II; each with immutable caching and an ETag.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApproveReportDraft, DraftReport, GetReport, GetReportVersion, type ReportVersion } from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { integrate } from '../support/log';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { fixedDataSet, insertRequests } from './reports.fixtures';

/** The header row of the Commission's CSV template, Annex I part 3 (Member State orders), as vendored. */
const DSA_TEMPLATE_HEADER = readFileSync(
  path.join(ROOT, 'test/vectors/dsa/annex-i-part-3-member-states-orders.csv'),
  'utf8',
).split(/\r?\n/)[0]!;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; every record ends with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (c === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break at ${i}: records must end with CRLF`);
    } else field += text[i++];
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  return records;
}

let t: TestApp;
let adminA: TestStaff;
let adminB: TestStaff;
let report: ReportVersion;

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  adminA = await createStaff(t, ['ADMIN'], 'admin-a');
  adminB = await createStaff(t, ['ADMIN'], 'admin-b');
  await insertRequests(t, adminA.id, fixedDataSet());
  const drafted = await okAs(t, DraftReport, { body: { period: '2026-H1' } }, adminA);
  report = await okAs(t, ApproveReportDraft, { params: { id: drafted.id } }, adminB);
});

afterAll(async () => {
  await t?.close();
});

async function download(name: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.url}/reports/2026-H1/versions/1/${name}`, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

function expectImmutable(response: Response) {
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(response.headers.get('etag')).toMatch(new RegExp(`^"${report.sha256}-`));
}

describe('report.json', () => {
  it('is the exact bytes whose SHA-256 the log holds, and parses back to the document', async () => {
    const { response, bytes } = await download('report.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expectImmutable(response);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(report.sha256);
    const { rows } = await t.db.query(
      `SELECT details->>'sha256' AS sha256 FROM audit_event WHERE action = 'report.published' AND subject_id = $1`,
      [report.id],
    );
    expect(rows[0].sha256).toBe(report.sha256);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(report.document);
  });

  it('answers 304 to a client that has it, and 404 for a version or period not published', async () => {
    const first = await download('report.json');
    const again = await download('report.json', { 'if-none-match': first.response.headers.get('etag')! });
    expect(again.response.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect((await fetch(`${t.url}/reports/2026-H1/versions/2/report.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/reports/2025-H1/versions/1/report.csv`)).status).toBe(404);
    expect((await fetch(`${t.url}/reports/2025-H9/versions/1/dsa.csv`)).status).toBe(400);
  });

  it('a published version is cached for good once it has its log index; the latest is asked for again', async () => {
    const latest = await callAs(t, GetReport, { params: { period: '2026-H1' } });
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    const unsequenced = await callAs(t, GetReportVersion, { params: { period: '2026-H1', version: 1 } });
    expect(unsequenced.body.logIndex).toBeNull();
    expect(unsequenced.headers.get('cache-control')).toBe('no-cache');
    await integrate(t);
    const sequenced = await callAs(t, GetReportVersion, { params: { period: '2026-H1', version: 1 } });
    expect(sequenced.body.logIndex).toEqual(expect.any(Number));
    expect(sequenced.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(sequenced.headers.get('etag')).toBe(`"${report.sha256}-version"`);
  });
});

describe('report.csv', () => {
  it('has a header and one record per row, with the banded cells as printed', async () => {
    const { response, bytes } = await download('report.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expectImmutable(response);
    const [header, ...records] = parseCsv(bytes.toString('utf8'));
    expect(header!.slice(0, 6)).toEqual([
      'period',
      'version',
      'threshold',
      'country',
      'legalProcess',
      'requestsReceived',
    ]);
    expect(records).toHaveLength(report.document.rows.length);
    const byKey = new Map(
      records.map((r) => [`${r[3]}/${r[4]}`, Object.fromEntries(header!.map((h, i) => [h, r[i]]))]),
    );
    expect(byKey.get('DE/COURT_ORDER')).toMatchObject({
      period: '2026-H1',
      version: '1',
      threshold: '10',
      // Withheld: DE's 10 over its banded outcomes is not a subtraction away from anything, but its place in the
      // country and legal process totals is (complementary suppression).
      requestsReceived: '≥10',
      accountsDisclosed: '1–9',
      contentDisclosures: '0',
      shareWithDataDisclosed: '',
      medianHoursToAcknowledge: '5.5',
      medianHoursToGiveEffect: '24',
    });
    expect(byKey.get('ALL/ALL')).toMatchObject({
      requestsReceived: '≥10',
      rejectedInvalid: '≥10',
      gagOrdersInForce: '≥10',
    });
    // FR's 19 received are withheld, so no share either (it would give the count back).
    expect(byKey.get('FR/ALL')).toMatchObject({ shareWithDataDisclosed: '', medianHoursToAcknowledge: '' });
    // Every row shows content disclosures, and they are 0.
    expect(records.every((r) => r[header!.indexOf('contentDisclosures')] === '0')).toBe(true);
  });
});

describe('dsa.csv', () => {
  it("starts with the template's header byte for byte and fills it per Annex II", async () => {
    const { response, bytes } = await download('dsa.csv');
    expect(response.status).toBe(200);
    expectImmutable(response);
    const text = bytes.toString('utf8');
    expect(text.slice(0, text.indexOf('\r\n'))).toBe(DSA_TEMPLATE_HEADER);
    const [header, ...records] = parseCsv(text);
    expect(header).toHaveLength(20);
    // TOTAL and the 27 Member States, each with TOTAL and the 15 statement categories.
    expect(records).toHaveLength(28 * 16);
    expect(records.every((r) => r.length === 20 && r[0] === 'All' && r[2] === '2026-01-01/2026-06-30')).toBe(true);
    const find = (scope: string, category: string) => records.find((r) => r[5] === scope && r[3] === category)!;
    const orders = 10;
    const ack = 11;
    const effect = 12;
    // Withheld counts (39 EU orders of 40 would give the one US request back) are blank, said so alongside.
    const total = find('TOTAL', 'TOTAL');
    expect([total[orders], total[ack], total[effect]]).toEqual(['', '5.5', '24']);
    expect(total[17]).toMatch(/Withheld: at least 10/);
    expect(find('FR', 'STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER')[orders]).toBe('');
    // Nothing happened: 0, not blank.
    expect(find('PL', 'TOTAL').slice(orders, effect + 1)).toEqual(['0', '0', '0']);
    // A banded count is not an integer: blank, with the band in the contextual column.
    const es = find('ES', 'TOTAL');
    expect(es[orders]).toBe('');
    expect(es[17]).toMatch(/Between 1 and 9/);
    // Orders came in, but too few for a median: blank, not 0 hours, and said why.
    expect(es.slice(ack, effect + 1)).toEqual(['', '']);
    expect(es[18]).toMatch(/^Not given: fewer than 10 of these orders were acknowledged so far/);
    expect(es[19]).toMatch(/^Not given: fewer than 10 of these orders were given effect so far/);
    // Every filled count and median is a plain number; a blank median always says why.
    for (const r of records) {
      for (const i of [ack, effect]) {
        if (r[i] === '') expect(r[i + 7]).toMatch(/^Not given/);
        else expect(r[i]).toMatch(/^\d+(\.\d+)?$/);
      }
      if (r[orders] !== '') expect(r[orders]).toMatch(/^\d+$/);
    }
  });

  it('a draft has no downloads', async () => {
    const drafted = await callAs(
      t,
      DraftReport,
      { body: { period: '2026-H1', changelog: { changes: 'none', reason: 'test' } } },
      adminA,
    );
    expect(drafted.status).toBe(201);
    expect((await fetch(`${t.url}/reports/2026-H1/versions/2/dsa.csv`)).status).toBe(404);
  });
});
