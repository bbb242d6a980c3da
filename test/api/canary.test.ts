// The warrant canary over HTTP: generated from the fixed data set, published by a second admin, signed with the
// log key (checked here with the published verifier key), one per period, final once published.
import { openNote, parseVerifierKey } from '@writ/tlog';
import {
  ALL,
  ApproveCanaryDraft,
  ApproveReportDraft,
  DiscardCanaryDraft,
  DraftCanary,
  DraftReport,
  GetCanary,
  GetLogKey,
  ListCanaryDrafts,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { fixedDataSet, insertRequests } from './reports.fixtures';

let t: TestApp;
let adminA: TestStaff;
let adminB: TestStaff;

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  adminA = await createStaff(t, ['ADMIN'], 'admin-a');
  adminB = await createStaff(t, ['ADMIN'], 'admin-b');
  await insertRequests(t, adminA.id, fixedDataSet());
});

afterAll(async () => {
  await t?.close();
});

/** The statement's "Key: value" lines as a map: the form a program reads back. */
function fields(statement: string): Map<string, string> {
  expect(statement.endsWith('\n')).toBe(true);
  const lines = statement.trimEnd().split('\n');
  expect(lines[0]).toBe('Writ warrant canary');
  return new Map(lines.slice(1).map((line) => line.split(': ', 2) as [string, string]));
}

it("waits for the period's report, repeats its totals as printed, is published by a second admin and signed with the log key", async () => {
  expect((await callAs(t, GetCanary, {})).status).toBe(404);
  // The canary repeats the report's totals: before the report is published there is nothing to repeat.
  const early = await callAs(t, DraftCanary, { body: { period: '2026-H1' } }, adminA);
  expect([early.status, early.error.code]).toEqual([409, 'REPORT_NOT_PUBLISHED']);
  const reportDraft = await okAs(t, DraftReport, { body: { period: '2026-H1' } }, adminA);
  const report = await okAs(t, ApproveReportDraft, { params: { id: reportDraft.id } }, adminB);

  // A request that moves after the report was counted does not change the canary: it repeats the report, which
  // says NO_DATA 0; a recount now would say 1–9 and could make the rule withhold other cells.
  await t.db.query(`UPDATE request SET outcome = 'NO_DATA', status = 'NO_DATA' WHERE id = (
      SELECT id FROM request WHERE outcome = 'PENDING' AND received_at < '2026-07-01' LIMIT 1)`);
  const drafted = await callAs(t, DraftCanary, { body: { period: '2026-H1' } }, adminA);
  expect(drafted.status).toBe(201);
  expect(drafted.body).toMatchObject({ status: 'DRAFT', signedNote: null, expired: false, draftedBy: adminA.id });
  // Waiting for a second admin, with who drafted it: the list the portal's approver works from.
  const waiting = await okAs(t, ListCanaryDrafts, {}, adminB);
  expect(waiting.items).toEqual([drafted.body]);
  expect((await callAs(t, ListCanaryDrafts, {})).status).toBe(401);
  const statement = fields(drafted.body.statement);
  // The fixed data set's 40 requests: 1–9 disclosed, 10 rejected as invalid, 11 pending, none without data. The
  // report withholds the exact total (and two outcomes beside it) so that no band comes back by subtraction; the
  // canary prints the same cells, or it would give them back.
  expect(Object.fromEntries(statement)).toMatchObject({
    Period: '2026-H1 (2026-01-01/2026-06-30)',
    'Small-number threshold': '10',
    Report: `2026-H1 version 1, SHA-256 ${report.sha256}`,
    'Outcome DISCLOSED': '1–9',
    'Outcome NO_DATA': '0',
    'Message content disclosed': '0',
    'Backdoors or bulk access granted': 'none',
  });
  const total = report.document.rows.find((row) => row.country === ALL && row.legalProcess === ALL)!;
  expect(statement.get('Requests received')).toBe(String(total.requestsReceived));
  for (const [outcome, field] of [
    ['DISCLOSED', 'requestsWithDataDisclosed'],
    ['NO_DATA', 'noData'],
    ['REJECTED_NOT_COURT_ORDER', 'rejectedNotCourtOrder'],
    ['REJECTED_UNVERIFIED', 'rejectedUnverified'],
    ['REJECTED_INVALID', 'rejectedInvalid'],
    ['REJECTED_SCOPE', 'rejectedScope'],
    ['WITHDRAWN', 'withdrawn'],
    ['PENDING', 'pending'],
  ] as const) {
    expect([outcome, statement.get(`Outcome ${outcome}`)]).toEqual([outcome, String(total[field])]);
  }
  // Not a vacuous agreement: the exact total, 40, is in neither.
  expect(total.requestsReceived).toBe('≥10');
  expect([...statement.values()]).not.toContain('40');
  expect(statement.get('Expires')).toBe('2027-01-31T00:00:00.000Z');
  expect((await callAs(t, GetCanary, {})).status).toBe(404);

  const own = await callAs(t, ApproveCanaryDraft, { params: { id: drafted.body.id } }, adminA);
  expect(own.status).toBe(409);
  expect(own.error.code).toBe('FOUR_EYES_REQUIRED');

  const approved = await callAs(t, ApproveCanaryDraft, { params: { id: drafted.body.id } }, adminB);
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('PUBLISHED');
  expect((await okAs(t, ListCanaryDrafts, {}, adminB)).items).toEqual([]);

  const published = await okAs(t, GetCanary, {});
  expect(published).toMatchObject({ period: '2026-H1', expired: false, statement: drafted.body.statement });
  const key = await okAs(t, GetLogKey, {});
  const signedNote = published.signedNote!;
  const opened = openNote(signedNote, key.keys.map(parseVerifierKey));
  expect(opened.text).toBe(drafted.body.statement);
  expect(opened.verified).toHaveLength(1);
  // A changed statement no longer verifies.
  const forged = signedNote.replace('Outcome DISCLOSED: 1–9', 'Outcome DISCLOSED: 0');
  expect(() => openNote(forged, key.keys.map(parseVerifierKey))).toThrow();

  const { rows } = await t.db.query(
    `SELECT actor_id, details->>'signedNote' AS note FROM audit_event WHERE action = 'canary.published'`,
  );
  expect(rows).toEqual([{ actor_id: adminB.id, note: signedNote }]);
});

it('is one per period, refused for a period not over, and final once published', async () => {
  const again = await callAs(t, DraftCanary, { body: { period: '2026-H1' } }, adminB);
  expect(again.status).toBe(409);
  expect(again.error.code).toBe('ALREADY_EXISTS');
  const open = await callAs(t, DraftCanary, { body: { period: '2999-H2' } }, adminA);
  expect(open.error.code).toBe('REPORT_PERIOD_OPEN');
  const auditor = await createStaff(t, ['AUDITOR']);
  expect((await callAs(t, DraftCanary, { body: { period: '2026-Q3' } }, auditor)).status).toBe(403);
  expect((await callAs(t, ListCanaryDrafts, {}, auditor)).status).toBe(403);

  await expect(t.db.query(`UPDATE canary SET statement = 'x' WHERE period = '2026-H1'`)).rejects.toThrow(/published/);
  await expect(t.db.query(`DELETE FROM canary WHERE period = '2026-H1'`)).rejects.toThrow(/published/);
});

it('shows the latest period’s canary: a half-year’s published after the next quarter’s does not replace it', async () => {
  // 2026-Q3 ended after 2026-H1, and both canaries expire together (the next half-year's end and 30 days).
  const reportDraft = await okAs(t, DraftReport, { body: { period: '2026-Q3' } }, adminA);
  await okAs(t, ApproveReportDraft, { params: { id: reportDraft.id } }, adminB);
  // A mistaken draft does not hold its period: any admin discards it, with the reason kept for auditors only.
  const mistaken = await okAs(t, DraftCanary, { body: { period: '2026-Q3' } }, adminA);
  const reason = 'Drafted before the court clarified the gag orders (Frau Weber, legal)';
  const discarded = await callAs(t, DiscardCanaryDraft, { params: { id: mistaken.id }, body: { reason } }, adminB);
  expect(discarded.status).toBe(204);
  expect((await okAs(t, ListCanaryDrafts, {}, adminA)).items).toEqual([]);
  const events = await t.db.query<{ actor_id: string; period: string; reason: string; leaf: string }>(
    `SELECT actor_id, details->>'period' AS period, details->'personal'->'reason'->>'value' AS reason,
            convert_from(leaf, 'UTF8') AS leaf
       FROM audit_event WHERE action = 'canary.draft_discarded'`,
  );
  expect(events.rows).toHaveLength(1);
  expect(events.rows[0]).toMatchObject({ actor_id: adminB.id, period: '2026-Q3', reason });
  expect(events.rows[0]!.leaf).not.toContain('Weber');
  // Gone, so a second discard finds nothing; a published canary cannot be discarded at all.
  const again = await callAs(t, DiscardCanaryDraft, { params: { id: mistaken.id }, body: { reason } }, adminA);
  expect([again.status, again.error.code]).toEqual([404, 'NOT_FOUND']);
  const published = await t.db.query<{ id: string }>(`SELECT id FROM canary WHERE period = '2026-H1'`);
  const final = await callAs(
    t,
    DiscardCanaryDraft,
    { params: { id: published.rows[0]!.id }, body: { reason } },
    adminA,
  );
  expect(final.status).toBe(404);
  expect((await t.db.query(`SELECT 1 FROM canary WHERE period = '2026-H1'`)).rowCount).toBe(1);
  // Not for other roles.
  const auditor = await createStaff(t, ['AUDITOR']);
  const quarterAgain = await okAs(t, DraftCanary, { body: { period: '2026-Q3' } }, adminA);
  expect(
    (await callAs(t, DiscardCanaryDraft, { params: { id: quarterAgain.id }, body: { reason } }, auditor)).status,
  ).toBe(403);
  await okAs(t, DiscardCanaryDraft, { params: { id: quarterAgain.id }, body: { reason } }, adminA);

  const quarter = await okAs(t, DraftCanary, { body: { period: '2026-Q3' } }, adminA);
  await okAs(t, ApproveCanaryDraft, { params: { id: quarter.id } }, adminB);
  expect(await okAs(t, GetCanary, {})).toMatchObject({ period: '2026-Q3' });
  // Make the half-year's the one published last: it still must not stand for the present.
  await t.db.query(`ALTER TABLE canary DISABLE TRIGGER USER`);
  await t.db.query(`UPDATE canary SET published_at = now() + interval '1 minute' WHERE period = '2026-H1'`);
  await t.db.query(`ALTER TABLE canary ENABLE TRIGGER USER`);
  expect(await okAs(t, GetCanary, {})).toMatchObject({ period: '2026-Q3' });
});
