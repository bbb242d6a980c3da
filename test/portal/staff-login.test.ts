// A member of staff logs in through the real portal in Chromium: password, then a TOTP code from the demo
// reviewer's secret (the portal tier seeds prisma/demo-staff.json), sees their name, and logs out again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';

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
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
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
    await code.fill(await generate({ secret: reviewer.totpSecret }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/staff$/);
    await expect(page.getByTestId('current-staff').textContent()).resolves.toContain(reviewer.displayName);

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
});
