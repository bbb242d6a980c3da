// "Users to notify" (/staff/notify), in Chromium against the built portal and API: answered requests whose gag order
// has lapsed wait there until a reviewer records that the user was told; one whose gag order is still in force never
// shows. An auditor reads the list without the step, an intake clerk sees neither, and the API refuses both the step
// anyway. Requests are arranged through the API and put straight into DELIVERED (the lifecycle has its own tests).
import type { Page } from 'playwright-core';
import type pg from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import { createStaff, type TestStaff } from '../support/auth';
import { inspectScreen } from '../support/axe';
import { focusedName, tabTo } from '../support/keyboard';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { createAuthority, createRequest, forceStatus, validRequest } from '../api/requests.fixtures';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let intake: TestStaff;
let reviewer: PortalStaff;
let auditor: PortalStaff;
let clerk: PortalStaff;
let r: { context: BrowserContext; page: Page };
let a: { context: BrowserContext; page: Page };
const lapsed: string[] = [];
let gagged: string;
let stale: string[] = [];
/** The request the first test records as told; the refusals below use one still untold. */
let told: string;
const untold = () => lapsed.find((id) => id !== told)!;

/** The portal's page size; one more request than fits makes a second page. */
const PAGE_SIZE = 20;

/** Every request the notification queue would list now (the same predicate as the API's). */
const QUEUED = `status IN ('DELIVERED', 'CLOSED') AND user_notified_at IS NULL
  AND (has_ndo = false OR (ndo_ends_at IS NOT NULL AND ndo_ends_at <= now()))
  AND EXISTS (SELECT 1 FROM target t WHERE t.request_id = request.id)`;

/** A write through the portal's /api route with the page's own session and CSRF token, as a hand-made call would. */
function callAsPage(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      return response.status;
    },
    { method, path, body },
  );
}

const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

async function rowIds(page: Page): Promise<string[]> {
  return page
    .getByTestId('notify-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request-id') ?? ''));
}

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  const t = { url: apiUrl(''), db };
  intake = await createStaff(t, ['INTAKE'], 'notify-intake');
  [reviewer, auditor, clerk] = await Promise.all([
    createPortalStaff(db, ['REVIEWER'], 'Nora Reviewer'),
    createPortalStaff(db, ['AUDITOR'], 'Otto Auditor'),
    createPortalStaff(db, ['INTAKE'], 'Ivo Intake'),
  ]);
  // Other suites share this database: what they left answered and untold would be on the list too. Set aside for
  // this suite (marked told), and given back as it was afterwards.
  const { rows } = await db.query<{ id: string }>(
    `UPDATE request SET user_notified_at = now() WHERE ${QUEUED} RETURNING id`,
  );
  stale = rows.map((row) => row.id);
  const authorityId = await createAuthority(t, { name: 'Amtsgericht Notifyburg' });
  for (let i = 0; i < PAGE_SIZE + 1; i++) {
    const body = validRequest(authorityId, {
      dueAt: undefined,
      hasNdo: true,
      ndoEndsAt: '2026-03-01T00:00:00Z',
      caseNumber: `NTF ${i}/26`,
    });
    const created = await createRequest(t, intake, body);
    await forceStatus(t, created.id, 'DELIVERED');
    lapsed.push(created.id);
  }
  const inForce = await createRequest(t, intake, validRequest(authorityId, { dueAt: undefined, hasNdo: true }));
  await forceStatus(t, inForce.id, 'DELIVERED');
  gagged = inForce.id;
  r = await logInThroughPortal(browser, reviewer, portalUrl);
  a = await logInThroughPortal(browser, auditor, portalUrl);
}, 120_000);
afterAll(async () => {
  await db?.query(`UPDATE request SET user_notified_at = NULL WHERE id = ANY($1::uuid[])`, [stale]);
  // This suite's own requests must not stay on the list for a later suite.
  await db?.query(`UPDATE request SET user_notified_at = now() WHERE id = ANY($1::uuid[])`, [[...lapsed, gagged]]);
  await browser?.close();
  await db?.end();
});

describe('users to notify', () => {
  it('lists the lapsed requests in pages, without the one still gagged, and records a user told', async () => {
    const { page } = r;
    const errors = watchForErrors(page);
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Users to notify' }).click();
    await page.waitForURL(/\/staff\/notify$/);
    await page.getByRole('heading', { level: 1, name: 'Users to notify' }).waitFor();
    await page.getByTestId('notify-row').first().waitFor();
    const first = await rowIds(page);
    expect(first).toHaveLength(PAGE_SIZE);
    await expect(page.getByTestId('notify-queue').getByRole('row').nth(1).textContent()).resolves.toMatch(
      /Ended .*2026/,
    );
    await inspectScreen(page, 'notify-queue');

    await page.getByTestId('notify-next-page').click();
    await page.getByRole('heading', { name: /\(next page\)/ }).waitFor();
    const second = await rowIds(page);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second])).toEqual(new Set(lapsed));
    expect([...first, ...second]).not.toContain(gagged);
    await page.getByRole('link', { name: 'First page' }).click();
    await page.getByRole('heading', { name: `${PAGE_SIZE}+ requests to tell the user about` }).waitFor();

    // The step asks first, naming the request: opened from the keyboard, the question has the focus; cancelled,
    // the focus is back on the button and nothing was recorded.
    const target = first[0]!;
    told = target;
    const row = page.locator(`[data-request-id="${target}"]`);
    const reference = (await row.getByRole('link').textContent())!;
    const question = `Record that the user of ${reference} has been told? This cannot be undone.`;
    await row.getByRole('button', { name: `User told: ${reference}` }).focus();
    await page.keyboard.press('Enter');
    await row.getByRole('form', { name: question }).waitFor();
    await expect(focusedName(page)).resolves.toBe(question);
    await inspectScreen(page, 'notify-confirm');
    expect(await tabTo(page, 'Cancel', 3)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe(`User told: ${reference}`);
    const untouched = await db.query(`SELECT user_notified_at FROM request WHERE id = $1`, [target]);
    expect(untouched.rows[0].user_notified_at).toBeNull();

    // Confirmed: the row leaves the list, a message above it says which request was recorded and holds the focus,
    // and the database has the moment and the audit event.
    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: 'Yes, record it' }).click();
    const recorded = page.getByTestId('notify-recorded');
    await recorded.filter({ hasText: `Recorded that the user of request ${reference} was told.` }).waitFor();
    await expect(recorded.getAttribute('role')).resolves.toBe('status');
    await row.waitFor({ state: 'detached' });
    await expect(focusedName(page)).resolves.toBe(
      `Recorded that the user of request ${reference} was told. It has left this list.`,
    );
    await inspectScreen(page, 'notify-recorded');
    const { rows } = await db.query(`SELECT user_notified_at FROM request WHERE id = $1`, [target]);
    expect(rows[0].user_notified_at).toBeInstanceOf(Date);
    const events = await db.query(
      `SELECT actor_id FROM audit_event WHERE subject_id = $1 AND action = 'request.user_notified'`,
      [target],
    );
    expect(events.rows.map((e) => e.actor_id)).toEqual([reviewer.id]);
    // All the rest now fit on one page.
    await page.getByRole('heading', { name: `${PAGE_SIZE} requests to tell the user about` }).waitFor();
    expect(await page.getByTestId('notify-next-page').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows an auditor the list without the step; the API refuses the step anyway', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Users to notify' }).click();
    await page.getByTestId('notify-row').first().waitFor();
    expect(await page.getByRole('button', { name: /User told/ }).count()).toBe(0);
    expect(await callAsPage(page, 'POST', `/requests/${untold()}/user-notified`, {})).toBe(403);
    const { rows } = await db.query(`SELECT user_notified_at FROM request WHERE id = $1`, [untold()]);
    expect(rows[0].user_notified_at).toBeNull();
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows an intake clerk neither the page nor the step, and the API refuses both', async () => {
    const { page, context } = await logInThroughPortal(browser, clerk, portalUrl);
    const errors = watchForErrors(page, refusalsLogged);
    const menu = await page.getByTestId('staff-nav').getByRole('link').allTextContents();
    expect(menu).not.toContain('Users to notify');
    await page.goto(portalUrl('/staff/notify'));
    await expect(page.getByTestId('needs-role').textContent()).resolves.toMatch(
      /This page needs one of the roles REVIEWER, AUDITOR/,
    );
    expect(await page.getByTestId('notify-queue').count()).toBe(0);
    const listed = await page.evaluate(async () => (await fetch('/api/requests/notification-queue')).status);
    expect(listed).toBe(403);
    expect(await callAsPage(page, 'POST', `/requests/${untold()}/user-notified`, {})).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('says so when nobody is left to notify', async () => {
    const { page } = r;
    // Arrangement: all but one told straight in the database; the last one through the page.
    const remaining = await rowIds(page);
    await db.query(`UPDATE request SET user_notified_at = now() WHERE id = ANY($1::uuid[])`, [remaining.slice(1)]);
    await page.reload();
    expect(await rowIds(page)).toEqual([remaining[0]]);
    await page.getByRole('button', { name: /User told/ }).click();
    await page.getByRole('button', { name: 'Yes, record it' }).click();
    await page.getByTestId('notify-empty').filter({ hasText: 'Every user who may be told has been told' }).waitFor();
    // The message stays above the empty list, so the last one recorded is still said.
    await page.getByTestId('notify-recorded').filter({ hasText: 'was told' }).waitFor();
    await inspectScreen(page, 'notify-empty');
    // The gagged one is still untold: the list is empty because its gag order holds, not because it was told.
    const { rows } = await db.query(`SELECT user_notified_at FROM request WHERE id = $1`, [gagged]);
    expect(rows[0].user_notified_at).toBeNull();
  }, 60_000);
});
