// The admin screens in the real portal in Chromium, with two admins (four eyes): staff accounts (/staff/accounts)
// and the authority registry (/staff/registry, /staff/registry/changes). One admin proposes through the forms, the
// other approves on the approval screens; the proposer is shown that a proposal is theirs, offered no Approve, and
// refused by the API when they try anyway. A newly approved person logs in and sees the TOTP enrolment QR code. Every
// screen is checked with axe-core and photographed at 1280 and 360 px into test-results/screens/.
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { type StaffRole } from '@writ/contracts';
import { generate } from 'otplib';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { createPortalStaff, type PortalStaff } from '../support/portal-staff';
import { openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;

const person = (roles: StaffRole[], name: string): Promise<PortalStaff> => createPortalStaff(db, roles, name);

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

/** A call through the portal's /api route with the page's own session and CSRF token, as a hand-made call would. */
async function callAsPage(page: Page, method: string, path: string): Promise<{ status: number; code?: string }> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'x-csrf-token': me.csrfToken },
      });
      const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
      return { status: response.status, code: body?.error?.code };
    },
    { method, path },
  );
}

const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

let adminA: PortalStaff;
let adminB: PortalStaff;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  [adminA, adminB] = await Promise.all([person(['ADMIN'], 'Avery Admin'), person(['ADMIN'], 'Blake Admin')]);
  a = await logIn(adminA);
  b = await logIn(adminB);
}, 60_000);
afterAll(async () => {
  await browser.close();
  await db.end();
});

describe('staff accounts (/staff/accounts)', () => {
  it('one admin proposes an account, another approves it, the person enrols with a QR code; then it is disabled', async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/staff'));
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Staff accounts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff accounts' }).waitFor();
    // Search finds the other admin by part of their email; nothing found is said in words.
    await page.getByLabel('Search by name or email').fill(adminB.email.slice(0, 14));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: adminB.displayName }).waitFor();
    await inspectScreen(page, 'admin-accounts');
    await page.getByLabel('Search by name or email').fill('nobody-by-this-name');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('accounts-empty').textContent()).resolves.toMatch(/No account matches/);

    await page.getByTestId('propose-account').click();
    await page.getByRole('heading', { level: 1, name: 'Propose a new staff account' }).waitFor();
    const email = `newcomer-${randomUUID().slice(0, 8)}@portal.example`;
    await page.getByLabel('Email').fill(email);
    // No name and no role: said next to each, in words, before anything is sent; both are marked required.
    await expect(page.getByRole('form', { name: 'Propose a new account' }).innerText()).resolves.toMatch(
      /Name \(required\)/,
    );
    await page.getByRole('button', { name: 'Propose account' }).click();
    await expect(page.locator('#displayName-error').textContent()).resolves.toBe("give the person's name");
    await expect(page.locator('#roles-error').textContent()).resolves.toMatch(/at least one role/);
    await inspectScreen(page, 'admin-account-new');
    await page.getByLabel('Name').fill('Nora Newcomer');
    await page.getByRole('checkbox', { name: /^INTAKE/ }).check();
    await page.getByRole('button', { name: 'Propose account' }).click();
    await expect(page.getByTestId('account-proposed').textContent()).resolves.toContain(
      `Proposed: an account for Nora Newcomer (${email}) with INTAKE.`,
    );
    // Not there until approved.
    const before = await db.query(`SELECT 1 FROM staff WHERE email = $1`, [email]);
    expect(before.rowCount).toBe(0);

    // The second admin approves it where account changes are approved, and receives the temporary password.
    await b.page.goto(portalUrl('/staff/changes'));
    const card = b.page.locator('[data-testid="staff-change"]', { hasText: email });
    await card.getByRole('button', { name: 'Approve' }).click();
    const temporary = (await b.page.getByTestId('temporary-password').textContent())!;

    // The account page, as the first admin sees it now.
    await page.goto(portalUrl(`/staff/accounts?q=${encodeURIComponent(email)}`));
    await page.getByRole('link', { name: 'Nora Newcomer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nora Newcomer' }).waitFor();
    await expect(page.getByTestId('account-roles').textContent()).resolves.toBe('INTAKE');
    await expect(page.getByTestId('account-state').textContent()).resolves.toMatch(/authenticator not set up/);
    await inspectScreen(page, 'admin-account');

    // Adding a role is a proposal; disabling acts at once, after a confirmation.
    await page.getByRole('checkbox', { name: /^REVIEWER/ }).check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect(page.getByTestId('account-notice').textContent()).resolves.toMatch(/^Proposed: More roles\./);
    await expect(page.getByTestId('account-pending').textContent()).resolves.toContain('More roles');

    // The person logs in with the temporary password and is shown the QR code beside the key to type.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const newcomer = await context.newPage();
    const newcomerErrors = watchForErrors(newcomer);
    await newcomer.goto(portalUrl('/staff/login'));
    await newcomer.getByRole('textbox', { name: 'Email' }).fill(email);
    await newcomer.getByLabel('Password', { exact: true }).fill(temporary);
    await newcomer.getByRole('button', { name: 'Continue' }).click();
    const qr = newcomer.getByRole('img', { name: /QR code of your authenticator key/ });
    await qr.waitFor();
    const secret = (await newcomer.getByTestId('totp-secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // A real QR symbol: a square grid of 21 + 4k modules plus the quiet zone, with dark modules drawn.
    const viewBox = (await qr.getAttribute('viewBox'))!.split(' ').map(Number);
    expect((viewBox[2]! - 8 - 21) % 4).toBe(0);
    expect((await qr.locator('path').getAttribute('d'))!.length).toBeGreaterThan(1000);
    // The code field starts empty (it once kept the password typed in the step before).
    await expect(newcomer.getByLabel('Code from your authenticator').inputValue()).resolves.toBe('');
    await inspectScreen(newcomer, 'totp-enrolment');
    // A mistyped code: the message says what to do now, and offers no recovery code (there is none before the
    // enrolment is confirmed).
    const right = await generate({ secret });
    const wrong = `${(Number(right[0]) + 1) % 10}${right.slice(1)}`;
    await newcomer.getByLabel('Code from your authenticator').fill(wrong);
    await newcomer.getByRole('button', { name: 'Confirm' }).click();
    const refusal = newcomer.getByTestId('login-error');
    await expect(refusal.textContent()).resolves.toMatch(/^That code is not valid\. Enter the 6-digit code/);
    await expect(refusal.textContent()).resolves.not.toMatch(/recovery/i);
    await inspectScreen(newcomer, 'totp-enrolment-wrong-code');
    await newcomer.getByLabel('Code from your authenticator').fill(await generate({ secret }));
    await newcomer.getByRole('button', { name: 'Confirm' }).click();
    await newcomer
      .getByText(/recovery code/i)
      .first()
      .waitFor();
    // Only the wrong code's refusal, which Chromium logs.
    expect(newcomerErrors).toEqual([
      'Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
    await context.close();

    await page.reload();
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await expect(page.getByRole('alertdialog').textContent()).resolves.toMatch(/Disable Nora Newcomer now\?/);
    await page.getByRole('button', { name: 'Keep it enabled' }).click();
    expect((await db.query(`SELECT disabled_at FROM staff WHERE email = $1`, [email])).rows[0].disabled_at).toBeNull();
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await page.getByRole('button', { name: 'Yes, disable the account' }).click();
    await expect(page.getByTestId('account-notice').textContent()).resolves.toBe(
      'Disabled at once: Nora Newcomer can no longer log in.',
    );
    await page
      .getByTestId('account-state')
      .filter({ hasText: /^Disabled since/ })
      .waitFor();
    expect(
      (await db.query(`SELECT disabled_at FROM staff WHERE email = $1`, [email])).rows[0].disabled_at,
    ).not.toBeNull();
    // The role proposal is still waiting; its proposer withdraws it, so the shared queue is left as it was found
    // (staff-changes.test.ts starts from an empty one).
    const pending = await db.query<{ id: string }>(
      `SELECT c.id FROM staff_change c JOIN staff s ON s.id = c.staff_id WHERE s.email = $1 AND c.status = 'PENDING'`,
      [email],
    );
    expect(pending.rows).toHaveLength(1);
    const withdrawn = await page.evaluate(async (id) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/staff-changes/${id}/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: '{}',
      });
      return response.status;
    }, pending.rows[0]!.id);
    expect(withdrawn).toBe(200);
    expect(errors).toEqual([]);
  }, 120_000);

  it('says so when an account does not exist', async () => {
    await a.page.goto(portalUrl(`/staff/accounts/${randomUUID()}`));
    await expect(a.page.getByTestId('account-error').textContent()).resolves.toMatch(
      /no staff account at this address/,
    );
  });
});

describe('the authority registry (/staff/registry)', () => {
  it('one admin registers an authority and proposes a key from a file; they cannot approve it, another admin can', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    const name = `Amtsgericht Prüfstadt ${randomUUID().slice(0, 6)}`;
    await page.goto(portalUrl('/staff'));
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Authorities' }).click();
    await page.getByRole('heading', { level: 1, name: 'Authority registry' }).waitFor();
    // No name, and a country that is not two capitals: each refused next to its field, in words.
    await page.getByLabel('Country code').fill('D1');
    await page.getByLabel('Jurisdiction').fill('Criminal matters, district of Prüfstadt');
    await page.getByRole('button', { name: 'Register authority' }).click();
    await expect(page.locator('#authority-name-error').textContent()).resolves.toBe(
      "give the authority's name (at least 2 characters)",
    );
    await expect(page.locator('#authority-country-error').textContent()).resolves.toMatch(/ISO 3166-1/);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await inspectScreen(page, 'admin-registry');
    await page.getByLabel('Country code').fill('de');
    await page.getByRole('button', { name: 'Register authority' }).click();
    await page.waitForURL(/\/staff\/registry\/[0-9a-f-]{36}\?created=1$/);
    const authorityId = /registry\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByTestId('authority-status').textContent()).resolves.toMatch(/^Suspended/);
    await expect(page.getByTestId('keys-empty').isVisible()).resolves.toBe(true);

    // A private key is refused before anything is sent; the public key file is read and proposed.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    await page.locator('#key-file').setInputFiles({
      name: 'court-private.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    });
    await page.getByText(/This is a private key\. Never upload it/).waitFor();
    await page.locator('#key-file').setInputFiles({
      name: 'court.pem',
      mimeType: 'application/x-pem-file',
      buffer: Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })),
    });
    await expect(page.getByTestId('key-file-kind').textContent()).resolves.toMatch(/Ed25519 public key/);
    const twoYears = new Date(Date.now() + 730 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Valid until').fill(twoYears);
    await inspectScreen(page, 'admin-authority');
    await page.getByRole('button', { name: 'Propose key' }).click();
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const fingerprint = createHash('sha256').update(raw).digest('hex');
    await expect(page.getByTestId('proposed-fingerprint').textContent()).resolves.toBe(fingerprint);
    // The page refreshes itself and lists the proposal among those waiting.
    await page.getByTestId('authority-pending').filter({ hasText: 'New key or certificate' }).waitFor();

    // The proposer sees it is theirs and is offered no Approve; the API refuses their approval anyway.
    await page.goto(portalUrl('/staff/registry/changes'));
    const own = page.locator('[data-testid="registry-change"]', { hasText: fingerprint });
    await expect(own.getByTestId('own-proposal').textContent()).resolves.toMatch(/You proposed this change/);
    await expect(own.getByRole('button', { name: 'Approve' }).count()).resolves.toBe(0);
    await expect(own.getByTestId('change-key-validity').textContent()).resolves.toMatch(/ \(valid from today\)$/);
    await inspectScreen(page, 'admin-registry-changes-own');
    const changeId = (await own.getAttribute('data-change-id'))!;
    await expect(callAsPage(page, 'POST', `/registry-changes/${changeId}/approve`)).resolves.toEqual({
      status: 409,
      code: 'FOUR_EYES_REQUIRED',
    });
    expect(errors).toEqual([]);

    // The second admin approves the key and the activation.
    const other = b.page;
    const otherErrors = watchForErrors(other);
    await other.goto(portalUrl('/staff/registry/changes'));
    const theirs = other.locator('[data-testid="registry-change"]', { hasText: fingerprint });
    await expect(theirs.getByTestId('own-proposal').count()).resolves.toBe(0);
    await expect(theirs.getByTestId('change-fingerprint').textContent()).resolves.toBe(fingerprint);
    await expect(theirs.textContent()).resolves.toContain(`${adminA.displayName} (${adminA.email})`);
    await inspectScreen(other, 'admin-registry-changes');
    await theirs.getByRole('button', { name: 'Approve' }).click();
    await expect(other.getByTestId('registry-change-notice').textContent()).resolves.toBe(
      `Approved and applied: New key or certificate: ${name}.`,
    );
    await theirs.waitFor({ state: 'detached' });
    // The last day chosen is a day the key is still accepted on: valid to its end, in UTC.
    const stored = await db.query<{ valid_to: Date }>('SELECT valid_to FROM authority_key WHERE fingerprint = $1', [
      fingerprint,
    ]);
    expect(stored.rows[0]!.valid_to.toISOString()).toBe(`${twoYears}T23:59:59.999Z`);
    const activation = other.locator('[data-testid="registry-change"]', { hasText: `Activation: ${name}` });
    await activation.getByRole('button', { name: 'Approve' }).click();
    await activation.waitFor({ state: 'detached' });

    await other.goto(portalUrl(`/staff/registry/${authorityId}`));
    await expect(other.getByTestId('authority-status').textContent()).resolves.toMatch(/^Active/);
    await expect(
      other.locator(`[data-testid="key"][data-fingerprint="${fingerprint}"]`).textContent(),
    ).resolves.toMatch(/Ed25519 public key.*In use/);
    const { rows } = await db.query(`SELECT fingerprint FROM authority_key WHERE authority_id = $1`, [authorityId]);
    expect(rows.map((row) => row.fingerprint)).toEqual([fingerprint]);
    expect(otherErrors).toEqual([]);
  }, 120_000);
});

describe('without the ADMIN role', () => {
  it('a clerk sees neither the admin places nor their forms, and the API refuses them anyway', async () => {
    const clerk = await person(['INTAKE'], 'Ciro Clerk');
    const { page, context } = await logIn(clerk);
    const errors = watchForErrors(page, refusalsLogged);
    const menu = await page.getByTestId('staff-nav').getByRole('link').allTextContents();
    expect(menu).not.toContain('Staff accounts');
    expect(menu).not.toContain('Authorities');
    expect(menu).not.toContain('Registry changes');
    for (const path of ['/staff/accounts', '/staff/accounts/new', '/staff/registry/changes']) {
      await page.goto(portalUrl(path));
      await expect(page.getByTestId('needs-role').textContent()).resolves.toMatch(/This page needs the role ADMIN/);
    }
    // The registry may be read (intake picks the authority), but not changed.
    await page.goto(portalUrl('/staff/registry'));
    await page.getByRole('heading', { level: 1, name: 'Authority registry' }).waitFor();
    await expect(page.getByRole('button', { name: 'Register authority' }).count()).resolves.toBe(0);
    await expect(callAsPage(page, 'GET', '/staff')).resolves.toMatchObject({ status: 403 });
    await expect(callAsPage(page, 'GET', '/registry-changes')).resolves.toMatchObject({ status: 403 });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
