// "Your API tokens" (/staff/tokens), in Chromium against the built portal and API: a reviewer makes a token for a
// script with one of their roles, sees its secret once and copies it; the script then calls the API with it; the
// list shows it used; revoked, the next call is refused. A token can carry only its owner's roles.
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { focusedName } from '../support/keyboard';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let reviewer: PortalStaff;
let r: { context: BrowserContext; page: Page };

const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  reviewer = await createPortalStaff(db, ['REVIEWER', 'AUDITOR'], 'Tess Tokens');
  r = await logInThroughPortal(browser, reviewer, portalUrl);
  await r.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portalUrl('/') });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await db?.end();
});

const tokenRows = () =>
  db.query<{ name: string; roles: string[]; revoked: boolean }>(
    `SELECT name, roles::text[] AS roles, revoked_at IS NOT NULL AS revoked FROM api_token
      WHERE staff_id = $1 ORDER BY created_at`,
    [reviewer.id],
  );

async function callWith(token: string): Promise<number> {
  const response = await fetch(apiUrl('/requests?limit=1'), { headers: { authorization: `Bearer ${token}` } });
  return response.status;
}

describe('your API tokens', () => {
  it('makes a token with some of your roles, shows it once to copy, and the script can use it', async () => {
    const { page } = r;
    const errors = watchForErrors(page, refusalsLogged);
    await page.getByRole('link', { name: 'Your API tokens' }).click();
    await page.waitForURL(/\/staff\/tokens$/);
    await expect(page.getByTestId('no-tokens').textContent()).resolves.toMatch(/You have no API tokens/);
    // Only the person's own roles are offered, none ticked: a script gets what it needs, no more.
    const offered = page.getByRole('group', { name: /Roles it may use/ }).getByRole('checkbox');
    await expect(offered.evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).value))).resolves.toEqual([
      'REVIEWER',
      'AUDITOR',
    ]);
    await expect(offered.evaluateAll((boxes) => boxes.some((box) => (box as HTMLInputElement).checked))).resolves.toBe(
      false,
    );
    // Sent empty: each missing piece is said beside its field, and nothing is made.
    await page.getByRole('button', { name: 'Make token' }).click();
    await page.getByText('Give the token a name.').waitFor();
    await page.getByText('Tick at least one role.').waitFor();
    await expect(page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await tokenRows()).rows).toEqual([]);
    await inspectScreen(page, 'tokens-empty-errors');

    // By keyboard: the name, one role, a week.
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('nightly export');
    await page.keyboard.press('Tab');
    await expect(focusedName(page)).resolves.toMatch(/^REVIEWER — checks orders/);
    await page.keyboard.press('Space');
    await page.getByLabel('Valid for').selectOption('7');
    await page.getByRole('button', { name: 'Make token' }).focus();
    await page.keyboard.press('Enter');
    const made = page.getByTestId('token-made');
    await made.waitFor();
    // The focus is on the secret, selected, ready to copy.
    await page.waitForFunction(() => document.activeElement?.id === 'token-secret');
    await expect(focusedName(page)).resolves.toBe('Token');
    const secret = await page.getByLabel('Token', { exact: true }).inputValue();
    await expect(
      page.evaluate(() => {
        const field = document.activeElement as HTMLInputElement;
        return [field.selectionStart, field.selectionEnd];
      }),
    ).resolves.toEqual([0, secret.length]);
    expect(secret).toMatch(/^writ_/);
    await expect(made.getByRole('status').first().textContent()).resolves.toMatch(
      /shows it this once .* with the role REVIEWER\./,
    );
    await made.getByRole('button', { name: 'Copy the token' }).click();
    await page.getByTestId('token-copied').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(secret);
    // Stored with the one role ticked, and the list shows it beside the secret already.
    expect((await tokenRows()).rows).toEqual([{ name: 'nightly export', roles: ['REVIEWER'], revoked: false }]);
    await page.getByTestId('token-row').filter({ hasText: 'nightly export' }).waitFor();
    await inspectScreen(page, 'token-made');

    // The script uses it; the list then says when it was last used, and never shows the secret again.
    expect(await callWith(secret)).toBe(200);
    await page.reload();
    const row = page.getByTestId('token-row').filter({ hasText: 'nightly export' });
    await expect(row.textContent()).resolves.toMatch(/Active/);
    await expect(row.locator('td[data-label="Last used"]').textContent()).resolves.toMatch(/UTC$/);
    await expect(page.content()).resolves.not.toContain(secret);
    expect(errors).toEqual([]);
  }, 60_000);

  it('revokes a token after asking, and the script is refused from its next call', async () => {
    const { page } = r;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/tokens'));
    await page.getByLabel('Name', { exact: true }).fill('to revoke');
    await page.getByRole('checkbox', { name: /^AUDITOR/ }).check();
    await page.getByRole('button', { name: 'Make token' }).click();
    const secret = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(await callWith(secret)).toBe(200);
    await page.getByRole('button', { name: 'I have stored it — make another token' }).click();
    await page.getByRole('button', { name: 'Revoke to revoke' }).click();
    await expect(page.getByText(/Revoke “to revoke”\? Any script using it is refused/).count()).resolves.toBe(1);
    // Asked first: nothing is revoked until the second press.
    expect((await tokenRows()).rows.find((token) => token.name === 'to revoke')?.revoked).toBe(false);
    await page.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page
      .getByTestId('token-row')
      .filter({ hasText: 'to revoke' })
      .getByText(/^Revoked /)
      .waitFor();
    expect((await tokenRows()).rows.find((token) => token.name === 'to revoke')?.revoked).toBe(true);
    expect(await callWith(secret)).toBe(401);
    // The other token still works.
    await expect(page.getByTestId('token-row').filter({ hasText: 'nightly export' }).textContent()).resolves.toMatch(
      /Active/,
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it('refuses a role the person does not have, in the API too', async () => {
    const { page } = r;
    const status = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch('/api/auth/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          name: 'too much',
          roles: ['ADMIN'],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      });
      return response.status;
    });
    expect(status).toBe(403);
    expect((await tokenRows()).rows.map((token) => token.name)).not.toContain('too much');
  });
});
