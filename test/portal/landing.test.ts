import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('landing page', () => {
  it('shows the public promise and live status from the API', async () => {
    const page = await browser.newPage();
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/'));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Transparency');
    await expect(page.getByTestId('api-status').textContent()).resolves.toMatch(/API ok · database reachable/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('links the three areas: public, staff and audit', async () => {
    const page = await browser.newPage();
    await page.goto(portalUrl('/'));
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.waitForURL(/\/staff$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Staff');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(/\/audit$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Audit log');
    await page.close();
  });

  it("sends React's and Next.js's scripts marked for compiling off the main thread (scripts/compile-hints.ts)", async () => {
    const manifest = JSON.parse(
      readFileSync(path.join(__dirname, '../../apps/portal/.next/build-manifest.json'), 'utf8'),
    ) as { rootMainFiles: string[] };
    const html = await (await fetch(portalUrl('/'))).text();
    expect(manifest.rootMainFiles.length).toBeGreaterThan(0);
    for (const file of manifest.rootMainFiles) {
      // The page loads each of them, and each arrives with V8's hint as its first line.
      expect(html).toContain(`/_next/${file}`);
      const script = await (await fetch(portalUrl(`/_next/${file}`))).text();
      expect(script.startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    }
  });
});
