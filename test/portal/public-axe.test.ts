// Every public page in one sweep: axe-core finds no serious or critical violation at desktop and at 360 px, and no
// page scrolls sideways on a phone (issue 14, "Quality"). Pages with their own tests check their content there.
import { ALL, type ReportList, type ReportVersion } from '@writ/contracts';
import type { Browser } from 'playwright-core';
import { inspectScreen, overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { tabTo } from '../support/keyboard';
import { apiUrl } from './log-api';

jest.setTimeout(90_000);

let browser: Browser;
let period: string;
let country: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const list = (await (await fetch(apiUrl('/reports'))).json()) as ReportList;
  period = [...list.items].sort((a, b) => b.period.localeCompare(a.period))[0]!.period;
  const report = (await (await fetch(apiUrl(`/reports/${period}`))).json()) as ReportVersion;
  country = report.document.rows.find((r) => r.country !== ALL)!.country;
});
afterAll(async () => {
  await browser.close();
});

const PAGES: [string, () => string][] = [
  ['overview', () => '/'],
  ['policy', () => '/policy'],
  ['audit', () => '/audit'],
  ['countries', () => '/countries'],
  ['country', () => `/countries/${country}`],
  ['canary', () => '/canary'],
  ['report', () => `/reports/${period}`],
  ['staff login', () => '/staff/login'],
];

describe('every public page', () => {
  it.each(PAGES)('%s: no serious or critical axe violation, and it fits a 360 px screen', async (name, path) => {
    for (const width of [1280, 360]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const response = await page.goto(portalUrl(path()));
      expect(response!.status()).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);
      if (width === 360) expect(await overflowsSideways(page)).toBe(false);
      await screenshot(page, `sweep-${name.replace(' ', '-')}`);
      await page.close();
    }
  });
});

describe('titles and descriptions', () => {
  it('every public page has its own title and its own description', async () => {
    const seen: { path: string; title: string; description: string | null }[] = [];
    for (const [, path] of PAGES) {
      const html = await (await fetch(portalUrl(path()))).text();
      const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
      const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? null;
      seen.push({ path: path(), title, description });
    }
    for (const page of seen) {
      expect([page.path, page.title.length > 0, (page.description ?? '').length >= 50]).toEqual([
        page.path,
        true,
        true,
      ]);
    }
    expect(new Set(seen.map((page) => page.title)).size).toBe(seen.length);
    expect(new Set(seen.map((page) => page.description)).size).toBe(seen.length);
  });
});

describe('an address with no page', () => {
  it('answers 404 with a page that says so and leads back, keyboard first, without an axe violation', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
    const response = await page.goto(portalUrl('/reportz/2026-Q3'));
    expect(response!.status()).toBe(404);
    await expect(page.title()).resolves.toBe('Page not found · Writ');
    await expect(page.getByTestId('not-found').textContent()).resolves.toMatch(/^There is no page at this address/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await overflowsSideways(page)).toBe(false);
    // The way back is reachable from the keyboard: past the skip link and the menu, to "Transparency reports".
    expect(await tabTo(page, 'Transparency reports', 20)).toBe('Transparency reports');
    await page.keyboard.press('Enter');
    await page.waitForURL(portalUrl('/'));
    await screenshot(page, 'not-found-then-overview');
    await page.close();
  });
});

describe('a page whose rendering fails', () => {
  it('shows the error page with focus on what happened, recovers on "Try again" and leads back, without an axe violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A browser in which formatting a date throws, until told otherwise: the audit page's checks render the moment
    // they fetched the checkpoint, so rendering them fails as an unforeseen bug would.
    await page.addInitScript(() => {
      const original = Date.prototype.toLocaleString;
      Object.assign(window, { failRendering: true });
      Date.prototype.toLocaleString = function (this: Date, ...args: Parameters<Date['toLocaleString']>) {
        if ((window as unknown as { failRendering: boolean }).failRendering) throw new Error('rendering failed (test)');
        return original.apply(this, args);
      };
    });
    const errors = watchForErrors(page, { allow: [/rendering failed \(test\)/] });
    await page.goto(portalUrl('/audit'));
    const alert = page.getByTestId('page-error');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/Nothing you entered was lost/);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'This page could not be shown',
    );
    await inspectScreen(page, 'page-error');
    await expect(page.getByRole('link', { name: 'Back to the start page' }).getAttribute('href')).resolves.toBe('/');

    // The fault passes; "Try again", reached by keyboard, shows the page again without a reload.
    await page.evaluate(() => Object.assign(window, { failRendering: false, sameDocument: true }));
    expect(await tabTo(page, 'Try again', 10)).toBe('Try again');
    await page.keyboard.press('Enter');
    await page.getByTestId('checkpoint-fetched-at').waitFor();
    await expect(page.getByTestId('page-error').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(
      true,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
