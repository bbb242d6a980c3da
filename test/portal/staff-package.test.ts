// The disclosure package on the request page (/staff/requests/{id}), in Chromium against the built portal and API:
// a reviewer prepares the package of a DECIDED request and is not offered its approval; an approver (another
// person) approves it and makes the one-time link, which is shown once and opens the authority's page. Each step is
// checked in the database; the panel is checked with axe-core and photographed at 1280 and 360 px.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Browser } from 'playwright-core';
import { createStaff } from '../support/auth';
import { overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { type CourtPki, makeCourtPki, registerAuthority } from '../support/court-pki';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { decidedRequest } from '../api/disclosures.fixtures';
import { requestRow } from '../api/requests.fixtures';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let pki: CourtPki;
let requestId: string;
let preparer: PortalStaff;
let approver: PortalStaff;

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  pki = makeCourtPki();
  const t = { url: apiUrl(''), db };
  const [intake, reviewer, verifier, admin] = await Promise.all([
    createStaff(t, ['INTAKE'], 'pkgui-intake'),
    createStaff(t, ['REVIEWER'], 'pkgui-reviewer'),
    createStaff(t, ['APPROVER'], 'pkgui-verifier'),
    createStaff(t, ['ADMIN'], 'pkgui-admin'),
  ]);
  [preparer, approver] = await Promise.all([
    createPortalStaff(db, ['REVIEWER'], 'Rita Reviewer'),
    createPortalStaff(db, ['APPROVER'], 'Anton Approver'),
  ]);
  const courtId = (await registerAuthority(t, admin, { certificate: pki.caPem })).id;
  const username = `pkgui_${randomUUID().slice(0, 8)}`;
  await db.query(`INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ($1, $2, $3)`, [
    `acct_${username}`,
    username,
    `+4916${String(Date.now()).slice(-9)}`,
  ]);
  // Two connections inside the window and one outside it: the package holds two.
  await db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip)
     VALUES ($1, '2025-12-05T10:00:00Z', '192.0.2.10'), ($1, '2025-12-06T10:00:00Z', '192.0.2.11'),
            ($1, '2026-02-01T10:00:00Z', '192.0.2.12')`,
    [`acct_${username}`],
  );
  requestId = await decidedRequest(t, pki, { intake, reviewer, approver: verifier }, courtId, {
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
}, 120_000);
afterAll(async () => {
  await browser.close();
  await db.end();
  pki.close();
});

const requestPage = () => portalUrl(`/staff/requests/${requestId}`);
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

describe('the disclosure package on the request page', () => {
  it('is prepared by one person, approved and handed over by another', async () => {
    const first = await logInThroughPortal(browser, preparer, portalUrl);
    const errors = watchForErrors(first.page, refusalsLogged);
    await first.page.goto(requestPage());
    const panel = first.page.getByTestId('disclosure-package');
    await panel.getByRole('button', { name: 'Prepare the package' }).click();
    // The page refreshes after the write: wait for the new state, not the old one.
    await panel
      .getByTestId('package-status')
      .filter({ hasText: /^Prepared/ })
      .waitFor();
    await expect(panel.getByTestId('package-items').textContent()).resolves.toMatch(
      /^2 IP connections, 1 phone numbers, for 1 target/,
    );
    // Four eyes, on the screen too: the preparer is told someone else approves, and is offered no button for it.
    await expect(panel.getByTestId('own-package').isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('button', { name: 'Approve the package' }).count()).resolves.toBe(0);
    expect((await requestRow({ db }, requestId)).status).toBe('DISCLOSURE_PREPARED');
    expect(await seriousViolations(first.page)).toEqual([]);
    await screenshot(first.page, 'package-prepared');
    expect(errors).toEqual([]);
    await first.context.close();

    const second = await logInThroughPortal(browser, approver, portalUrl);
    await second.page.goto(requestPage());
    const theirs = second.page.getByTestId('disclosure-package');
    await theirs.getByRole('button', { name: 'Approve the package' }).click();
    await theirs
      .getByTestId('package-status')
      .filter({ hasText: /^Approved/ })
      .waitFor();
    expect((await requestRow({ db }, requestId)).status).toBe('APPROVED');
    await theirs.getByRole('button', { name: 'Make a one-time link' }).click();
    const shown = (await theirs.getByTestId('package-link').locator('code').textContent())!;
    expect(shown).toMatch(/\/package\/[^/]+$/);
    expect(await seriousViolations(second.page)).toEqual([]);
    await screenshot(second.page, 'package-approved-link');
    await second.page.setViewportSize({ width: 360, height: 800 });
    expect(await overflowsSideways(second.page)).toBe(false);
    await screenshot(second.page, 'package-approved-link');

    // The link opens the authority's page, which describes the package without using it up.
    const authority = await browser.newPage();
    await authority.goto(shown);
    await expect(authority.getByTestId('package-state').getAttribute('data-tone')).resolves.toBe('ok');
    expect((await requestRow({ db }, requestId)).status).toBe('APPROVED');
    await authority.close();
    await second.context.close();
  });
});
