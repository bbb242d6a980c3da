// The public transparency report pages, in Chromium against the seeded report (prisma/seed-requests.ts publishes
// the last ended quarter): the figures shown are the API's, the downloads are the published bytes, the filters are
// plain GET links, and both pages pass axe and fit a 360 px screen.
import { createHash } from 'node:crypto';
import { ALL, COUNT_FIELDS, type ReportList, type ReportVersion } from '@writ/contracts';
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

function shown(value: number | string): string {
  return typeof value === 'number' ? value.toLocaleString('en') : value;
}

const total = () => report.document.rows.find((r) => r.country === ALL && r.legalProcess === ALL)!;

describe('public transparency reports', () => {
  it('the overview shows the latest report’s headline figures and links to it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(portalUrl('/'));
    const card = page.getByTestId('latest-report');
    await expect(card.getByRole('heading').textContent()).resolves.toBe(`Latest transparency report: ${report.period}`);
    for (const field of ['requestsReceived', 'requestsWithDataDisclosed', 'contentDisclosures'] as const) {
      await expect(card.locator(`[data-field="${field}"]`).textContent()).resolves.toBe(shown(total()[field]));
    }
    // The chart's bars for the period carry the same figures, as published.
    const chart = page.getByTestId('periods-chart');
    await expect(chart.locator('rect[data-series="received"]').last().getAttribute('data-value')).resolves.toBe(
      shown(total().requestsReceived),
    );
    await expect(chart.locator('rect[data-series="disclosed"]').last().getAttribute('data-value')).resolves.toBe(
      shown(total().requestsWithDataDisclosed),
    );
    expect(total().contentDisclosures).toBe(0);
    // The seed's report has real figures, not an empty quarter.
    expect(total().requestsReceived).not.toBe(0);
    // "Message content disclosed: 0" is on the first screen, even at 360 px.
    await page.setViewportSize({ width: 360, height: 800 });
    const box = await card.locator('[data-field="contentDisclosures"]').boundingBox();
    expect(box!.y + box!.height).toBeLessThan(800);
    await page.setViewportSize({ width: 1280, height: 900 });
    await inspectScreen(page, 'public-overview');
    await card.getByRole('link', { name: `Read the full ${report.period} report` }).click();
    await page.waitForURL(new RegExp(`/reports/${report.period}$`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the report page shows every row as the API publishes it, its versions and working downloads', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    const response = await page.goto(portalUrl(`/reports/${report.period}`));
    expect(response!.status()).toBe(200);
    await expect(page.title()).resolves.toMatch(`Transparency report ${report.period}`);
    await expect(page.locator('meta[name="description"]').getAttribute('content')).resolves.toMatch(
      /Message content disclosed: 0/i,
    );
    await expect(page.getByTestId('content-disclosed').textContent()).resolves.toBe('Message content disclosed: 0');
    const rows = page.getByTestId('report-row');
    await expect(rows.count()).resolves.toBe(report.document.rows.length);
    for (const [i, row] of report.document.rows.entries()) {
      const cells = await rows.nth(i).locator('td.num').allTextContents();
      // Every count, then the share and the two DSA medians; "—" where the report gives none.
      expect(cells).toEqual([
        ...COUNT_FIELDS.map((field) => shown(row[field])),
        row.shareWithDataDisclosed === null ? '—' : `${(row.shareWithDataDisclosed * 100).toFixed(1)} %`,
        row.medianHoursToAcknowledge === null ? '—' : row.medianHoursToAcknowledge.toFixed(1),
        row.medianHoursToGiveEffect === null ? '—' : row.medianHoursToGiveEffect.toFixed(1),
      ]);
    }
    await expect(
      page.getByRole('columnheader', { name: 'Median hours, receipt to giving effect' }).count(),
    ).resolves.toBe(1);
    // Beside the map, a plain table of the countries with links: what a 360 px screen or a screen reader uses.
    const countries = report.document.rows.filter((r) => r.country !== ALL && r.legalProcess === ALL);
    const countryTable = page.getByTestId('country-list');
    await expect(countryTable.locator('tbody tr').count()).resolves.toBe(countries.length);
    for (const row of countries) {
      await expect(
        countryTable.locator(`tr[data-country="${row.country}"] [data-field="requestsReceived"]`).textContent(),
      ).resolves.toBe(shown(row.requestsReceived));
    }
    await expect(countryTable.getByRole('link').first().getAttribute('href')).resolves.toMatch(
      /^\/countries\/[A-Z]{2}$/,
    );
    const versions = page.getByTestId('report-version');
    await expect(versions.count()).resolves.toBe(report.version);
    await expect(versions.first().textContent()).resolves.toContain(report.sha256);
    await inspectScreen(page, 'public-report');

    // The downloads are reachable from the page's own links and are the published report.
    const hrefs = await versions
      .first()
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs).toHaveLength(3);
    const [json, csv, dsa] = await Promise.all(hrefs.map(async (href) => (await fetch(href)).text()));
    expect(createHash('sha256').update(json!).digest('hex')).toBe(report.sha256);
    expect(JSON.parse(json!)).toEqual(report.document);
    const csvLines = csv!.trim().split(/\r?\n/);
    expect(csvLines[0]).toMatch(/country/i);
    expect(csvLines.length).toBeGreaterThan(report.document.rows.length);
    expect(dsa!.trim().split(/\r?\n/).length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters rows by legal process with a plain GET form, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(portalUrl(`/reports/${report.period}`));
    // The seed's requests include court orders in the reported quarter.
    const process = report.document.rows.find((r) => r.legalProcess !== ALL)!.legalProcess;
    await page.locator('select[name=legalProcess]').selectOption(process);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(new RegExp(`legalProcess=${process}`));
    const expected = report.document.rows.filter((r) => r.legalProcess === process);
    expect(expected.length).toBeLessThan(report.document.rows.length);
    const shownRows = page.getByTestId('report-row');
    await expect(shownRows.count()).resolves.toBe(expected.length);
    for (const [i, row] of expected.entries()) {
      await expect(shownRows.nth(i).locator('td.num').first().textContent()).resolves.toBe(shown(row.requestsReceived));
    }
    await page.goto(portalUrl(`/reports/${report.period}?country=ZZ`));
    await expect(page.getByTestId('report-row').count()).resolves.toBe(0);
    await expect(page.getByTestId('no-rows').textContent()).resolves.toMatch(/No row matches/);
    await context.close();
  });

  it('works from the keyboard alone: skip link, then a filter chosen and applied, with the focus always visible', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/reports/${report.period}`));
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          tag: el?.tagName ?? '',
          name: el?.getAttribute('name') ?? el?.textContent?.trim() ?? '',
          outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
        };
      });
    // The first Tab reaches the skip link, and it shows that it has the focus.
    await page.keyboard.press('Tab');
    const skip = await focused();
    expect([skip.tag, skip.name]).toEqual(['A', 'Skip to content']);
    expect(skip.outline).toBe('solid 3px');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
    // On through the page to the country filter: every stop on the way shows its focus.
    let stop = await focused();
    for (let i = 0; i < 40 && stop.name !== 'country'; i++) {
      await page.keyboard.press('Tab');
      stop = await focused();
      expect([stop.name, stop.outline]).toEqual([stop.name, 'solid 3px']);
    }
    expect(stop).toMatchObject({ tag: 'SELECT', name: 'country' });
    const country = report.document.rows.find((r) => r.country !== ALL)!.country;
    // Type-ahead, as on any select: typing the country's name picks it.
    const label = (await page.locator(`select[name=country] option[value="${country}"]`).textContent())!;
    await page.keyboard.type(label);
    await expect(page.locator('select[name=country]').inputValue()).resolves.toBe(country);
    await page.keyboard.press('Tab'); // the legal process
    await page.keyboard.press('Tab'); // Show
    await expect(focused()).resolves.toMatchObject({ tag: 'BUTTON', name: 'Show' });
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`country=${country}`));
    const shownRows = await page.getByTestId('report-row').count();
    expect(shownRows).toBe(report.document.rows.filter((r) => r.country === country).length);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the browser verifies the report against the log, and says so when the report file is tampered with', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    // The check runs off the page's main thread, in a Web Worker of the portal's own origin.
    const worker = page.waitForEvent('worker');
    await page.goto(portalUrl(`/reports/${report.period}`));
    expect(new URL((await worker).url()).origin).toBe(new URL(portalUrl('/')).origin);
    const check = page.getByTestId('report-check');
    await check.filter({ hasText: 'Verified' }).waitFor();
    await expect(check.getAttribute('data-tone')).resolves.toBe('ok');
    await expect(check.textContent()).resolves.toContain(report.sha256);
    await expect(check.textContent()).resolves.toContain(`#${report.logIndex}`);
    expect(errors).toEqual([]);
    await page.close();

    // The same page, but the server hands out a report.json with one figure changed: the browser must notice.
    const tampered = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The seed's counts are mostly banded; message content disclosed is always an exact 0, and the lie that matters.
    const changed = report.canonical.replace('"contentDisclosures":0', '"contentDisclosures":1');
    expect(changed).not.toBe(report.canonical);
    await tampered.route('**/report.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: changed }),
    );
    await tampered.goto(portalUrl(`/reports/${report.period}`));
    const failed = tampered.getByTestId('report-check');
    await failed.filter({ hasText: 'NOT VERIFIED' }).waitFor();
    await expect(failed.getAttribute('data-tone')).resolves.toBe('bad');
    const sha = createHash('sha256').update(changed).digest('hex');
    await expect(failed.textContent()).resolves.toContain(`hashes to ${sha}, but the log published ${report.sha256}`);
    await tampered.close();
  });

  it('a period that is not one answers 404', async () => {
    const page = await browser.newPage();
    const response = await page.goto(portalUrl('/reports/not-a-period'));
    expect(response!.status()).toBe(404);
    await page.close();
  });
});
