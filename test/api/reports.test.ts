// Transparency reports over HTTP on a real PostgreSQL: the aggregation against figures worked out by hand from a
// small fixed data set (reports.fixtures.ts), banding at its edges, periods' edges, totals before banding,
// corrections as new versions, and publishing with four eyes down to the database and the log.
import { createHash } from 'node:crypto';
import {
  ApproveReportDraft,
  DiscardReportDraft,
  DraftReport,
  GetReport,
  GetReportDraft,
  GetReportVersion,
  ListReportDrafts,
  ListReports,
  type ReportVersion,
  type RouteInput,
  type StaffRole,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { integrate } from '../support/log';
import { startTestApp, type TestApp } from '../support/test-app';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { fixedDataSet, insertRequests } from './reports.fixtures';

const B = '1–9'; // the band at the default threshold of 10
const W = '≥10'; // an exact count withheld so that no band can be worked out from it

const ZERO = {
  requestsReceived: 0,
  accountsSpecified: 0,
  accountsDisclosed: 0,
  requestsWithDataDisclosed: 0,
  rejectedNotCourtOrder: 0,
  rejectedUnverified: 0,
  rejectedInvalid: 0,
  rejectedScope: 0,
  noData: 0,
  withdrawn: 0,
  pending: 0,
  emergencyRequests: 0,
  ipAddressDisclosures: 0,
  phoneNumberDisclosures: 0,
  contentDisclosures: 0,
  gagOrdersInForce: 0,
  usersNotified: 0,
  shareWithDataDisclosed: null,
  medianHoursToAcknowledge: null,
  medianHoursToGiveEffect: null,
};

/** Whether a published cell is a true rendering of `count`: exact or withheld when 0 or ≥ 10, else the band. */
const shows = (cell: unknown, count: number) =>
  count >= 1 && count < 10 ? cell === B : cell === count || (cell === W && count >= 10);

const row = (country: string, legalProcess: string, figures: Record<string, unknown>) => ({
  country,
  legalProcess,
  ...ZERO,
  ...figures,
});

/**
 * Worked out by hand from fixedDataSet(): every count 1–9 banded (B). Which exact counts are withheld (W) is what
 * complementary suppression (packages/contracts/src/reports/publish/suppress.ts) chose; its property tests show that it is enough,
 * this table that the report prints it. Printed exactly, FR's 19 received over FR/COURT_ORDER's 10 would give FR/WARRANT's 9
 * back, and the 40 received over the 39 EU orders would give the one US request back.
 */
const EXPECTED_2026_H1 = [
  row('DE', 'COURT_ORDER', {
    requestsReceived: W,
    accountsSpecified: W,
    accountsDisclosed: B,
    requestsWithDataDisclosed: B,
    rejectedScope: B,
    ipAddressDisclosures: B,
    phoneNumberDisclosures: B,
    usersNotified: B,
    medianHoursToAcknowledge: 5.5,
    medianHoursToGiveEffect: 24,
  }),
  row('DE', 'ALL', {
    requestsReceived: W,
    accountsSpecified: W,
    accountsDisclosed: B,
    requestsWithDataDisclosed: B,
    rejectedScope: B,
    ipAddressDisclosures: B,
    phoneNumberDisclosures: B,
    usersNotified: B,
    medianHoursToAcknowledge: 5.5,
    medianHoursToGiveEffect: 24,
  }),
  row('ES', 'COURT_ORDER', { requestsReceived: B, accountsSpecified: B, rejectedInvalid: B }),
  row('ES', 'ALL', { requestsReceived: B, accountsSpecified: B, rejectedInvalid: B }),
  row('FR', 'COURT_ORDER', {
    requestsReceived: W,
    accountsSpecified: W,
    pending: W,
    emergencyRequests: W,
    gagOrdersInForce: W,
  }),
  row('FR', 'WARRANT', { requestsReceived: B, rejectedNotCourtOrder: B, gagOrdersInForce: B }),
  row('FR', 'ALL', {
    requestsReceived: W,
    accountsSpecified: W,
    rejectedNotCourtOrder: B,
    pending: W,
    emergencyRequests: W,
    gagOrdersInForce: W,
  }),
  row('IT', 'COURT_ORDER', { requestsReceived: B, accountsSpecified: B, rejectedInvalid: B }),
  row('IT', 'ALL', { requestsReceived: B, accountsSpecified: B, rejectedInvalid: B }),
  row('US', 'SUBPOENA', { requestsReceived: B, accountsSpecified: B, pending: B }),
  row('US', 'ALL', { requestsReceived: B, accountsSpecified: B, pending: B }),
  row('ALL', 'COURT_ORDER', {
    requestsReceived: W,
    accountsSpecified: W,
    accountsDisclosed: B,
    requestsWithDataDisclosed: B,
    rejectedInvalid: W,
    rejectedScope: B,
    pending: W,
    emergencyRequests: W,
    ipAddressDisclosures: B,
    phoneNumberDisclosures: B,
    gagOrdersInForce: W,
    usersNotified: B,
    medianHoursToAcknowledge: 5.5,
    medianHoursToGiveEffect: 24,
  }),
  row('ALL', 'SUBPOENA', { requestsReceived: B, accountsSpecified: B, pending: B }),
  row('ALL', 'WARRANT', { requestsReceived: B, rejectedNotCourtOrder: B, gagOrdersInForce: B }),
  row('ALL', 'ALL', {
    requestsReceived: W,
    accountsSpecified: W,
    accountsDisclosed: B,
    requestsWithDataDisclosed: B,
    rejectedNotCourtOrder: B,
    rejectedInvalid: W,
    rejectedScope: B,
    pending: W,
    emergencyRequests: W,
    ipAddressDisclosures: B,
    phoneNumberDisclosures: B,
    gagOrdersInForce: W,
    usersNotified: B,
    medianHoursToAcknowledge: 5.5,
    medianHoursToGiveEffect: 24,
  }),
];

let t: TestApp;
let adminA: TestStaff;
let adminB: TestStaff;
let requestIds: string[];

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  adminA = await createStaff(t, ['ADMIN'], 'admin-a');
  adminB = await createStaff(t, ['ADMIN'], 'admin-b');
  requestIds = await insertRequests(t, adminA.id, fixedDataSet());
});

afterAll(async () => {
  await t?.close();
});

async function draft(as: TestStaff, body: NonNullable<RouteInput<typeof DraftReport>['body']>) {
  return callAs(t, DraftReport, { body }, as);
}

async function publish(period: string, changelog?: { changes: string; reason: string }) {
  const drafted = await draft(adminA, changelog ? { period, changelog } : { period });
  expect(drafted.status).toBe(201);
  const approved = await callAs(t, ApproveReportDraft, { params: { id: drafted.body.id } }, adminB);
  expect(approved.status).toBe(200);
  return approved.body;
}

interface EventRow {
  actor_id: string | null;
  subject_id: string;
  details: Record<string, unknown>;
  leaf: string;
}

async function events(action: string): Promise<EventRow[]> {
  const { rows } = await t.db.query<EventRow>(
    `SELECT actor_id, subject_id, details, convert_from(leaf, 'UTF8') AS leaf FROM audit_event WHERE action = $1 ORDER BY id`,
    [action],
  );
  return rows;
}

async function reportRows(): Promise<number> {
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM report`);
  return rows[0].n as number;
}

describe('aggregation', () => {
  // A draft's DSA count runs on a second connection, beside the main count, so both cores work (draft-report.ts).
  it("counts on a second connection that sees the draft transaction's snapshot, not what was committed since", async () => {
    const prisma = t.app.get(PrismaService);
    const counted = await prisma.$transaction(
      async (tx) => {
        const [before] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM staff`;
        const [exported] = await tx.$queryRaw<{ snapshot: string }[]>`SELECT pg_export_snapshot() AS snapshot`;
        await createStaff(t, ['AUDITOR'], 'committed-meanwhile');
        const [seen] = await prisma.inSnapshot(
          exported!.snapshot,
          (sql) => sql<{ n: number }>`SELECT count(*)::int AS n FROM staff`,
        );
        const [now] = await prisma.sql<{ n: number }>`SELECT count(*)::int AS n FROM staff`;
        return { before: before!.n, seen: seen!.n, now: now!.n };
      },
      { isolationLevel: 'RepeatableRead' },
    );
    expect(counted).toEqual({ before: counted.before, seen: counted.before, now: counted.before + 1 });
    await expect(prisma.inSnapshot("1-1-1'; SELECT 1; --", async () => 0)).rejects.toThrow(/not an exported snapshot/);
  });

  let published: ReportVersion;

  beforeAll(async () => {
    published = await publish('2026-H1');
  });

  it('counts every cell and total as worked out by hand, banded at the threshold', () => {
    expect(published.document.threshold).toBe(10);
    expect(published.document.rows).toEqual(EXPECTED_2026_H1);
  });

  it('names the period by its days and breaks the EU orders down by DSA category', () => {
    const { document } = published;
    expect([document.period, document.granularity, document.periodStart, document.periodEnd]).toEqual([
      '2026-H1',
      'HALF_YEAR',
      '2026-01-01',
      '2026-06-30',
    ]);
    const dsa = (scope: string, category: string) =>
      document.dsa.find((r) => r.scope === scope && r.category === category)!;
    // US is not a Member State: 40 requests, 39 EU orders, withheld: 40 − 39 would be the one US request.
    expect(dsa('TOTAL', 'TOTAL')).toEqual({
      scope: 'TOTAL',
      category: 'TOTAL',
      orders: W,
      medianHoursToAcknowledge: 5.5,
      medianHoursToGiveEffect: 24,
    });
    expect(dsa('TOTAL', 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD').orders).toBe(W);
    expect(dsa('TOTAL', 'STATEMENT_CATEGORY_NOT_SPECIFIED_ORDER').orders).toBe(W);
    expect(dsa('FR', 'TOTAL').orders).toBe(W);
    // No median over fewer requests than the threshold: ES's 5 have none.
    expect(dsa('ES', 'TOTAL').medianHoursToAcknowledge).toBeNull();
    expect(dsa('ES', 'TOTAL').orders).toBe(B);
    expect(document.dsa.some((r) => r.scope === 'US')).toBe(false);
  });

  it('counts a request in the period it was received in, not the one it was answered in', async () => {
    const previous = await publish('2025-H2');
    // One request: banded, and its timings are not printed as medians (they would be that one request's).
    expect(previous.document.rows).toEqual([
      row('DE', 'COURT_ORDER', {
        requestsReceived: B,
        accountsSpecified: B,
        noData: B,
      }),
      row('DE', 'ALL', {
        requestsReceived: B,
        accountsSpecified: B,
        noData: B,
      }),
      row('ALL', 'COURT_ORDER', {
        requestsReceived: B,
        accountsSpecified: B,
        noData: B,
      }),
      row('ALL', 'ALL', {
        requestsReceived: B,
        accountsSpecified: B,
        noData: B,
      }),
    ]);
  });

  it('prints a period without requests as one row of zeros, and quarters too', async () => {
    const empty = await publish('2024-Q2');
    expect(empty.document.granularity).toBe('QUARTER');
    expect([empty.document.periodStart, empty.document.periodEnd]).toEqual(['2024-04-01', '2024-06-30']);
    expect(empty.document.rows).toEqual([row('ALL', 'ALL', {})]);
  });

  it('publishes a correction as a new version with its changelog; the old version stays as it was', async () => {
    // Version 1 once the log has sequenced it: final, so the API keeps it in memory. The correction below must still
    // replace it as the latest at once.
    await integrate(t);
    const before = await callAs(t, GetReport, { params: { period: '2026-H1' } });
    expect([before.body.version, typeof before.body.logIndex]).toEqual([1, 'number']);
    // One of FR's pending emergencies was refused after all: FR/COURT_ORDER pending 10 → 9, invalid 10 → 11.
    const frEmergency = requestIds[21]!;
    await t.db.query(`UPDATE request SET outcome = 'REJECTED_INVALID', status = 'REJECTED' WHERE id = $1`, [
      frEmergency,
    ]);

    const withoutChangelog = await draft(adminA, { period: '2026-H1' });
    expect(withoutChangelog.status).toBe(400);
    expect(withoutChangelog.error.code).toBe('CHANGELOG_REQUIRED');

    const changelog = { changes: 'One FR emergency request counted as refused.', reason: 'It was refused in June.' };
    const v2 = await publish('2026-H1', changelog);
    expect(v2.version).toBe(2);
    expect(v2.document.changelog).toEqual(changelog);
    expect(v2.document.previousSha256).toBe(published.sha256);
    const total = v2.document.rows.find((r) => r.country === 'ALL' && r.legalProcess === 'ALL')!;
    expect(shows(total.pending, 10) && shows(total.rejectedInvalid, 11) && shows(total.requestsReceived, 40)).toBe(
      true,
    );
    const fr = v2.document.rows.find((r) => r.country === 'FR' && r.legalProcess === 'COURT_ORDER')!;
    expect([fr.pending, fr.rejectedInvalid]).toEqual([B, B]);

    const latest = await callAs(t, GetReport, { params: { period: '2026-H1' } });
    expect(latest.body.version).toBe(2);
    const v1 = await callAs(t, GetReportVersion, { params: { period: '2026-H1', version: 1 } });
    expect(v1.status).toBe(200);
    expect(v1.body.sha256).toBe(published.sha256);
    expect(v1.body.document.rows).toEqual(EXPECTED_2026_H1);

    const list = await callAs(t, ListReports, {});
    const versions = list.body.items
      .filter((item) => item.period === '2026-H1')
      .map((item) => [item.version, item.changelog]);
    expect(versions).toEqual([
      [2, changelog],
      [1, null],
    ]);
  });
});

describe('publishing', () => {
  it('keeps a draft unpublished until a different admin approves it, and logs its hash', async () => {
    const drafted = await draft(adminA, { period: '2023-H1' });
    expect(drafted.status).toBe(201);
    expect(drafted.body.status).toBe('DRAFT');
    // Admins see who drafted it (the portal tells the drafter a second admin must approve); the public never does.
    expect(drafted.body.draftedBy).toBe(adminA.id);
    const opened = await okAs(t, GetReportDraft, { params: { id: drafted.body.id } }, adminB);
    expect(opened).toMatchObject({ id: drafted.body.id, draftedBy: adminA.id, canonical: drafted.body.canonical });
    expect((await callAs(t, GetReport, { params: { period: '2023-H1' } })).status).toBe(404);
    const [draftedEvent] = (await events('report.drafted')).filter((e) => e.subject_id === drafted.body.id);
    expect(draftedEvent!.details.sha256).toBe(drafted.body.sha256);

    const own = await callAs(t, ApproveReportDraft, { params: { id: drafted.body.id } }, adminA);
    expect(own.status).toBe(409);
    expect(own.error.code).toBe('FOUR_EYES_REQUIRED');
    expect((await callAs(t, GetReport, { params: { period: '2023-H1' } })).status).toBe(404);

    const approved = await callAs(t, ApproveReportDraft, { params: { id: drafted.body.id } }, adminB);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('PUBLISHED');
    // Published exactly as drafted.
    expect(approved.body.sha256).toBe(drafted.body.sha256);
    expect(approved.body.canonical).toBe(drafted.body.canonical);
    expect(approved.body).not.toHaveProperty('draftedBy');
    expect(await okAs(t, GetReport, { params: { period: '2023-H1' } })).not.toHaveProperty('draftedBy');
    expect(createHash('sha256').update(approved.body.canonical).digest('hex')).toBe(approved.body.sha256);

    const [event] = (await events('report.published')).filter((e) => e.subject_id === drafted.body.id);
    expect(event!.actor_id).toBe(adminB.id);
    // The public leaf carries the hash.
    expect(JSON.parse(event!.leaf).details).toMatchObject({
      period: '2023-H1',
      version: 1,
      sha256: approved.body.sha256,
    });

    // The report keeps its place in the log once the integrator has sequenced the event.
    expect(approved.body.logIndex).toBeNull();
    await integrate(t);
    const read = await okAs(t, GetReportVersion, { params: { period: '2023-H1', version: 1 } });
    const { rows } = await t.db.query(
      `SELECT convert_from(e.leaf, 'UTF8') AS leaf FROM log_entry l JOIN audit_event e ON e.id = l.event_id WHERE l.index = $1`,
      [read.logIndex],
    );
    expect(JSON.parse(rows[0].leaf)).toMatchObject({
      action: 'report.published',
      details: { sha256: approved.body.sha256 },
    });

    const again = await callAs(t, ApproveReportDraft, { params: { id: drafted.body.id } }, adminB);
    expect(again.status).toBe(404);
  });

  it('refuses a draft for a period that has not ended, a second draft, and non-admins', async () => {
    const open = await draft(adminA, { period: '2999-H1' });
    expect(open.status).toBe(409);
    expect(open.error.code).toBe('REPORT_PERIOD_OPEN');

    const before = await reportRows();
    for (const role of ['INTAKE', 'REVIEWER', 'APPROVER', 'AUDITOR'] as StaffRole[]) {
      const someone = await createStaff(t, [role]);
      expect((await draft(someone, { period: '2022-H1' })).status).toBe(403);
    }
    for (const period of ['2022-H3', '2022-Q5', '22-H1', '2022-h1', '']) {
      const bad = await draft(adminA, { period });
      expect(bad.status).toBe(400);
      expect(bad.error.code).toBe('VALIDATION_FAILED');
    }
    const withChangelog = await draft(adminA, { period: '2022-H1', changelog: { changes: 'x', reason: 'y' } });
    expect(withChangelog.status).toBe(400);
    expect(await reportRows()).toBe(before);

    const first = await draft(adminA, { period: '2022-H1' });
    const second = await draft(adminB, { period: '2022-H1' });
    expect(second.status).toBe(409);
    expect(second.error).toMatchObject({ code: 'REPORT_DRAFT_PENDING', details: { draftId: first.body.id } });
    const drafts = await okAs(t, ListReportDrafts, {}, adminB);
    expect(drafts.items.find((d) => d.id === first.body.id)).toMatchObject({
      period: '2022-H1',
      status: 'DRAFT',
      draftedBy: adminA.id,
    });
    expect((await callAs(t, ListReportDrafts, {})).status).toBe(401);

    const discarded = await callAs(
      t,
      DiscardReportDraft,
      { params: { id: first.body.id }, body: { reason: 'counted too early' } },
      adminA,
    );
    expect(discarded.status).toBe(204);
    expect((await events('report.draft_discarded')).map((e) => e.subject_id)).toContain(first.body.id);
    expect((await draft(adminB, { period: '2022-H1' })).status).toBe(201);
  });

  it('the database refuses changes to a published version, and an approval by the drafter', async () => {
    const published = await callAs(t, GetReport, { params: { period: '2023-H1' } });
    const id = published.body.id;
    await expect(t.db.query(`UPDATE report SET threshold = 5 WHERE id = $1`, [id])).rejects.toThrow(/published/);
    await expect(t.db.query(`DELETE FROM report WHERE id = $1`, [id])).rejects.toThrow(/published/);

    const drafted = await draft(adminA, { period: '2021-H2' });
    await expect(
      t.db.query(
        `UPDATE report SET status = 'PUBLISHED', approved_by_id = drafted_by_id, published_at = now(), audit_event_id = 1
         WHERE id = $1`,
        [drafted.body.id],
      ),
    ).rejects.toThrow(/report_four_eyes/);
    await expect(
      t.db.query(`UPDATE report SET document = '{}', sha256 = encode(sha256('{}'), 'hex') WHERE id = $1`, [
        drafted.body.id,
      ]),
    ).rejects.toThrow(/approved as drafted/);
    const unchanged = await callAs(t, GetReportVersion, { params: { period: '2023-H1', version: 1 } });
    expect(unchanged.body.sha256).toBe(published.body.sha256);
  });
});
