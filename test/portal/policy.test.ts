// The public policy page in Chromium: the policy in force from GET /policy, rendered from Markdown, with its
// parameters, and its hash recomputed by the browser's Web Crypto.
import { PublishedPolicyResponse } from '@writ/contracts';
import type { Browser } from 'playwright-core';
import { launchBrowser, portalUrl, waitForCheck, watchForErrors } from '../support/browser';
import { apiUrl } from './log-api';
import { startPortalWithoutApi } from './portal-without-api';

let browser: Browser;
let policy: PublishedPolicyResponse;
beforeAll(async () => {
  browser = await launchBrowser();
  policy = PublishedPolicyResponse.parse(await (await fetch(apiUrl('/policy'))).json());
});
afterAll(async () => {
  await browser.close();
});

describe('policy page', () => {
  it('shows the policy text, its version and hash, and verifies the hash in the browser', async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/policy'));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Disclosure policy');

    // Markdown rendered as HTML: headings and emphasis, not raw asterisks and hashes.
    const text = page.getByTestId('policy-text');
    await expect(text.getByRole('heading', { name: 'Writ disclosure policy' }).count()).resolves.toBe(1);
    await expect(text.getByRole('heading', { name: 'What can be released' }).count()).resolves.toBe(1);
    await expect(text.locator('strong').first().textContent()).resolves.toContain(
      'only IP addresses and phone numbers',
    );
    await expect(text.textContent()).resolves.not.toContain('**');

    await expect(page.getByTestId('policy-version').textContent()).resolves.toBe(policy.version);
    await expect(page.getByTestId('policy-hash').textContent()).resolves.toBe(policy.hash);
    await expect(waitForCheck(page, 'policy-hash-check', 'ok')).resolves.toMatch(/hash verified/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the parameters: accepted countries by name, jurisdictions and the longest window', async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/policy'));
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    const countries = page.getByTestId('accepted-countries').getByRole('listitem');
    await expect(countries.count()).resolves.toBe(policy.parameters.acceptedCountries.length);
    const shown = await countries.allTextContents();
    for (const code of policy.parameters.acceptedCountries) expect(shown).toContain(`${names.of(code)} (${code})`);
    expect(policy.parameters.acceptedCountries).toContain('DE');
    expect(shown).toContain('Germany (DE)');

    const jurisdictions = await page.getByTestId('accepted-jurisdictions').textContent();
    if (policy.parameters.acceptedJurisdictions.length === 0) expect(jurisdictions).toBe('None.');
    else for (const name of policy.parameters.acceptedJurisdictions) expect(jurisdictions).toContain(name);
    await expect(page.getByTestId('max-window-days').textContent()).resolves.toContain(
      `${policy.parameters.maxWindowDays} days`,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers the exact hashed document for download, and marks Policy as the current page', async () => {
    const page = await browser.newPage();
    await page.goto(portalUrl('/policy'));
    await waitForCheck(page, 'policy-hash-check', 'ok');
    const href = await page.getByRole('link', { name: /Download the exact document/ }).getAttribute('href');
    expect(decodeURIComponent(href!.slice(href!.indexOf(',') + 1))).toBe(policy.document);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await page.close();
  });

  it('says plainly that the policy cannot be shown when the API is down, and what to do about a call that got no answer', async () => {
    const portal = await startPortalWithoutApi();
    try {
      const page = await browser.newPage();
      const errors = watchForErrors(page);
      await page.goto(`${portal.url}/policy`);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Disclosure policy');
      await expect(waitForCheck(page, 'policy-unavailable', 'bad')).resolves.toContain(
        'The policy cannot be shown right now',
      );
      await expect(page.getByTestId('policy-hash').count()).resolves.toBe(0);
      expect(errors).toEqual([]);
      await page.close();

      // The browser's calls through the portal get a 503 that says what to do: a read, try again; a write may or
      // may not have arrived, so first look whether it was recorded.
      const read = await fetch(`${portal.url}/api/policy`);
      expect(read.status).toBe(503);
      await expect(read.json()).resolves.toEqual({
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message:
            'The Writ API cannot be reached right now. Try again in a minute; if it stays like this, tell the administrator.',
        },
      });
      const write = await fetch(`${portal.url}/api/auth/logout`, { method: 'POST' });
      expect(write.status).toBe(503);
      await expect(write.json()).resolves.toMatchObject({
        error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('may not have been recorded. Reload') },
      });
    } finally {
      await portal.stop();
    }
  });
});
