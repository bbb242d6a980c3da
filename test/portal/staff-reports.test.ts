// Publishing transparency reports and the warrant canary from the browser (/staff/reports, /staff/canary), with two
// admins logged in through the portal: one drafts a period through the form (errors beside the field, a busy state
// while it counts), sees no approve button on their own draft and is refused by the API anyway; the other approves
// through a confirmation naming the period and version, and the public page then shows what they approved. A
// correction shows what it changes and is discarded with a reason; the period's canary goes the same way onto
// /canary. A reviewer sees none of it and is refused by the API.
//
// Reports and canaries are global and final: the other portal suites read the latest report (the seed's last ended
// quarter, which stays the latest: a half-year sorts before a quarter of the same year) and the latest canary (any
// current one). This suite uses the last ended half-year, which no other suite uses, with requests of its own from
// countries the seed has none in; the correction it drafts is discarded, so what it leaves published is version 1.
import { ALL, endedPeriods, parsePeriod, type ReportDraft, type ReportVersion } from '@writ/contracts';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { insertRequests } from '../api/reports.fixtures';
import { inspectScreen, screenshot } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { focusedName, tabTo } from '../support/keyboard';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { apiUrl, openDatabase } from './log-api';

const [HALF_YEAR] = endedPeriods(new Date(), { halfYears: 1, quarters: 0 });
const PERIOD = HALF_YEAR!.id;
/** The middle of the period: requests received then count in it whatever today's date. */
const MIDDLE = new Date((HALF_YEAR!.start.getTime() + HALF_YEAR!.end.getTime()) / 2).toISOString();

let browser: Browser;
let db: pg.Pool;
let adminA: PortalStaff;
let adminB: PortalStaff;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

/** Chromium logs every 4xx answer as a failed load; the refusals provoked here are judged on the page. */
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

/** A call to the API with the logged-in person's session and CSRF token, as any client could make it. */
async function callApi(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body },
  );
}

const errorCode = (answer: { body: unknown }) => (answer.body as { error?: { code?: string } }).error?.code;
const shown = (value: number | string) => (typeof value === 'number' ? value.toLocaleString('en') : value);

async function reportRows(period: string): Promise<{ id: string; version: number; status: string }[]> {
  const { rows } = await db.query(
    `SELECT id, version, status::text AS status, approved_by_id FROM report WHERE period = $1 ORDER BY version`,
    [period],
  );
  return rows;
}

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  // Nothing of this period may be there yet: the suite would not be testing what it says.
  const { rows } = await db.query(
    `SELECT 'report' AS what FROM report WHERE period = $1 UNION ALL SELECT 'canary' FROM canary WHERE period = $1`,
    [PERIOD],
  );
  if (rows.length > 0) throw new Error(`${PERIOD} already has a ${rows[0].what}: another suite uses this period`);
  [adminA, adminB] = await Promise.all([
    createPortalStaff(db, ['ADMIN'], 'Ada Drafter'),
    createPortalStaff(db, ['ADMIN'], 'Bo Approver'),
  ]);
  // Twelve Swedish court orders in the period: exact figures (at least the threshold), in a country of their own.
  await insertRequests(
    { db },
    adminA.id,
    Array.from({ length: 12 }, () => ({
      country: 'SE',
      legalProcess: 'COURT_ORDER',
      outcome: 'NO_DATA',
      receivedAt: MIDDLE,
    })),
  );
  a = await logInThroughPortal(browser, adminA, portalUrl);
  b = await logInThroughPortal(browser, adminB, portalUrl);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await db?.end();
});

let draftId: string;
let figuresSeen: string;

// In order: each step works on what the one before it published or left waiting.
describe('transparency reports (/staff/reports)', () => {
  it('admin A drafts the period through the form: errors beside the field, busy while counting, and no approve button on their own draft', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff'));
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Transparency reports' }).click();
    await page.waitForURL(/\/staff\/reports$/);
    await page.getByRole('heading', { level: 1, name: 'Transparency reports' }).waitFor();
    // No other suite leaves a draft behind: the empty state says what to do.
    await expect(page.getByTestId('no-drafts').textContent()).resolves.toMatch(/^No draft is waiting for approval\./);
    await inspectScreen(page, 'staff-reports');

    // Nothing chosen: said beside the field, which gets the focus and names the message as its description.
    const form = page.getByTestId('draft-report-form');
    await form.getByRole('button', { name: 'Count and draft' }).click();
    await expect(form.getByTestId('draft-period-error').textContent()).resolves.toBe('Choose the period to report on.');
    await expect(focusedName(page)).resolves.toBe('Period');
    const select = form.getByLabel('Period');
    await expect(select.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(select.getAttribute('aria-describedby')).resolves.toContain('draft-period-error');
    // A choice of periods that have ended, each saying what is there for it; the newest half-year among them.
    await expect(select.locator(`option[value="${PERIOD}"]`).textContent()).resolves.toMatch(
      new RegExp(`^${PERIOD} \\(\\d{4}-\\d\\d-01 to \\d{4}-\\d\\d-\\d\\d\\)$`),
    );
    await select.selectOption(PERIOD);
    await expect(form.getByTestId('draft-period-error').count()).resolves.toBe(0);

    // While the API counts (held here by a lock on the reports, so it takes as long as a big period), the form
    // says so and cannot be sent twice.
    const lock = await db.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE report IN ACCESS EXCLUSIVE MODE');
      await form.getByRole('button', { name: 'Count and draft' }).click();
      await form
        .getByTestId('draft-counting')
        .filter({ hasText: `Counting the requests received in ${PERIOD}.` })
        .waitFor();
      await expect(form.getByRole('button', { name: 'Counting…' }).isDisabled()).resolves.toBe(true);
      await expect(select.isDisabled()).resolves.toBe(true);
      await screenshot(page, 'staff-reports-counting');
      await lock.query('COMMIT');
    } finally {
      lock.release();
    }
    await page.waitForURL(/\/staff\/reports\/drafts\/[0-9a-f-]{36}\?drafted=1$/);
    draftId = /drafts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 1, name: `Draft: ${PERIOD} report, version 1` }).waitFor();
    await expect(page.getByTestId('draft-made').textContent()).resolves.toMatch(
      /Nothing is published until a second admin/,
    );
    await expect(page.getByTestId('drafted-by').textContent()).resolves.toBe(
      `${adminA.displayName} (${adminA.email}), you`,
    );
    // Four eyes: the drafter is told, and offered no approval.
    await expect(page.getByTestId('own-draft').textContent()).resolves.toMatch(
      /^You drafted this report\. A second admin must approve it before it is published/,
    );
    await expect(page.getByRole('button', { name: /Approve/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Discard…' }).count()).resolves.toBe(1);
    // The figures are the report's own table; the Swedish orders are in it.
    const sweden = page.getByTestId('report-row').filter({ hasText: 'Sweden (SE)' }).first();
    await expect(sweden.locator('[data-field="requestsReceived"]').textContent()).resolves.toBe('12');
    await expect(page.getByTestId('content-disclosed').textContent()).resolves.toBe('Message content disclosed: 0');
    await inspectScreen(page, 'staff-report-draft-own');

    // The API refuses the drafter's approval anyway, and nothing is published.
    const own = await callApi(page, 'POST', `/reports/drafts/${draftId}/approve`);
    expect([own.status, errorCode(own)]).toEqual([409, 'FOUR_EYES_REQUIRED']);
    expect((await reportRows(PERIOD)).map((row) => row.status)).toEqual(['DRAFT']);
    expect((await fetch(apiUrl(`/reports/${PERIOD}`))).status).toBe(404);

    // Listed as waiting, with who drafted it; a second draft of the period is refused beside the field.
    await page.goto(portalUrl('/staff/reports'));
    const row = page.locator(`[data-testid="report-draft"][data-period="${PERIOD}"]`);
    await expect(row.textContent()).resolves.toContain(`${adminA.displayName} (${adminA.email}), you`);
    await select.selectOption(PERIOD);
    await expect(select.locator(`option[value="${PERIOD}"]`).textContent()).resolves.toMatch(/ · draft waiting$/);
    await expect(page.getByTestId('draft-waiting-hint').textContent()).resolves.toMatch(/already waiting: open it/);
    await form.getByRole('button', { name: 'Count and draft' }).click();
    const refusal = form.getByTestId('draft-period-error');
    await refusal.filter({ hasText: 'already waits for approval' }).waitFor();
    await expect(refusal.getByRole('link', { name: 'Open the waiting draft' }).getAttribute('href')).resolves.toBe(
      `/staff/reports/drafts/${draftId}`,
    );
    await expect(page.getByTestId('draft-waiting-hint').count()).resolves.toBe(0);
    expect(await refusal.textContent()).not.toMatch(/\/reports|POST|REPORT_DRAFT_PENDING/);
    await inspectScreen(page, 'staff-reports-draft-waiting');
    expect(await reportRows(PERIOD)).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 120_000);

  it('admin B approves it by keyboard through a confirmation naming the period and version; the public page then shows what B saw', async () => {
    const { page } = b;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff/reports'));
    const row = page.locator(`[data-testid="report-draft"][data-period="${PERIOD}"]`);
    await expect(row.textContent()).resolves.toContain(`${adminA.displayName} (${adminA.email})`);
    await row.getByRole('link', { name: `Review ${PERIOD}, version 1` }).click();
    await page.getByRole('heading', { level: 1, name: `Draft: ${PERIOD} report, version 1` }).waitFor();
    await expect(page.getByTestId('own-draft').count()).resolves.toBe(0);
    figuresSeen = (await page.getByTestId('report-table').textContent())!;

    // Enter on the button asks first: the focus goes to the question (not to the button that publishes), which
    // names the period and the version; "Not yet" hands the focus back and publishes nothing.
    expect(await tabTo(page, 'Approve and publish…', 60)).toBe('Approve and publish…');
    await page.keyboard.press('Enter');
    const question = await focusedName(page);
    expect(question).toMatch(
      new RegExp(`^Publish the ${PERIOD} transparency report, version 1, as shown below\\? .*can never be changed`),
    );
    await inspectScreen(page, 'staff-report-draft-approve');
    expect(await tabTo(page, 'Not yet', 3)).toBe('Not yet');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Approve and publish…');
    expect((await fetch(apiUrl(`/reports/${PERIOD}`))).status).toBe(404);

    await page.keyboard.press('Enter');
    expect(await tabTo(page, `Yes, publish ${PERIOD} version 1`, 3)).toBe(`Yes, publish ${PERIOD} version 1`);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/staff/reports\\?published=${PERIOD}&version=1$`));
    const notice = page.getByTestId('report-notice');
    await expect(notice.textContent()).resolves.toBe(
      `Published: the ${PERIOD} transparency report, version 1. Everyone can read it now on the public ${PERIOD} report page.`,
    );
    expect(await reportRows(PERIOD)).toEqual([
      expect.objectContaining({ id: draftId, version: 1, status: 'PUBLISHED', approved_by_id: adminB.id }),
    ]);
    const published = page.locator(`[data-testid="published-report"][data-period="${PERIOD}"]`);
    await expect(published.getByRole('link', { name: `${PERIOD}, version 1` }).getAttribute('href')).resolves.toBe(
      `/reports/${PERIOD}`,
    );

    await notice.getByRole('link', { name: `public ${PERIOD} report page` }).click();
    await page.waitForURL(new RegExp(`/reports/${PERIOD}$`));
    await page.getByRole('heading', { level: 1, name: `Transparency report ${PERIOD}` }).waitFor();
    // The public reads exactly the figures B approved, as the API publishes them.
    await expect(page.getByTestId('report-table').textContent()).resolves.toBe(figuresSeen);
    const report = (await (await fetch(apiUrl(`/reports/${PERIOD}`))).json()) as ReportVersion;
    expect([report.id, report.version]).toEqual([draftId, 1]);
    const total = report.document.rows.find((r) => r.country === ALL && r.legalProcess === ALL)!;
    const totalRow = page
      .getByTestId('report-row')
      .filter({ hasText: 'All countries' })
      .filter({ hasText: 'All legal processes' });
    await expect(totalRow.locator('[data-field="requestsReceived"]').textContent()).resolves.toBe(
      shown(total.requestsReceived),
    );
    await expect(page.getByTestId('report-version').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a correction shows which figures it changes against the published version, and is discarded with a reason', async () => {
    // Ten Portuguese warrants turn up in the period after it was published.
    await insertRequests(
      { db },
      adminA.id,
      Array.from({ length: 10 }, () => ({
        country: 'PT',
        legalProcess: 'WARRANT',
        outcome: 'WITHDRAWN',
        receivedAt: MIDDLE,
      })),
    );
    const { page } = a;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff/reports'));
    const form = page.getByTestId('draft-report-form');
    await form.getByLabel('Period').selectOption(PERIOD);
    // Published already: the draft is a correction, which must say what changed and why.
    const correction = form.getByTestId('correction-fields');
    await expect(correction.locator('legend').textContent()).resolves.toBe('Correction of version 1');
    await form.getByRole('button', { name: 'Count and draft' }).click();
    await expect(form.getByTestId('draft-changes-error').textContent()).resolves.toMatch(
      /^Say what this version changes/,
    );
    await expect(form.getByTestId('draft-reason-error').textContent()).resolves.toMatch(/^Say why it is corrected/);
    await expect(focusedName(page)).resolves.toBe('What changed');
    await form.getByLabel('What changed').fill('Ten warrants from Portugal, logged late, are now counted.');
    await form.getByLabel('Why').fill('They were received in the period but entered after the report was counted.');
    await form.getByRole('button', { name: 'Count and draft' }).click();
    await page.getByRole('heading', { level: 1, name: `Draft: ${PERIOD} report, version 2` }).waitFor();
    const id = /drafts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    expect(errors).toEqual([]);

    const reviewer = b.page;
    const reviewerErrors = watchForErrors(reviewer);
    await reviewer.goto(portalUrl(`/staff/reports/drafts/${id}`));
    const draft = (await callApi(reviewer, 'GET', `/reports/drafts/${id}`)).body as ReportDraft;
    const portugal = draft.document.rows.find((r) => r.country === 'PT' && r.legalProcess === 'WARRANT')!;
    const changes = reviewer.getByTestId('figure-change');
    const received = changes.filter({ hasText: 'Portugal (PT), warrant' }).filter({ hasText: 'Requests received' });
    await expect(received.locator('td').allTextContents()).resolves.toEqual([
      'Portugal (PT), warrant',
      '0',
      shown(portugal.requestsReceived),
    ]);
    // Only what differs is listed: Sweden's twelve are the same in both.
    await expect(changes.filter({ hasText: 'Sweden (SE)' }).count()).resolves.toBe(0);
    await expect(reviewer.getByTestId('draft-facts').textContent()).resolves.toContain(
      'Ten warrants from Portugal, logged late, are now counted.',
    );
    await inspectScreen(reviewer, 'staff-report-correction');

    // Discarded, with a reason the audit log keeps; nothing is published and version 1 stays as it was.
    await reviewer.getByRole('button', { name: 'Discard…' }).click();
    await expect(focusedName(reviewer)).resolves.toBe('Why (kept in the audit log)');
    await reviewer.getByRole('button', { name: 'Yes, discard it' }).click();
    await reviewer.getByText('Give a reason: the audit log keeps it.').waitFor();
    await reviewer.getByLabel('Why (kept in the audit log)').fill('Portugal’s late warrants are not confirmed yet.');
    await reviewer.getByRole('button', { name: 'Yes, discard it' }).click();
    await reviewer.waitForURL(new RegExp(`/staff/reports\\?discarded=${PERIOD}&version=2$`));
    await expect(reviewer.getByTestId('report-notice').textContent()).resolves.toBe(
      `Discarded the draft of ${PERIOD}, version 2. Nothing was published.`,
    );
    expect((await reportRows(PERIOD)).map((row) => [row.version, row.status])).toEqual([[1, 'PUBLISHED']]);
    const { rows } = await db.query(
      `SELECT actor_id FROM audit_event WHERE action = 'report.draft_discarded' AND subject_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ actor_id: adminB.id }]);
    const latest = (await (await fetch(apiUrl(`/reports/${PERIOD}`))).json()) as ReportVersion;
    expect(latest.version).toBe(1);
    expect(reviewerErrors).toEqual([]);
  }, 120_000);
});

describe('the warrant canary (/staff/canary)', () => {
  it('admin A drafts the period’s canary, cannot approve it, and admin B’s approval puts it on /canary', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff'));
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Warrant canary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Warrant canary' }).waitFor();
    await expect(page.getByTestId('no-canary-drafts').textContent()).resolves.toMatch(
      /^No canary is waiting for approval\./,
    );
    const form = page.getByTestId('draft-canary-form');
    await form.getByRole('button', { name: 'Draft the canary' }).click();
    await expect(form.getByTestId('canary-period-error').textContent()).resolves.toBe(
      'Choose the period the canary speaks for.',
    );
    await expect(focusedName(page)).resolves.toBe('Period');
    await expect(form.locator(`option[value="${PERIOD}"]`).textContent()).resolves.toMatch(/-\d\d\)$/);
    await form.getByLabel('Period').selectOption(PERIOD);
    await form.getByRole('button', { name: 'Draft the canary' }).click();
    await form
      .getByTestId('canary-drafted')
      .filter({ hasText: `Drafted the canary for ${PERIOD}` })
      .waitFor();
    const waiting = page.locator(`[data-testid="canary-draft"][data-period="${PERIOD}"]`);
    await waiting.waitFor();
    await expect(waiting.locator('pre').textContent()).resolves.toMatch(
      new RegExp(`^Writ warrant canary\\n[\\s\\S]*Period: ${PERIOD} [\\s\\S]*Message content disclosed: 0\\n`),
    );
    await expect(waiting.getByTestId('own-canary').textContent()).resolves.toMatch(/^You drafted this canary\./);
    // The drafter may not approve, only discard.
    await expect(waiting.getByRole('button').allTextContents()).resolves.toEqual(['Discard…']);
    await inspectScreen(page, 'staff-canary-own');

    // A mistaken draft does not hold the period: discarded with a reason, after a confirmation, then drafted again.
    await waiting.getByRole('button', { name: `Discard the canary draft for ${PERIOD}…` }).click();
    await waiting.getByLabel('Why (kept in the audit log)').fill('Drafted from the wrong report version');
    await waiting.getByRole('button', { name: 'Yes, discard it' }).click();
    await page.getByTestId('no-canary-drafts').waitFor();
    const gone = await db.query(`SELECT 1 FROM canary WHERE period = $1`, [PERIOD]);
    expect(gone.rowCount).toBe(0);
    const discarded = await db.query<{ reason: string }>(
      `SELECT details->'personal'->'reason'->>'value' AS reason FROM audit_event
        WHERE action = 'canary.draft_discarded' AND details->>'period' = $1`,
      [PERIOD],
    );
    expect(discarded.rows).toEqual([{ reason: 'Drafted from the wrong report version' }]);
    await form.getByLabel('Period').selectOption(PERIOD);
    await form.getByRole('button', { name: 'Draft the canary' }).click();
    await waiting.waitFor();

    const drafts = (await callApi(page, 'GET', '/canary/drafts')).body as { items: { id: string; period: string }[] };
    const canary = drafts.items.find((item) => item.period === PERIOD)!;
    const own = await callApi(page, 'POST', `/canary/drafts/${canary.id}/approve`);
    expect([own.status, errorCode(own)]).toEqual([409, 'FOUR_EYES_REQUIRED']);
    expect(errors).toEqual([]);

    const approver = b.page;
    const approverErrors = watchForErrors(approver);
    await approver.goto(portalUrl('/staff/canary'));
    const card = approver.locator(`[data-testid="canary-draft"][data-period="${PERIOD}"]`);
    await expect(card.textContent()).resolves.toContain(`${adminA.displayName} (${adminA.email})`);
    await card.getByRole('button', { name: `Approve and publish the canary for ${PERIOD}…` }).click();
    await expect(focusedName(approver)).resolves.toMatch(
      new RegExp(`^Sign the warrant canary for ${PERIOD} with the log key and publish it\\?`),
    );
    await inspectScreen(approver, 'staff-canary-approve');
    await card.getByRole('button', { name: `Yes, publish the ${PERIOD} canary` }).click();
    await approver.waitForURL(new RegExp(`/staff/canary\\?published=${PERIOD}$`));
    // The public page shows the latest period's canary: this one, unless one of a later period is published (the
    // demo seed's last quarter can be), which the notice then names.
    const latest = await db.query<{ period: string }>(`SELECT period FROM canary WHERE status = 'PUBLISHED'`);
    const shown = latest.rows
      .map((row) => row.period)
      .reduce((best, next) => (parsePeriod(next)!.end > parsePeriod(best)!.end ? next : best), PERIOD);
    await expect(approver.getByTestId('canary-period').textContent()).resolves.toMatch(new RegExp(`^${shown} `));
    await expect(approver.getByTestId('canary-notice').textContent()).resolves.toMatch(
      shown === PERIOD
        ? /Everyone sees it now/
        : new RegExp(`goes on showing the canary of a later period, ${shown}\\.`),
    );
    await expect(approver.getByTestId('no-canary-drafts').count()).resolves.toBe(1);
    const notice = approver.getByTestId('canary-notice');
    await notice.getByRole('link', { name: 'public warrant canary page' }).click();
    await approver.waitForURL(/\/canary$/);
    await approver.getByRole('heading', { level: 2, name: `Statement for ${shown}` }).waitFor();
    const signed = (await (await fetch(apiUrl('/canary'))).json()) as { period: string; signedNote: string };
    expect(signed.period).toBe(shown);
    await expect(approver.getByTestId('canary-note').textContent()).resolves.toBe(signed.signedNote);
    expect(signed.signedNote).toContain(`Period: ${shown} `);
    const { rows } = await db.query(`SELECT status::text, approved_by_id FROM canary WHERE period = $1`, [PERIOD]);
    expect(rows).toEqual([{ status: 'PUBLISHED', approved_by_id: adminB.id }]);
    expect(approverErrors).toEqual([]);
  }, 120_000);
});

describe('without the ADMIN role', () => {
  it('a reviewer sees neither the menu entries nor the pages, and the API refuses them', async () => {
    const reviewer = await createPortalStaff(db, ['REVIEWER'], 'Rui Reviewer');
    const { page, context } = await logInThroughPortal(browser, reviewer, portalUrl);
    const errors = watchForErrors(page, refusalsLogged);
    const menu = await page.getByTestId('staff-nav').getByRole('link').allTextContents();
    expect(menu).not.toContain('Transparency reports');
    expect(menu).not.toContain('Warrant canary');
    for (const path of ['/staff/reports', '/staff/canary', `/staff/reports/drafts/${draftId}`]) {
      await page.goto(portalUrl(path));
      await expect(page.getByTestId('needs-role').textContent()).resolves.toMatch(/^This page needs the role ADMIN\./);
      await expect(page.getByTestId('draft-report-form').count()).resolves.toBe(0);
    }
    const before = (await reportRows(PERIOD)).length;
    for (const [method, path, body] of [
      ['GET', '/reports/drafts', undefined],
      ['POST', '/reports/drafts', { period: PERIOD }],
      ['GET', `/reports/drafts/${draftId}`, undefined],
      ['GET', '/canary/drafts', undefined],
      ['POST', '/canary/drafts', { period: PERIOD }],
    ] as const) {
      await expect(callApi(page, method, path, body)).resolves.toMatchObject({ status: 403 });
    }
    expect(await reportRows(PERIOD)).toHaveLength(before);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
