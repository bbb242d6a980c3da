// The whole of a request's life in the staff workspace, through the portal only, in Chromium against the built portal
// and API, by two people: Rita (INTAKE and REVIEWER) logs a request with the court's signed order, starts the review,
// has the signature checked against the registry and records the decisions once Anton (APPROVER) has confirmed the
// check; Rita prepares the package, which she is not offered to approve; Anton approves it and makes the one-time
// link; the authority downloads the zip once (writ-verify checks it), and a second press says in words that it is
// gone. A second request's package (arranged through the API) is exported by another approver through the panel's
// form, and an export from a stale page is refused in words. An auditor then finds every step of the first request,
// from intake to download, in the explorer, and each step's inclusion proof verifies in the browser. Each step is
// checked in the database; the screens are checked with axe-core and photographed at 1280 and 360 px.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApproveDisclosureRoute, buildPath, PrepareDisclosureRoute } from '@writ/contracts';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../support/auth';
import { inspectScreen, overflowsSideways, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, waitForCheck, watchForErrors } from '../support/browser';
import { type CourtPki, makeCourtPki, orderPdf, registerAuthority } from '../support/court-pki';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { decidedRequest, writVerifyPackage } from '../api/disclosures.fixtures';
import { requestRow } from '../api/requests.fixtures';
import { apiUrl, openDatabase, waitForSignedSize } from './log-api';

type LoggedIn = { context: BrowserContext; page: Page };

let browser: Browser;
let db: pg.Pool;
let pki: CourtPki;
let requestId: string;
let exportRequestId: string;
let courtName: string;
let subscriber: string;
/** One login per person per suite: a TOTP code is accepted once. */
let rita: LoggedIn;
let anton: LoggedIn;
let auditor: PortalStaff;
/** Another approver, for the export. */
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
  let clerk: PortalStaff;
  let approver: PortalStaff;
  [clerk, approver, auditor, exporter] = await Promise.all([
    createPortalStaff(db, ['INTAKE', 'REVIEWER'], 'Rita Reviewer'),
    createPortalStaff(db, ['APPROVER'], 'Anton Approver'),
    createPortalStaff(db, ['AUDITOR'], 'Aud Itor'),
    createPortalStaff(db, ['APPROVER'], 'Ede Exporter'),
  ]);
  courtName = `Amtsgericht Journey ${randomUUID().slice(0, 6)}`;
  const courtId = (await registerAuthority(t, admin, { certificate: pki.caPem, name: courtName })).id;
  subscriber = `pkgui_${randomUUID().slice(0, 8)}`;
  await db.query(`INSERT INTO subscriber_account (account_id, username, phone_number) VALUES ($1, $2, $3)`, [
    `acct_${subscriber}`,
    subscriber,
    `+4916${String(Date.now()).slice(-9)}`,
  ]);
  // Two connections inside the window and one outside it: the package holds two.
  await db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip)
     VALUES ($1, '2025-12-05T10:00:00Z', '192.0.2.10'), ($1, '2025-12-06T10:00:00Z', '192.0.2.11'),
            ($1, '2026-02-01T10:00:00Z', '192.0.2.12')`,
    [`acct_${subscriber}`],
  );
  exportRequestId = await decidedRequest(t, pki, { intake, reviewer, approver: verifier }, courtId, {
    statementOfReasons: 'Suspected fraud through the platform.',
    targets: [{ selectorType: 'USERNAME', value: subscriber, role: 'SUSPECT' }],
    categories: [{ category: 'IP_ADDRESS' }, { category: 'PHONE_NUMBER' }],
  });
  apiReviewer = reviewer;
  apiApprover = await createStaff(t, ['APPROVER'], 'pkgui-api-approver');
  downloads = mkdtempSync(path.join(os.tmpdir(), 'writ-package-ui-'));
  rita = await logInThroughPortal(browser, clerk, portalUrl);
  anton = await logInThroughPortal(browser, approver, portalUrl);
}, 180_000);
afterAll(async () => {
  rmSync(downloads, { recursive: true, force: true });
  await browser.close();
  await db.end();
  pki.close();
});

const requestPage = () => portalUrl(`/staff/requests/${requestId}`);
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

const ORDER = orderPdf('Beschluss über Bestandsdaten');

// In order: each test goes on with the request the one before it left.
describe('a request from intake to delivery, by two people', () => {
  it('is logged with its signed order, its signature checked by one person and confirmed by another, then decided', async () => {
    const { page } = rita;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/requests/new'));
    const caseNumber = `3 Gs ${Math.floor(Math.random() * 1e6)}/26`;
    await page.getByLabel('Authority', { exact: true }).selectOption({ label: `${courtName} (DE)` });
    await page.getByLabel('Type of request').selectOption('RECORDS');
    await page.getByLabel('Legal process').selectOption('COURT_ORDER');
    await page.getByLabel('Case number').fill(caseNumber);
    await page.getByLabel('Legal basis').fill('§ 100j StPO');
    await page.getByLabel('Issued').fill('2026-01-10T09:00');
    await page.getByLabel('Statement of reasons').fill('Suspected fraud through the platform.');
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByLabel('Target 1: kind').selectOption('USERNAME');
    await page.getByLabel('Target 1: identifier').fill(subscriber);
    await page.getByLabel('Target 1: data from (UTC)').fill('2025-12-01T00:00');
    await page.getByLabel('Target 1: data until (UTC)').fill('2026-01-01T00:00');
    await page.getByRole('checkbox', { name: 'IP addresses' }).check();
    await page.getByRole('checkbox', { name: 'Phone numbers' }).check();
    await page.getByRole('button', { name: 'Log the request' }).click();
    const created = page.getByTestId('request-created');
    await created.waitFor();
    const row = await db.query<{ id: string }>('SELECT id FROM request WHERE case_number = $1', [caseNumber]);
    requestId = row.rows[0]!.id;
    const window = await db.query<{ from: string; until: string }>(
      `SELECT to_char(window_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS from,
              to_char(window_end AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS until FROM target WHERE request_id = $1`,
      [requestId],
    );
    expect(window.rows).toEqual([{ from: '2025-12-01 00:00', until: '2026-01-01 00:00' }]);

    // The order and the court's detached signature over it, in one upload.
    await created.getByLabel('Kind of document').selectOption('ORDER');
    await created.getByLabel('File', { exact: true }).setInputFiles({
      name: 'order.pdf',
      mimeType: 'application/pdf',
      buffer: ORDER,
    });
    await created.getByLabel('Detached signature (optional)').setInputFiles({
      name: 'order.p7s',
      mimeType: 'application/pkcs7-signature',
      buffer: pki.sign(ORDER),
    });
    await created.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByTestId('upload-done').textContent()).resolves.toMatch(/with its CMS signature$/);
    const stored = await db.query('SELECT signature_format FROM document WHERE request_id = $1', [requestId]);
    expect(stored.rows).toEqual([{ signature_format: 'CMS' }]);
    await inspectScreen(page, 'journey-order-uploaded');

    await created.getByTestId('open-created').click();
    await page.waitForURL(new RegExp(`/staff/requests/${requestId}$`));
    const actions = page.getByTestId('lifecycle-actions');
    await actions.getByRole('button', { name: 'Start review…' }).click();
    await actions.getByRole('button', { name: 'Start review', exact: true }).click();
    await page.getByTestId('timeline').getByText('Received → In review').waitFor();

    // The signature, checked against the court's certificate in the registry: the key it matched is named by the
    // fingerprint the registry page lists it under, and the evidence by the number the policy's reasons use.
    const panel = page.getByTestId('verification-panel');
    await panel.getByRole('button', { name: 'Check the signature of order.pdf' }).click();
    const evidence = panel.getByTestId('verification');
    await evidence.waitFor();
    await expect(evidence.textContent()).resolves.toMatch(/^Evidence #1: signature check: Valid/);
    await expect(evidence.textContent()).resolves.toMatch(
      /Matched the registry key with fingerprint [0-9a-f]{64} \(signer: .*Amtsgericht Test/,
    );
    const registered = await db.query<{ fingerprint: string }>(
      'SELECT k.fingerprint FROM authority_key k JOIN authority a ON a.id = k.authority_id WHERE a.name = $1',
      [courtName],
    );
    await expect(evidence.getByTestId('matched-key').textContent()).resolves.toBe(registered.rows[0]!.fingerprint);
    await expect(
      panel
        .getByRole('listitem')
        .filter({ hasText: /^Evidence #1 \(signature check\): no second staff member has confirmed it\.$/ })
        .count(),
    ).resolves.toBe(1);
    await expect(evidence.getByTestId('four-eyes').textContent()).resolves.toMatch(
      /Waiting for a second person to confirm it: you recorded it, so you cannot\./,
    );
    await expect(panel.getByTestId('assessment').textContent()).resolves.toBe('The order is not verified yet.');
    await inspectScreen(page, 'journey-signature-checked');

    const theirs = anton.page;
    const antonErrors = watchForErrors(theirs);
    await theirs.goto(portalUrl(`/staff/requests/${requestId}`));
    await theirs.getByTestId('verification').getByRole('button', { name: 'Confirm this evidence' }).click();
    await theirs.getByText('The order is verified.').waitFor();
    expect((await requestRow({ db }, requestId)).status).toBe('VERIFIED');

    // The policy's preview: the suspect's IP addresses and phone number are released, with the reasons in words.
    await page.reload();
    const decisions = page.getByTestId('decisions');
    const rows = decisions.getByTestId('decision-row');
    await expect(rows.count()).resolves.toBe(2);
    for (const each of await rows.all())
      await expect(each.getByText('RELEASE', { exact: true }).count()).resolves.toBe(1);
    await inspectScreen(page, 'journey-decision-preview');
    await decisions.getByRole('button', { name: 'Record these decisions' }).click();
    await decisions.getByText(/^Recorded:/).waitFor();
    expect((await requestRow({ db }, requestId)).status).toBe('DECIDED');
    expect(errors).toEqual([]);
    expect(antonErrors).toEqual([]);
  }, 120_000);

  it('is prepared by one person, approved and handed over by another', async () => {
    const first = rita;
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
      /^2 IP connections, 1 phone number, for 1 target/,
    );
    // Four eyes, on the screen too: the preparer is told someone else approves, and is offered no button for it.
    await expect(panel.getByTestId('own-package').isVisible()).resolves.toBe(true);
    await expect(panel.getByRole('button', { name: 'Approve the package' }).count()).resolves.toBe(0);
    expect((await requestRow({ db }, requestId)).status).toBe('DISCLOSURE_PREPARED');
    expect(await seriousViolations(first.page)).toEqual([]);
    await screenshot(first.page, 'package-prepared');
    expect(errors).toEqual([]);

    const second = anton;
    await second.page.goto(requestPage());
    const theirs = second.page.getByTestId('disclosure-package');
    // The approver sends the first package back, with a reason: it is gone, and the request is decided again.
    const reject = theirs.getByRole('button', { name: 'Reject and send back to review' });
    await expect(reject.isDisabled()).resolves.toBe(true);
    await theirs.getByLabel('Reason to reject').fill('The connection window is wider than the order allows.');
    await reject.click();
    await theirs
      .getByTestId('package-status')
      .filter({ hasText: /^Rejected/ })
      .waitFor();
    await expect(theirs.textContent()).resolves.toContain('The connection window is wider than the order allows.');
    expect((await requestRow({ db }, requestId)).status).toBe('DECIDED');
    await screenshot(second.page, 'package-rejected');
    // Prepared again by the first person, then approved by the second.
    await first.page.goto(requestPage());
    await panel.getByRole('button', { name: 'Prepare the package' }).click();
    await panel
      .getByTestId('package-status')
      .filter({ hasText: /^Prepared/ })
      .waitFor();
    await second.page.goto(requestPage());
    await theirs.getByRole('button', { name: 'Approve the package' }).click();
    await theirs
      .getByTestId('package-status')
      .filter({ hasText: /^Approved/ })
      .waitFor();
    expect((await requestRow({ db }, requestId)).status).toBe('APPROVED');
    await theirs.getByRole('button', { name: 'Make a one-time link' }).click();
    const shown = (await theirs.getByTestId('package-link').locator('code').textContent())!;
    expect(shown).toMatch(/\/package\/[^/]+$/);
    // Its expiry beside it at once, and the package's facts say a link exists, without a reload; the button now
    // says that another link would end this one.
    const expiry = (await theirs.getByTestId('package-link-expiry').textContent())!;
    const stored = await db.query<{ expires: string }>(
      `SELECT to_char(download_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC' AS expires
         FROM disclosure WHERE request_id = $1`,
      [requestId],
    );
    expect(expiry).toBe(stored.rows[0]!.expires);
    await theirs.getByTestId('package').getByText(`valid until ${expiry}`).waitFor();
    await theirs.getByRole('button', { name: 'Make a new link (the old one stops working)' }).waitFor();
    await expect(theirs.getByTestId('package-link').locator('code').textContent()).resolves.toBe(shown);
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

  it('shows an auditor every step, from intake to download, in the explorer, each with an inclusion proof that verifies', async () => {
    const steps = [
      'request.created',
      'request.transitioned',
      'verification.recorded',
      'verification.confirmed',
      'decisions.recorded',
      'disclosure.prepared',
      'disclosure.rejected',
      'disclosure.approved',
      'disclosure.link_created',
      'disclosure.downloaded',
    ];
    const { context, page } = await logInThroughPortal(browser, auditor, portalUrl);
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/staff/audit?subjectType=request&subjectId=${requestId}`));
    // Every page view of the request is audited too, so its steps run over more than one page: older ones follow.
    const shown: string[] = [];
    for (;;) {
      shown.push(
        ...(await page
          .getByTestId('event-row')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')!))),
      );
      const older = page.getByTestId('older-events');
      if ((await older.count()) === 0) break;
      const next = portalUrl((await older.getAttribute('href'))!);
      await Promise.all([page.waitForURL(next), older.click()]);
    }
    // Newest first, so the steps read backwards; each step's first appearance comes in the order it was taken.
    const firsts = [...new Set(shown.reverse().filter((action) => steps.includes(action)))];
    expect(firsts).toEqual(steps);
    await inspectScreen(page, 'journey-audit-explorer');
    // The order's upload is an event about the document: found by that subject, from the request's document id.
    const documentId = (await db.query<{ id: string }>('SELECT id FROM document WHERE request_id = $1', [requestId]))
      .rows[0]!.id;
    await page.goto(portalUrl(`/staff/audit?subjectType=document&subjectId=${documentId}`));
    await expect(
      page.getByTestId('event-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action'))),
    ).resolves.toContain('document.uploaded');
    steps.push('document.uploaded');

    // Sequenced by the integrator (every 250 ms) and signed before the auditor checks them.
    let entries: { id: string; action: string; index: string }[] = [];
    for (let tries = 0; tries < 40; tries += 1) {
      const found = await db.query<{ id: string; action: string; index: string }>(
        `SELECT DISTINCT ON (e.action) e.id::text, e.action, l.index::text
           FROM audit_event e JOIN log_entry l ON l.event_id = e.id
          WHERE e.subject_id = ANY($1) AND e.action = ANY($2) ORDER BY e.action, e.id`,
        [[requestId, documentId], steps],
      );
      entries = found.rows;
      if (entries.length === steps.length) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(entries.map((entry) => entry.action).sort()).toEqual([...steps].sort());
    await waitForSignedSize(Math.max(...entries.map((entry) => Number(entry.index))) + 1);
    for (const entry of entries) {
      await page.goto(portalUrl(`/staff/audit/events/${entry.id}`));
      await expect(waitForCheck(page, 'inclusion', 'ok')).resolves.toMatch(/Included: entry \d+ of the signed tree/);
      await expect(page.getByTestId('event-facts').textContent()).resolves.toContain(entry.action);
      if (entry.action === 'disclosure.prepared') {
        // The event names the manifest's hash, never a released value.
        const details = (await page.getByTestId('event-details').textContent())!;
        expect(details).toContain('manifestSha256');
        expect(details).not.toMatch(/192\.0\.2\.1[01]|\+4916/);
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
