// Corrections stay visible: a period published twice (a first version, then a correction with its changelog) shows
// the latest version at /reports/{period}, and the earlier one, as it was published, at ?version=1, saying what
// replaced it. An old, empty half-year is used so the seeded latest report that other tests read stays the latest.
import { ApproveReportDraft, DraftReport, type ReportVersion } from '@writ/contracts';
import type pg from 'pg';
import type { Browser } from 'playwright-core';
import { createStaff, type TestStaff } from '../support/auth';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { okAs } from '../support/client';
import { apiUrl, openDatabase } from './log-api';

const PERIOD = '2024-H1';
let browser: Browser;
let db: pg.Pool;
let first: ReportVersion;
let second: ReportVersion;

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  const t = { url: apiUrl(''), db };
  const [adminA, adminB]: TestStaff[] = await Promise.all([
    createStaff(t, ['ADMIN'], 'versions-a'),
    createStaff(t, ['ADMIN'], 'versions-b'),
  ]);
  const publish = async (body: Parameters<typeof okAs<typeof DraftReport>>[2]) => {
    const draft = await okAs(t, DraftReport, body, adminA);
    return okAs(t, ApproveReportDraft, { params: { id: draft.id } }, adminB);
  };
  first = await publish({ body: { period: PERIOD } });
  second = await publish({
    body: { period: PERIOD, changelog: { changes: 'Recounted after a late intake.', reason: 'Test correction.' } },
  });
}, 60_000);
afterAll(async () => {
  await browser.close();
  await db.end();
});

describe('report versions', () => {
  it('shows the latest version, links each earlier one, and shows an earlier one as published', async () => {
    expect([first.version, second.version]).toEqual([1, 2]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/reports/${PERIOD}`));
    expect(await page.getByTestId('superseded').count()).toBe(0);
    const versions = page.getByTestId('report-version');
    await expect(versions.count()).resolves.toBe(2);
    await expect(versions.first().getByTestId('version-shown').count()).resolves.toBe(1);
    await expect(versions.first().textContent()).resolves.toContain('Changed: Recounted after a late intake.');

    await versions.nth(1).getByRole('link', { name: 'Read version 1' }).click();
    await page.waitForURL(new RegExp(`/reports/${PERIOD}\\?version=1$`));
    // The address changes before the new page is shown (a client-side navigation): wait for its heading and title.
    await page
      .getByRole('heading', { level: 1, name: `Transparency report ${PERIOD}, version 1`, exact: true })
      .waitFor();
    await page.waitForFunction((title) => document.title.includes(title), `Transparency report ${PERIOD}, version 1`);
    await expect(page.getByTestId('superseded').textContent()).resolves.toMatch(
      /^This is version 1, kept as it was published\. It was corrected by version 2 \(published \d{4}-\d\d-\d\d\): read the latest version\.$/,
    );
    // The version shown is the one checked and the one the filter keeps.
    await expect(page.getByTestId('report-version').nth(1).getByTestId('version-shown').count()).resolves.toBe(1);
    await expect(page.locator('form.report-filter input[name="version"]').getAttribute('value')).resolves.toBe('1');
    await inspectScreen(page, 'public-report-version');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name: 'read the latest version' }).click();
    await page.waitForURL(new RegExp(`/reports/${PERIOD}$`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says when a version does not exist, and answers 404 to an address that is not a version', async () => {
    const page = await browser.newPage();
    await page.goto(portalUrl(`/reports/${PERIOD}?version=3`));
    await expect(page.getByTestId('report-unavailable').textContent()).resolves.toMatch(/version 3|not/i);
    const bad = await page.goto(portalUrl(`/reports/${PERIOD}?version=first`));
    expect(bad!.status()).toBe(404);
    await page.close();
  });
});
