// Every public page in one sweep: axe-core finds no serious or critical violation at desktop and at 360 px, and no
// page scrolls sideways on a phone (issue 14, "Quality"). Pages with their own tests check their content there.
import { ALL, type ReportList, type ReportVersion } from '@writ/contracts';
import type { Browser } from 'playwright-core';
import { overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl } from '../support/browser';
import { apiUrl } from './log-api';

let browser: Browser;
let pages: string[];
beforeAll(async () => {
  browser = await launchBrowser();
  const list = (await (await fetch(apiUrl('/reports'))).json()) as ReportList;
  const period = [...list.items].sort((a, b) => b.period.localeCompare(a.period))[0]!.period;
  const report = (await (await fetch(apiUrl(`/reports/${period}`))).json()) as ReportVersion;
  const country = report.document.rows.find((r) => r.country !== ALL)!.country;
  pages = [
    '/',
    '/policy',
    '/audit',
    '/countries',
    `/countries/${country}`,
    '/canary',
    `/reports/${period}`,
    '/staff/login',
  ];
});
afterAll(async () => {
  await browser.close();
});

describe('every public page', () => {
  it('has no serious or critical axe violation and fits a 360 px screen', async () => {
    const found: Record<string, unknown> = {};
    for (const path of pages) {
      for (const width of [1280, 360]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        const response = await page.goto(portalUrl(path), { waitUntil: 'networkidle' });
        expect([path, response!.status()]).toEqual([path, 200]);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[`${path} @${width}`] = violations;
        if (width === 360) expect([path, await overflowsSideways(page)]).toEqual([path, false]);
        await screenshot(page, `sweep${path.replaceAll('/', '-') || '-home'}`);
        await page.close();
      }
    }
    expect(found).toEqual({});
  });
});
