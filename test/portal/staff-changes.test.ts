// Four eyes in the portal (/staff/changes): one admin proposes a change to a staff account through the API, a
// second admin logs in through the real portal in Chromium and approves or rejects it there, and sees what the API
// refuses in its own words. Accounts are made straight in the database with a password and a TOTP secret, as in
// staff-login.test.ts, and each logs in once: the login routes are rate limited per address, and every portal test
// comes from 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { StaffChange, type StaffRole } from '@writ/contracts';
import { generate } from 'otplib';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { createPortalStaff, type PortalStaff } from '../support/portal-staff';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;

type Person = PortalStaff;
const person = (roles: StaffRole[], name: string): Promise<Person> => createPortalStaff(db, roles, name);

/** Logs in through the portal's login page: password, then the code the person's authenticator shows now. */
async function logIn(who: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
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

/**
 * The arrangement: a proposal made as any client makes one, through the API with the admin's session and CSRF
 * token (here via the portal's /api route, from the admin's own logged-in page). Not the screen under test.
 */
async function propose(page: Page, method: string, path: string, body: unknown = {}): Promise<StaffChange> {
  const answer = await callApi(page, method, path, body);
  if (answer.status !== 202) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return StaffChange.parse(answer.body);
}

/** A call to the API with the logged-in person's session and CSRF token, as any client could make it. */
async function callApi(
  page: Page,
  method: string,
  path: string,
  body: unknown = {},
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(call.body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    { method, path, body },
  );
}

const errorCode = (answer: { body: unknown }) => (answer.body as { error?: { code?: string } }).error?.code;

function card(page: Page, change: StaffChange) {
  return page.locator(`[data-testid="staff-change"][data-change-id="${change.id}"]`);
}

/** Chromium logs every 4xx answer as a failed load; the refusals these tests provoke are judged on the page. */
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

let adminA: Person;
let adminB: Person;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  [adminA, adminB] = await Promise.all([person(['ADMIN'], 'Avery Admin'), person(['ADMIN'], 'Blake Admin')]);
  a = await logIn(adminA);
  b = await logIn(adminB);
});
afterAll(async () => {
  await browser.close();
  await db.end();
});

// In order: the first test needs the queue as the seed leaves it, empty.
describe('staff account changes (/staff/changes)', () => {
  it('is linked from /staff for an admin, and says when nothing waits for approval', async () => {
    const { page } = b;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff'));
    await page.getByRole('link', { name: 'Staff account changes waiting for approval' }).click();
    await page.waitForURL(/\/staff\/changes$/);
    await page.getByRole('heading', { level: 1, name: 'Staff account changes' }).waitFor();
    await expect(page.getByTestId('no-changes').textContent()).resolves.toBe('No changes are waiting for approval.');
    await inspectScreen(page, 'staff-changes-empty');
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(errors).toEqual([]);
  });

  it("lets a second admin approve a password reset and shows the temporary password once; it works, and it's gone", async () => {
    const target = await person(['INTAKE'], 'Tess Target');
    const change = await propose(a.page, 'POST', `/staff/${target.id}/reset-password`);

    const { page } = b;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff/changes'));
    const listed = card(page, change);
    const text = await listed.textContent();
    expect(text).toContain(`Password reset: ${target.displayName} (${target.email})`);
    // The kind in words, not the API's code.
    expect(text).toContain('KindPassword reset');
    expect(text).not.toContain('RESET_PASSWORD');
    await inspectScreen(page, 'staff-changes');
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(text).toContain(`${adminA.displayName} (${adminA.email})`);
    expect(text).toContain('UTC');

    await listed.getByRole('button', { name: 'Approve' }).click();
    const panel = page.getByTestId('temporary-password-panel');
    await panel.waitFor();
    await expect(panel.getByRole('heading').textContent()).resolves.toBe(
      `Temporary password for ${target.displayName} (${target.email})`,
    );
    await expect(panel.textContent()).resolves.toMatch(/Shown this once\. Writ does not store it/);
    const temporary = (await page.getByTestId('temporary-password').textContent())!;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    // Approved changes leave the queue; the password stays until the admin hides it.
    await listed.waitFor({ state: 'detached' });
    await expect(page.getByTestId('no-changes').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('temporary-password').textContent()).resolves.toBe(temporary);

    // What the admin was shown is the person's password now.
    const login = await fetch(apiUrl('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: target.email, password: temporary }),
    });
    expect(login.status).toBe(200);

    // Once: after a reload it is nowhere, also not in the approved change.
    await page.reload();
    await page.getByTestId('no-changes').waitFor();
    await expect(page.getByTestId('temporary-password').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Approved' }).click();
    await page.waitForURL(/status=APPROVED/);
    const approved = await card(page, change).textContent();
    expect(approved).toContain(`Approved by${adminB.displayName} (${adminB.email}), you`);
    expect(await page.content()).not.toContain(temporary);
    expect(errors).toEqual([]);
  });

  it('rejects a proposed account with the reason given, which the rejected list shows', async () => {
    const email = `newcomer-${randomUUID().slice(0, 8)}@portal.example`;
    const change = await propose(a.page, 'POST', '/staff', { email, displayName: 'Nia Newcomer', roles: ['INTAKE'] });

    const { page } = b;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff/changes'));
    const listed = card(page, change);
    await expect(listed.textContent()).resolves.toContain('Create the account with the role INTAKE');
    await listed.getByRole('button', { name: 'Reject…' }).click();
    // Spaces are no reason.
    await listed.getByLabel('Reason for rejecting').fill('   ');
    await listed.getByRole('button', { name: 'Reject change' }).click();
    await expect(listed.getByTestId('change-error').textContent()).resolves.toMatch(/Give a reason/);

    await listed.getByLabel('Reason for rejecting').fill('Nia starts next quarter, not now.');
    await listed.getByRole('button', { name: 'Reject change' }).click();
    await expect(page.getByTestId('change-notice').textContent()).resolves.toBe(
      `Rejected: New account: Nia Newcomer (${email}). The account stays as it is.`,
    );
    await listed.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Rejected' }).click();
    await page.waitForURL(/status=REJECTED/);
    await expect(card(page, change).getByTestId('change-reason').textContent()).resolves.toBe(
      'Nia starts next quarter, not now.',
    );
    expect(errors).toEqual([]);
  });

  it('offers the proposer no Approve or Reject, only Cancel; the API refuses their approval anyway', async () => {
    const target = await person(['INTAKE'], 'Gail Grant');
    const change = await propose(a.page, 'PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE', 'REVIEWER'] });

    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/changes'));
    const listed = card(page, change);
    const text = await listed.textContent();
    expect(text).toContain('Add REVIEWER, so the account holds INTAKE, REVIEWER.');
    await expect(listed.getByTestId('change-why-not').textContent()).resolves.toContain(
      'You proposed this change: another admin has to approve or reject it.',
    );
    expect(await listed.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await listed.getByRole('button', { name: /^Reject/ }).count()).toBe(0);
    // Not offered is not the same as not allowed: the API refuses it to anyone who asks.
    const refused = await callApi(page, 'POST', `/staff-changes/${change.id}/approve`);
    expect([refused.status, errorCode(refused)]).toEqual([409, 'FOUR_EYES_REQUIRED']);

    // Withdrawing it is the proposer's own way out.
    await listed.getByRole('button', { name: 'Cancel proposal' }).click();
    await expect(page.getByTestId('change-notice').textContent()).resolves.toBe(
      `Cancelled your proposal: More roles: ${target.displayName} (${target.email}).`,
    );
    await listed.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('offers nobody a decision on a change to their own account; the API refuses it anyway', async () => {
    const change = await propose(a.page, 'POST', `/staff/${adminB.id}/reset-second-factor`);

    const { page } = b;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/changes'));
    const listed = card(page, change);
    await expect(listed.getByRole('heading').textContent()).resolves.toBe(
      `Second-factor reset: ${adminB.displayName} (${adminB.email}), you`,
    );
    await expect(listed.getByTestId('change-why-not').textContent()).resolves.toContain(
      'This change is to your own account: an admin other than you and its proposer has to approve or reject it.',
    );
    expect(await listed.getByRole('button').count()).toBe(0);
    const refused = await callApi(page, 'POST', `/staff-changes/${change.id}/approve`);
    expect([refused.status, errorCode(refused)]).toEqual([403, 'SEPARATION_OF_DUTIES']);
    // It stays pending for a third admin, and its proposer can still withdraw it.
    await a.page.goto(portalUrl('/staff/changes'));
    await card(a.page, change).getByRole('button', { name: 'Cancel proposal' }).click();
    await card(a.page, change).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('says so when a change expired while the page was open, and drops it from the queue', async () => {
    const target = await person(['INTAKE'], 'Eli Expiring');
    // Written directly, proposed long ago and expiring in a moment: nobody waits STAFF_CHANGE_TTL_HOURS in a test.
    const { rows } = await db.query<{ id: string; expires_at: Date }>(
      `INSERT INTO staff_change (id, kind, staff_id, target_version, proposed_by, proposed_at, expires_at)
       VALUES ($1, 'RESET_SECOND_FACTOR', $2, 1, $3, now() - interval '1 hour', now() + interval '2 seconds')
       RETURNING id, expires_at`,
      [randomUUID(), target.id, adminA.id],
    );
    const { id, expires_at: expiresAt } = rows[0]!;

    const { page } = b;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/changes'));
    const listed = page.locator(`[data-testid="staff-change"][data-change-id="${id}"]`);
    await listed.waitFor();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt.getTime() - Date.now() + 200)));
    await listed.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('change-notice').textContent()).resolves.toBe(
      `Second-factor reset: ${target.displayName} (${target.email}): This change waited too long for approval and ` +
        'expired; propose it again if it is still wanted.',
    );
    await listed.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Expired' }).click();
    await page.waitForURL(/status=EXPIRED/);
    await page.locator(`[data-testid="staff-change"][data-change-id="${id}"]`).waitFor();
    expect(errors).toEqual([]);
  });

  it('pages through a long queue with nextCursor, newest first', async () => {
    const proposed: StaffChange[] = [];
    for (let i = 0; i < 26; i++) {
      const email = `queue-${i}-${randomUUID().slice(0, 8)}@portal.example`;
      proposed.push(await propose(a.page, 'POST', '/staff', { email, displayName: `Queue ${i}`, roles: ['INTAKE'] }));
    }
    const { page } = b;
    await page.goto(portalUrl('/staff/changes'));
    const cards = page.getByTestId('staff-change');
    await expect(cards.count()).resolves.toBe(25);
    await expect(card(page, proposed.at(-1)!).isVisible()).resolves.toBe(true);
    await expect(card(page, proposed[0]!).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Older changes' }).click();
    await card(page, proposed[0]!).waitFor();
    await expect(card(page, proposed.at(-1)!).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Newest changes' }).click();
    await card(page, proposed.at(-1)!).waitFor();
  });

  it('tells a logged-in non-admin that the page needs ADMIN, and offers no link to it', async () => {
    const reviewer = await person(['REVIEWER'], 'Robin Reviewer');
    const { context, page } = await logIn(reviewer);
    await expect(page.getByRole('link', { name: /Staff account changes/ }).count()).resolves.toBe(0);
    await page.goto(portalUrl('/staff/changes'));
    await expect(page.getByTestId('needs-role').textContent()).resolves.toBe(
      `This page needs the role ADMIN. You are logged in as ${reviewer.displayName} with the role REVIEWER.`,
    );
    await expect(page.getByTestId('staff-change').count()).resolves.toBe(0);
    await context.close();
  });

  it('offers a logged-out visitor the login, with the way back to the list they asked for', async () => {
    // Only the link is followed here: logging in again is tested in staff-requests.test.ts, and every login counts
    // against the per-address limit that all portal tests share (they all come from 127.0.0.1).
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(portalUrl('/staff/changes?status=REJECTED'));
    await expect(page.getByTestId('staff-change').count()).resolves.toBe(0);
    await expect(page.getByTestId('session-expired').textContent()).resolves.toBe('You are not logged in.');
    await page.getByTestId('login-again').click();
    await page.waitForURL(/\/staff\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/staff/changes?status=REJECTED');
    await expect(page.getByRole('textbox', { name: 'Email' }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
