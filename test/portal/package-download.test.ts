// The authority's page for its one-time link (/package/{token}), in Chromium against the built portal and API:
// opening it (twice, as a mail scanner and then a person would) uses nothing up; the "Download package" button
// POSTs through the portal's /api proxy, which streams back a real zip; afterwards the page says it was downloaded.
// Checked with axe-core and photographed at 1280 and 360 px into test-results/screens/.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ApproveDisclosureRoute,
  CreateDownloadLinkRoute,
  type DownloadLink,
  PrepareDisclosureRoute,
} from '@writ/contracts';
import type pg from 'pg';
import type { Browser } from 'playwright-core';
import { createStaff } from '../support/auth';
import { overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { okAs } from '../support/client';
import { type CourtPki, makeCourtPki, registerAuthority } from '../support/court-pki';
import { decidedRequest, unzip } from '../api/disclosures.fixtures';
import { requestRow } from '../api/requests.fixtures';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let pki: CourtPki;
let link: DownloadLink;
let requestId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  pki = makeCourtPki();
  const t = { url: apiUrl(''), db };
  const [intake, reviewer, approver, admin] = await Promise.all([
    createStaff(t, ['INTAKE'], 'pkg-intake'),
    createStaff(t, ['REVIEWER'], 'pkg-reviewer'),
    createStaff(t, ['APPROVER'], 'pkg-approver'),
    createStaff(t, ['ADMIN'], 'pkg-admin'),
  ]);
  const courtId = (await registerAuthority(t, admin, { certificate: pki.caPem })).id;
  const username = `pkg_${randomUUID().slice(0, 8)}`;
  await db.query(`INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ($1, $2, $3)`, [
    `acct_${username}`,
    username,
    `+4915${String(Date.now()).slice(-9)}`,
  ]);
  await db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip) VALUES ($1, '2025-12-05T10:00:00Z', '192.0.2.77')`,
    [`acct_${username}`],
  );
  requestId = await decidedRequest(t, pki, { intake, reviewer, approver }, courtId, {
    statementOfReasons: 'Suspected fraud through the platform.',
    targets: [
      {
        selectorType: 'USERNAME',
        value: username,
        role: 'SUSPECT',
        windowStart: '2025-12-01T00:00:00Z',
        windowEnd: '2026-01-01T00:00:00Z',
      },
    ],
    categories: [{ category: 'IP_ADDRESS' }, { category: 'PHONE_NUMBER' }],
  });
  const view = await okAs(t, PrepareDisclosureRoute, { params: { id: requestId } }, reviewer);
  await okAs(t, ApproveDisclosureRoute, { params: { id: view.id } }, approver);
  link = await okAs(t, CreateDownloadLinkRoute, { params: { id: view.id } }, approver);
}, 120_000);
afterAll(async () => {
  await browser.close();
  await db.end();
  pki.close();
});

const pagePath = () => `/package/${link.token}`;

describe('the package page', () => {
  it('describes the link without using it, and the button downloads the zip once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = watchForErrors(page);
    // Twice, as a mail scanner and then the authority would open it.
    for (let i = 0; i < 2; i += 1) {
      await page.goto(portalUrl(pagePath()));
      await expect(page.getByTestId('package-state').getAttribute('data-tone')).resolves.toBe('ok');
    }
    const row = await requestRow({ db }, requestId);
    await expect(page.getByTestId('package-reference').textContent()).resolves.toBe(row.reference);
    expect(row.status).toBe('APPROVED');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'package-ready');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'package-ready');
    await page.setViewportSize({ width: 1280, height: 900 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download package/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${row.reference}-disclosure.zip`.replace(/[^A-Za-z0-9._-]/g, '_'));
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const entries = await unzip(bytes);
    expect([...entries.keys()].sort()).toEqual(['data.csv', 'data.json', 'manifest.note']);
    expect(entries.get('data.json')!.toString()).toContain('192.0.2.77');
    expect((await requestRow({ db }, requestId)).status).toBe('DELIVERED');

    // Afterwards the page says so, and offers no button.
    await page.goto(portalUrl(pagePath()));
    await expect(page.getByTestId('package-state').textContent()).resolves.toContain('Already downloaded');
    await expect(page.getByRole('button', { name: /Download package/ }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'package-delivered');
    // The API itself answers a second download 410.
    const again = await fetch(apiUrl(link.path), { method: 'POST' });
    expect(again.status).toBe(410);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('says plainly when a link is not valid', async () => {
    const page = await browser.newPage();
    await page.goto(portalUrl(`/package/${link.token.slice(0, -3)}`));
    await expect(page.getByTestId('package-state').textContent()).resolves.toContain('This link is not valid');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'package-invalid');
    await page.close();
  });
});
