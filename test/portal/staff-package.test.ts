// The disclosure package on the request page (/staff/requests/{id}), in Chromium against the built portal and API:
// a reviewer prepares the package of a DECIDED request and is not offered its approval; an approver (another
// person) approves it and makes the one-time link, which is shown once and opens the authority's page; the authority
// downloads the zip once (writ-verify checks it), and a second press says in words that it is gone. A second
// request's package is exported by the approver through the panel's form, and an export from a stale page is
// refused in words. An auditor then finds every step of the first package in the explorer, and one step's
// inclusion proof verifies in the browser. Each step is checked in the database; the panel is checked with axe-core and photographed at
// 1280 and 360 px.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApproveDisclosureRoute, buildPath, PrepareDisclosureRoute } from '@writ/contracts';
import type pg from 'pg';
import type { Browser } from 'playwright-core';
import { createStaff } from '../support/auth';
import { overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, waitForCheck, watchForErrors } from '../support/browser';
import { type CourtPki, makeCourtPki, registerAuthority } from '../support/court-pki';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { decidedRequest, writVerifyPackage } from '../api/disclosures.fixtures';
import { requestRow } from '../api/requests.fixtures';
import { apiUrl, openDatabase, waitForSignedSize } from './log-api';

let browser: Browser;
let db: pg.Pool;
let pki: CourtPki;
let requestId: string;
let exportRequestId: string;
let preparer: PortalStaff;
let approver: PortalStaff;
let auditor: PortalStaff;
/** Another approver for the export: one login per person per suite, as a TOTP code is accepted once. */
let exporter: PortalStaff;
let apiReviewer: { headers: Record<string, string> };
let apiApprover: { headers: Record<string, string> };
let downloads: string;

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
  [preparer, approver, auditor, exporter] = await Promise.all([
    createPortalStaff(db, ['REVIEWER'], 'Rita Reviewer'),
    createPortalStaff(db, ['APPROVER'], 'Anton Approver'),
    createPortalStaff(db, ['AUDITOR'], 'Aud Itor'),
    createPortalStaff(db, ['APPROVER'], 'Ede Exporter'),
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
  const order = {
    statementOfReasons: 'Suspected fraud through the platform.',
    targets: [
      {
        selectorType: 'USERNAME' as const,
        value: username,
        role: 'SUSPECT' as const,
        windowStart: '2025-12-01T00:00:00Z',
        windowEnd: '2026-01-01T00:00:00Z',
      },
    ],
    categories: [{ category: 'IP_ADDRESS' as const }, { category: 'PHONE_NUMBER' as const }],
  };
  requestId = await decidedRequest(t, pki, { intake, reviewer, approver: verifier }, courtId, order);
  exportRequestId = await decidedRequest(t, pki, { intake, reviewer, approver: verifier }, courtId, order);
  apiReviewer = reviewer;
  apiApprover = await createStaff(t, ['APPROVER'], 'pkgui-api-approver');
  downloads = mkdtempSync(path.join(os.tmpdir(), 'writ-package-ui-'));
}, 180_000);
afterAll(async () => {
  rmSync(downloads, { recursive: true, force: true });
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
    // "What you can do now" names the step, and points at the panel that takes it.
    await expect(
      first.page.getByTestId('lifecycle-actions').getByTestId('panel-step').allTextContents(),
    ).resolves.toContain('Prepare disclosure');
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
    const authorityContext = await browser.newContext({ acceptDownloads: true });
    const authority = await authorityContext.newPage();
    const authorityErrors = watchForErrors(authority);
    await authority.goto(shown);
    await expect(authority.getByTestId('package-state').getAttribute('data-tone')).resolves.toBe('ok');
    expect((await requestRow({ db }, requestId)).status).toBe('APPROVED');
    // A second tab, opened before the download, still shows the button.
    const stale = await authorityContext.newPage();
    await stale.goto(shown);
    const keyText = (await authority.getByTestId('package-verifier-key').textContent())!.trim();

    // The one download: a zip that writ-verify accepts with the key the page shows.
    const [download] = await Promise.all([
      authority.waitForEvent('download'),
      authority.getByTestId('download-package').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = path.join(downloads, download.suggestedFilename());
    await download.saveAs(zip);
    const verified = writVerifyPackage(keyText, zip);
    expect([verified.code, verified.stderr]).toEqual([0, '']);
    expect(verified.stdout).toMatch(/items: +IP_ADDRESS 2, PHONE_NUMBER 1/);
    const delivered = await requestRow({ db }, requestId);
    expect([delivered.status, delivered.outcome]).toEqual(['DELIVERED', 'DISCLOSED']);

    // Pressing again from the stale tab: the package page says what happened, not a page of JSON.
    await stale.getByTestId('download-package').click();
    await stale.getByTestId('package-refused').waitFor();
    await expect(stale.getByTestId('package-refused').textContent()).resolves.toMatch(/already downloaded/);
    expect(await seriousViolations(stale)).toEqual([]);
    await screenshot(stale, 'package-download-refused');
    expect(authorityErrors).toEqual([]);
    await authorityContext.close();
    await second.context.close();
  }, 120_000);

  it('is exported through the panel by someone who did not prepare it; a stale export is refused in words', async () => {
    const prepared = await fetch(apiUrl(buildPath(PrepareDisclosureRoute.path, { id: exportRequestId })), {
      method: 'POST',
      headers: apiReviewer.headers,
    });
    expect(prepared.status).toBe(201);
    const disclosureId = ((await prepared.json()) as { id: string }).id;
    const approved = await fetch(apiUrl(buildPath(ApproveDisclosureRoute.path, { id: disclosureId })), {
      method: 'POST',
      headers: apiApprover.headers,
    });
    expect(approved.status).toBe(200);

    const { context, page } = await logInThroughPortal(browser, exporter, portalUrl);
    const errors = watchForErrors(page, refusalsLogged);
    const stale = await context.newPage();
    for (const tab of [page, stale]) {
      await tab.goto(portalUrl(`/staff/requests/${exportRequestId}`));
      await tab.getByTestId('disclosure-package').getByRole('checkbox').check();
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-package').click()]);
    const zip = path.join(downloads, `export-${download.suggestedFilename()}`);
    await download.saveAs(zip);
    const key = (await (await fetch(apiUrl('/disclosures/verifier-key'))).text()).trim();
    expect(writVerifyPackage(key, zip).code).toBe(0);
    const row = await requestRow({ db }, exportRequestId);
    expect([row.status, row.outcome]).toEqual(['DELIVERED', 'DISCLOSED']);
    const via = await db.query<{ delivered_via: string }>('SELECT delivered_via FROM disclosure WHERE id = $1', [
      disclosureId,
    ]);
    expect(via.rows[0]!.delivered_via).toBe('EXPORT');

    await stale.getByTestId('export-package').click();
    await stale.getByTestId('export-refused').waitFor();
    await expect(stale.getByTestId('export-refused').textContent()).resolves.toMatch(/already handed over/);
    expect(await seriousViolations(stale)).toEqual([]);
    await screenshot(stale, 'package-export-refused');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows an auditor every step of the package in the explorer, with an inclusion proof that verifies', async () => {
    const steps = ['disclosure.prepared', 'disclosure.approved', 'disclosure.link_created', 'disclosure.downloaded'];
    const { context, page } = await logInThroughPortal(browser, auditor, portalUrl);
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/staff/audit?subjectType=request&subjectId=${requestId}`));
    const actions = await page
      .getByTestId('event-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')!));
    // Newest first, so the steps read backwards.
    expect(actions.filter((action) => steps.includes(action)).reverse()).toEqual(steps);
    // Sequenced by the integrator (every 250 ms) and signed before the auditor checks it.
    let entry: { id: string; index: string } | undefined;
    for (let tries = 0; !entry && tries < 40; tries += 1) {
      const found = await db.query<{ id: string; index: string }>(
        `SELECT e.id::text, l.index::text FROM audit_event e JOIN log_entry l ON l.event_id = e.id
          WHERE e.subject_id = $1 AND e.action = 'disclosure.prepared'`,
        [requestId],
      );
      entry = found.rows[0];
      if (!entry) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { id, index } = entry!;
    await waitForSignedSize(Number(index) + 1);
    await page.goto(portalUrl(`/staff/audit/events/${id}`));
    await expect(waitForCheck(page, 'inclusion', 'ok')).resolves.toMatch(/Included: entry \d+ of the signed tree/);
    await expect(page.getByTestId('event-facts').textContent()).resolves.toContain('disclosure.prepared');
    // The event names the manifest's hash, never a released value.
    const details = (await page.getByTestId('event-details').textContent())!;
    expect(details).toContain('manifestSha256');
    expect(details).not.toMatch(/192\.0\.2\.1[01]|\+4916/);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
