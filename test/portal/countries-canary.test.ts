// The country pages, the world map and the warrant canary page, in Chromium against the seeded report: the map's
// links and labels carry the API's figures, each page has a list or table saying the same as its picture, the
// canary page says what a missing statement means, every page passes axe and fits a 360 px screen.
import { ALL, type ReportList, type ReportVersion } from '@writ/contracts';
import type { Browser } from 'playwright-core';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { apiUrl } from './log-api';

let browser: Browser;
let report: ReportVersion;
beforeAll(async () => {
  browser = await launchBrowser();
  const list = (await (await fetch(apiUrl('/reports'))).json()) as ReportList;
  const period = [...list.items].sort((a, b) => b.period.localeCompare(a.period))[0]!.period;
  report = (await (await fetch(apiUrl(`/reports/${period}`))).json()) as ReportVersion;
});
afterAll(async () => {
  await browser.close();
});

const shown = (value: number | string) => (typeof value === 'number' ? value.toLocaleString('en') : value);
const countryTotals = () => report.document.rows.filter((r) => r.country !== ALL && r.legalProcess === ALL);

describe('countries and canary', () => {
  it('the countries page maps every country of the latest report, each a named link, with a list alongside', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/countries'));
    await expect(page.title()).resolves.toMatch(/Countries/);
    const totals = countryTotals();
    expect(totals.length).toBeGreaterThan(0);
    for (const row of totals) {
      const link = page.locator(`figure.world-map a[href="/countries/${row.country}"]`);
      await expect(link.getAttribute('aria-label')).resolves.toContain(`${shown(row.requestsReceived)} requests`);
    }
    // The table says what the map shows, with a link per country: usable where the map is too small to hit.
    const table = page.getByTestId('country-list');
    await expect(table.locator('tbody tr').count()).resolves.toBe(totals.length);
    for (const row of totals) {
      const line = table.locator(`tr[data-country="${row.country}"]`);
      await expect(line.locator('[data-field="requestsReceived"]').textContent()).resolves.toBe(
        shown(row.requestsReceived),
      );
      await expect(line.locator('[data-field="requestsWithDataDisclosed"]').textContent()).resolves.toBe(
        shown(row.requestsWithDataDisclosed),
      );
    }
    await expect(
      page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Countries' })
        .getAttribute('aria-current'),
    ).resolves.toBe('page');
    await inspectScreen(page, 'countries');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a country page shows that country’s figures per period, and the map moves to another country', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    const [first, second] = countryTotals();
    await page.goto(portalUrl(`/countries/${first!.country}`));
    const row = page.getByTestId('country-period').filter({ hasText: report.period });
    await expect(row.locator('td').first().textContent()).resolves.toBe(shown(first!.requestsReceived));
    await expect(row.locator('td').last().textContent()).resolves.toBe('0'); // message content disclosed
    await expect(page.locator(`use.map-current[data-country="${first!.country}"]`).count()).resolves.toBe(1);
    await inspectScreen(page, 'country');
    if (second) {
      await page.locator(`figure.world-map a[href="/countries/${second.country}"]`).click();
      await page.waitForURL(`**/countries/${second.country}`);
      await expect(page.locator('h1').textContent()).resolves.toContain(`(${second.country})`);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the map draws its shapes from one file cached for good, so pages carry only their figures', async () => {
    const first = countryTotals()[0]!;
    const html = await (await fetch(portalUrl(`/countries/${first.country}`))).text();
    // The shapes were once in each page twice (the HTML and Next.js's payload): no path data is left in it.
    expect(html).not.toMatch(/<path\b|\\?"d\\?":\\?"M/);
    const uses = [...html.matchAll(/<use href="(\/map\/world-[0-9a-f]{16}\.svg)#([A-Za-z]+)"/g)];
    expect(uses.map((match) => match[2])).toEqual(expect.arrayContaining(['land', first.country]));
    const file = uses[0]![1]!;
    const response = await fetch(portalUrl(file));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svg = await response.text();
    expect(svg).toContain(`<path id="${first.country}" d="M`);
    const etag = response.headers.get('etag')!;
    const again = await fetch(portalUrl(file), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // A name from an older build is not this map: 404, not a wrong map kept for a year.
    const stale = await fetch(portalUrl('/map/world-0000000000000000.svg'));
    expect(stale.status).toBe(404);
    expect(stale.headers.get('cache-control')).toBe('no-store');
  });

  it('a country code that is not one answers 404', async () => {
    const page = await browser.newPage();
    const response = await page.goto(portalUrl('/countries/XX'));
    expect(response!.status()).toBe(404);
    await page.close();
  });

  it('the canary page shows the seed’s signed, current statement and what absence means', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/canary'));
    await expect(page.title()).resolves.toMatch(/Warrant canary/);
    // prisma/seed.ts publishes the last ended quarter's canary (four eyes), so there is one and it is current.
    const api = await fetch(apiUrl('/canary'));
    expect(api.status).toBe(200);
    const canary = (await api.json()) as { signedNote: string; expired: boolean; statement: string };
    expect(canary.expired).toBe(false);
    await expect(page.getByTestId('canary-note').textContent()).resolves.toBe(canary.signedNote);
    await expect(page.getByTestId('canary-current').count()).resolves.toBe(1);
    await expect(page.getByTestId('canary-missing').count()).resolves.toBe(0);
    expect(canary.signedNote).toMatch(/message content disclosed: 0/i);
    await expect(page.getByRole('heading', { name: 'What its absence means' }).count()).resolves.toBe(1);
    await inspectScreen(page, 'canary');
    expect(errors).toEqual([]);
    await page.close();
  });
});
