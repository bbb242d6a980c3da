// The auditor's area (/staff/audit), driven through the real portal in Chromium. A clerk logs a request and
// acknowledges it, a reviewer starts the review and rejects it (each through the portal's own /api route, with
// their session and CSRF token; the reviewer's first step through the request page's button), and then an auditor
// finds every one of those steps in the explorer, opens one, sees its inclusion proof verified in the browser,
// exports the search as CSV, and checks two checkpoints for consistency. A reviewer sees neither the menu entry
// nor the page, and the API refuses them anyway. Every screen is checked with axe-core and photographed at 1280
// and 360 px into test-results/screens/.
import type { StaffRole } from '@writ/contracts';
import { generate } from 'otplib';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, waitForCheck, watchForErrors } from '../support/browser';
import { createPortalStaff, type PortalStaff } from '../support/portal-staff';
import { openDatabase, waitForSignedSize, signedSize } from './log-api';

let browser: Browser;
let db: pg.Pool;

async function logIn(who: PortalStaff): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portalUrl('/staff/login'));
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/Code from your authenticator/).fill(await generate({ secret: who.totpSecret }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/staff$/);
  return { context, page };
}

/** A call through the portal's /api route with the page's session and CSRF token; the status and JSON body. */
async function callAsPage(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, ...call.headers },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
    },
    { method, path, body, headers },
  );
}

const person = (roles: StaffRole[], name: string) => createPortalStaff(db, roles, name);
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

let clerk: PortalStaff;
let reviewer: PortalStaff;
let auditor: PortalStaff;
let c: { context: BrowserContext; page: Page };
let r: { context: BrowserContext; page: Page };
let a: { context: BrowserContext; page: Page };
let requestId: string;
/** The steps taken on the request, as audit actions, in order. */
const steps = ['request.created', 'request.acknowledged', 'request.transitioned', 'request.transitioned'];

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  [clerk, reviewer, auditor] = await Promise.all([
    person(['INTAKE'], 'Ivo Intake'),
    person(['REVIEWER'], 'Rhea Reviewer'),
    person(['AUDITOR'], 'Abe Auditor'),
  ]);
  c = await logIn(clerk);
  r = await logIn(reviewer);
  a = await logIn(auditor);
}, 60_000);
afterAll(async () => {
  await browser.close();
  await db.end();
});

describe('the auditor explorer', () => {
  it('a request goes through intake, acknowledgement, review and rejection by two people', async () => {
    const authority = (await db.query<{ id: string }>("SELECT id FROM authority WHERE status = 'ACTIVE' LIMIT 1"))
      .rows[0]!.id;
    const created = await callAsPage(
      c.page,
      'POST',
      '/requests',
      {
        type: 'RECORDS',
        legalProcess: 'SUBPOENA',
        authorityId: authority,
        caseNumber: `AUD ${Date.now()}`,
        hasNdo: false,
        targets: [{ selectorType: 'USERNAME', value: 'audit_trail_user', role: 'SUSPECT' }],
        categories: [{ category: 'IP_ADDRESS' }],
      },
      { 'idempotency-key': `audit-e2e-${Date.now()}` },
    );
    expect(created.status).toBe(201);
    requestId = created.body.id as string;
    expect((await callAsPage(c.page, 'POST', `/requests/${requestId}/acknowledge`, {})).status).toBe(200);

    // The reviewer's first step through the request page, as a person would take it.
    await r.page.goto(portalUrl(`/staff/requests/${requestId}`));
    const actions = r.page.getByTestId('lifecycle-actions');
    await actions.getByRole('button', { name: 'Start review…' }).click();
    await actions.getByRole('button', { name: 'Start review', exact: true }).click();
    await r.page.getByTestId('timeline').getByText('Received → In review').waitFor();
    const version = (await db.query<{ version: number }>('SELECT version FROM request WHERE id = $1', [requestId]))
      .rows[0]!.version;
    const rejected = await callAsPage(r.page, 'POST', `/requests/${requestId}/transitions`, {
      to: 'REJECTED',
      version,
      reason: 'A subpoena cannot compel this data.',
      reasonCode: 'NOT_COURT_ORDER',
    });
    expect(rejected.status).toBe(200);
  }, 60_000);

  it('shows a reviewer neither the explorer nor its events, and the API refuses them anyway', async () => {
    const { page } = r;
    const errors = watchForErrors(page, refusalsLogged);
    await expect(page.getByTestId('staff-nav').getByRole('link', { name: 'Audit explorer' }).count()).resolves.toBe(0);
    await page.goto(portalUrl('/staff/audit'));
    await expect(page.getByTestId('needs-role').textContent()).resolves.toMatch(/needs the role AUDITOR/);
    await expect(page.getByTestId('events').count()).resolves.toBe(0);
    expect((await callAsPage(page, 'GET', '/audit/events?limit=1')).status).toBe(403);
    const exported = await page.evaluate(async () => (await fetch('/staff/audit/export')).status);
    expect(exported).toBe(403);
    expect(errors).toEqual([]);
  });

  it('finds every step of the request by its subject, from the menu and by keyboard', async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Audit explorer' }).click();
    await page.waitForURL(/\/staff\/audit$/);
    await page.getByTestId('events').waitFor();
    await inspectScreen(page, 'audit-explorer');

    await page.getByLabel('Subject type').selectOption('request');
    await page.getByLabel('Subject id').focus();
    await page.keyboard.type(requestId);
    await page.keyboard.press('Enter');
    await page.waitForURL(/subjectId=/);
    const rows = page.getByTestId('event-row');
    // Newest first. Reads of the request (opening it, the preview of its decisions) are events about it too.
    const actions = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')!))).reverse();
    expect(actions.filter((action) => steps.includes(action))).toEqual(steps);
    expect(actions).toContain('request.read');
    // Reads left out, by keyboard: the same steps, and no event that only records someone looking.
    await page.getByLabel('Leave out reads').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForURL(/withoutReads=true/);
    const withoutReads = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')!))).reverse();
    expect(withoutReads.filter((action) => steps.includes(action))).toEqual(steps);
    expect(withoutReads.filter((action) => action.endsWith('.read'))).toEqual([]);
    expect(withoutReads.length).toBeLessThan(actions.length);
    await expect(page.getByLabel('Leave out reads').isChecked()).resolves.toBe(true);
    await page.getByLabel('Leave out reads').uncheck();
    await page.getByRole('button', { name: 'Find events' }).click();
    await page.waitForURL((url) => !url.search.includes('withoutReads'));
    const actors = await page.getByTestId('events').textContent();
    expect(actors).toContain(clerk.email);
    expect(actors).toContain(reviewer.email);
    await inspectScreen(page, 'audit-explorer-request');

    // Narrowed to one action by the select, then to one actor by the link in a row.
    await page.getByLabel('Action').selectOption('request.transitioned');
    await page.getByRole('button', { name: 'Find events' }).click();
    await page.waitForURL(/action=request.transitioned/);
    await expect(rows.count()).resolves.toBe(2);
    await rows.first().getByRole('link', { name: reviewer.email }).click();
    await page.waitForURL(/actor=/);
    // The form follows the link (it navigates without a reload): the actor is filled in, the action kept.
    await page.locator(`input#actor[value="${reviewer.email}"]`).waitFor();
    await expect(page.getByLabel('Action').inputValue()).resolves.toBe('request.transitioned');
    await expect(rows.count()).resolves.toBe(2);
    // An address from before the field took emails (a staff id, kept in someone's notes) still finds the same.
    await page.goto(portalUrl(`/staff/audit?action=request.transitioned&actorId=${reviewer.id}`));
    await expect(page.getByLabel('Actor').inputValue()).resolves.toBe(reviewer.id);
    await expect(rows.count()).resolves.toBe(2);

    // A time range before the request: nothing, said so, with a way out.
    await page.goto(portalUrl(`/staff/audit?subjectType=request&subjectId=${requestId}&to=2000-01-01T00:00`));
    await expect(page.getByTestId('events-empty').textContent()).resolves.toMatch(/No event matches these filters/);
    await inspectScreen(page, 'audit-explorer-empty');
    // An actor that is neither an email, a label nor a staff id is named and ignored, not sent to be refused.
    await page.goto(portalUrl('/staff/audit?actorId=nobody'));
    await expect(page.getByTestId('dropped-filters').textContent()).resolves.toMatch(/Ignored actor/);
    await page.goto(portalUrl('/staff/audit?actor=nobody'));
    await expect(page.getByTestId('dropped-filters').textContent()).resolves.toMatch(/Ignored actor.*email/);
    expect(errors).toEqual([]);
  }, 60_000);

  it("finds exactly a colleague's events by the email typed, in any case, by keyboard alone", async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff/audit'));
    // The actor field comes right after the action, in the order the form reads.
    await page.getByLabel('Action').focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('actor');
    await page.keyboard.type(` ${clerk.email.toUpperCase()} `);
    await page.keyboard.press('Enter');
    await page.waitForURL(/actor=/);
    await expect(page.getByLabel('Actor').inputValue()).resolves.toBe(clerk.email);
    const theirs = await db.query<{ id: string }>(
      'SELECT id::text FROM audit_event WHERE actor_id = $1 ORDER BY id DESC',
      [clerk.id],
    );
    const rows = page.getByTestId('event-row');
    const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-event-id')!));
    expect(shown).toEqual(theirs.rows.map((row) => row.id));
    const actions = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')!));
    expect(actions).toEqual(expect.arrayContaining(['request.created', 'request.acknowledged']));
    expect(new Set(await page.getByTestId('events').locator('td[data-label="Actor"]').allTextContents())).toEqual(
      new Set([clerk.email]),
    );
    await inspectScreen(page, 'audit-explorer-actor');

    // The CSV export is the same search: the clerk's events, no one else's.
    const href = (await page.getByTestId('export-csv').getAttribute('href'))!;
    expect(href).toContain(`actor=${encodeURIComponent(clerk.email)}`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    const lines = csv.trimEnd().split('\r\n').slice(1);
    expect(lines.map((line) => line.split(',')[0])).toEqual(theirs.rows.map((row) => row.id));
    expect(lines.every((line) => line.split(',')[3] === clerk.id)).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it('says, at the field and in place of the results, that no account has a mistyped email', async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/staff/audit?actor=${encodeURIComponent(clerk.email)}&withoutReads=true`));
    await page.getByLabel('Actor').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('nobody-here@portal.example');
    await page.keyboard.press('Enter');
    await page.waitForURL(/actor=nobody-here/);
    await expect(page.getByTestId('events-error').textContent()).resolves.toMatch(
      /No events are shown: no staff account has the email in the Actor field/,
    );
    await expect(page.getByTestId('actor-error').textContent()).resolves.toContain(
      'No staff account has the email "nobody-here@portal.example": check its spelling.',
    );
    await expect(page.getByLabel('Actor').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByTestId('events').count()).resolves.toBe(0);
    await inspectScreen(page, 'audit-explorer-unknown-actor');
    // The way out keeps the other filters and drops only the actor.
    await page.getByRole('link', { name: 'search without the actor' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('withoutReads') === 'true' && !url.searchParams.has('actor'));
    await page.getByTestId('events').waitFor();
    await expect(page.getByLabel('Actor').getAttribute('aria-invalid')).resolves.toBeNull();
    expect(errors).toEqual([]);
  }, 60_000);

  it('exports the search as CSV: every step, one line each', async () => {
    const { page } = a;
    await page.goto(portalUrl(`/staff/audit?subjectType=request&subjectId=${requestId}`));
    const href = (await page.getByTestId('export-csv').getAttribute('href'))!;
    const csv = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { type: response.headers.get('content-type'), text: await response.text() };
    }, href);
    expect(csv.type).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,action,actor_id,actor_label,subject_type,subject_id,log_index,details_json,leaf_base64',
    );
    const exported = lines
      .slice(1)
      .map((line) => line.split(',')[2])
      .filter((action) => steps.includes(action!))
      .reverse();
    expect(exported).toEqual(steps);
    expect(lines.slice(1).every((line) => line.includes(requestId))).toBe(true);
  });

  it('opens one step and verifies its inclusion proof in the browser against the signed checkpoint', async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    const created = await db.query<{ id: string }>(
      "SELECT id::text FROM audit_event WHERE subject_id = $1 AND action = 'request.created'",
      [requestId],
    );
    const eventId = created.rows[0]!.id;
    // Sequenced and signed (the integrator runs every 250 ms) before the auditor looks.
    const entry = await db.query<{ index: string }>('SELECT index::text FROM log_entry WHERE event_id = $1', [eventId]);
    await waitForSignedSize(Number(entry.rows[0]!.index) + 1);
    await page.goto(portalUrl(`/staff/audit?subjectType=request&subjectId=${requestId}&action=request.created`));
    await page.getByRole('link', { name: `Event ${eventId}` }).click();
    await page.waitForURL(new RegExp(`/staff/audit/events/${eventId}$`));
    const text = await waitForCheck(page, 'inclusion', 'ok');
    expect(text).toMatch(/Included: entry \d+ of the signed tree of \d+/);
    await expect(page.getByTestId('event-facts').textContent()).resolves.toContain('request.created');
    await expect(page.getByTestId('event-facts').textContent()).resolves.toContain(requestId);
    await inspectScreen(page, 'audit-event');

    // An event that does not exist, and a number that is not one: words, not a crash.
    await page.goto(portalUrl('/staff/audit/events/999999999999'));
    await expect(page.getByTestId('event-error').textContent()).resolves.toMatch(/There is no audit event/);
    await page.goto(portalUrl('/staff/audit/events/abc'));
    await expect(page.getByTestId('event-error').textContent()).resolves.toMatch(/not an event number/);
    await inspectScreen(page, 'audit-event-missing');
    expect(errors.filter((error) => !/status of 404/.test(error))).toEqual([]);
  }, 60_000);

  it('checks any two signed checkpoints for consistency in the browser, and says when a size was never signed', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/audit'));
    await page.getByRole('link', { name: 'Checkpoint history' }).click();
    await page.waitForURL(/\/staff\/audit\/checkpoints$/);
    expect(await page.getByTestId('checkpoint-row').count()).toBeGreaterThan(2);
    // Pre-filled with the oldest non-empty tree on the page and the newest: a proof with hashes to check.
    const first = Number(await page.getByLabel('Earlier tree size').inputValue());
    const second = Number(await page.getByLabel('Later tree size').inputValue());
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    await page.getByRole('button', { name: 'Check consistency in this browser' }).click();
    expect(await waitForCheck(page, 'consistency', 'ok')).toMatch(
      /Consistent: the tree of \d+ extends the tree of \d+/,
    );
    await inspectScreen(page, 'audit-checkpoints');

    const latest = await signedSize();
    await page.getByLabel('Earlier tree size').fill(String(latest + 1000));
    // The result shown was for the sizes before: it goes as soon as one changes.
    await expect(page.getByTestId('consistency').count()).resolves.toBe(0);
    // The size fields are as tall as the other fields (a finger's target on a phone), not the browser's default.
    const height = await page.getByLabel('Earlier tree size').evaluate((input) => input.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(36);
    await page.getByRole('button', { name: 'Check consistency in this browser' }).click();
    expect(await waitForCheck(page, 'consistency', 'warn')).toMatch(/No checkpoint was signed for size/);
    expect(errors).toEqual([]);
  }, 60_000);
});
