// A member of staff logs in through the real portal in Chromium: password, then a TOTP code from the demo
// reviewer's secret (the portal tier seeds prisma/demo-staff.json), sees their name, and logs out again. And a
// person whose password an admin chose is made to replace it right after the second factor.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { generate, generateSecret } from 'otplib';
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { apiUrl, openDatabase } from './log-api';

interface DemoStaff {
  email: string;
  password: string;
  totpSecret: string;
  displayName: string;
  roles: string[];
}
const demo = JSON.parse(readFileSync(path.join(__dirname, '../../prisma/demo-staff.json'), 'utf8')) as {
  staff: DemoStaff[];
};
const reviewer = demo.staff.find((person) => person.roles.includes('REVIEWER'))!;

let browser: Browser;
let db: pg.Pool;
beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
});
afterAll(async () => {
  await browser.close();
  await db.end();
});

async function enterPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto(portalUrl('/staff'));
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.waitForURL(/\/staff\/login$/);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('staff login', () => {
  it('says so when the password is wrong, and stays on the password step', async () => {
    const page = await browser.newPage();
    await enterPassword(page, reviewer.email, 'not the reviewer password');
    const alert = page.getByTestId('login-error');
    await expect(alert.textContent()).resolves.toBe('Wrong email or password.');
    await expect(alert.getAttribute('role')).resolves.toBe('alert');
    await expect(page.getByLabel('Password', { exact: true }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('logs the demo reviewer in with password and TOTP code, shows who is logged in, and logs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchForErrors(page);
    // Failed loads are judged by their URL below: the header links pages other features have not built yet
    // (/policy), and Next prefetches them; that is not this page's error.
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !new URL(response.url()).searchParams.has('_rsc'))
        failed.push(`${response.status()} ${response.url()}`);
    });
    await enterPassword(page, reviewer.email, reviewer.password);

    const code = page.getByLabel(/Code from your authenticator/);
    await code.waitFor();
    await inspectScreen(page, 'login-code-step');
    await page.setViewportSize({ width: 1280, height: 900 });
    await code.fill(await generate({ secret: reviewer.totpSecret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/staff$/);
    await expect(page.getByTestId('current-staff').textContent()).resolves.toContain(reviewer.displayName);
    await inspectScreen(page, 'staff-account');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The session cookie is the API's, set through the portal's /api rewrite: first-party, script-proof, strict.
    const cookie = (await context.cookies()).find((c) => c.name === 'writ_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    await expect(page.getByTestId('current-staff').count()).resolves.toBe(0);
    expect(errors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([]);
    expect(failed).toEqual([]);
    await context.close();
  });

  it('makes a person whose password an admin chose replace it after the second factor, then lets them in', async () => {
    // As an admin's "create account" or "reset password" leaves it: must_change_password set.
    const id = randomUUID();
    const person = {
      email: `forced-${id.slice(0, 8)}@portal.example`,
      password: 'temporary from the admin',
      totpSecret: generateSecret(),
      displayName: 'Fiona Forced',
    };
    await db.query(
      `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at,
                          must_change_password, updated_at)
       VALUES ($1, $2, $3, $4, '{INTAKE}', $5, now(), true, now())`,
      [id, person.email, person.displayName, await hash(person.password), person.totpSecret],
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await enterPassword(page, person.email, person.password);
    await page.getByLabel(/Code from your authenticator/).fill(await generate({ secret: person.totpSecret }));
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    // What the API refuses is shown as it says it.
    await page.getByLabel('Password you logged in with').fill(person.password);
    await page.getByLabel('New password', { exact: true }).fill(person.email);
    await page.getByLabel('New password, again').fill(person.email);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByTestId('password-error').textContent()).resolves.toMatch(/email address/);
    await inspectScreen(page, 'choose-password-refused');

    const chosen = 'only fiona knows this one';
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('New password, again').fill(chosen);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL(/\/staff$/);
    await expect(page.getByTestId('current-staff').textContent()).resolves.toContain(person.displayName);
    await expect(page.getByRole('heading', { name: 'Choose your own password' }).count()).resolves.toBe(0);
    // Signed in, a person can change their password whenever they like.
    await page.locator('summary', { hasText: 'Change your password' }).click();
    await expect(page.getByLabel('Current password').isVisible()).resolves.toBe(true);

    const { rows } = await db.query<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM staff WHERE id = $1`,
      [id],
    );
    expect(rows[0]!.must_change_password).toBe(false);
    const login = await fetch(apiUrl('/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: chosen }),
    });
    expect(login.status).toBe(200);
    // The refused attempt above answered 400, which Chromium logs as a failed resource load.
    expect(errors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([]);
    await context.close();
  });
});
