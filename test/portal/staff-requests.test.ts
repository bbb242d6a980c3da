// The staff workspace for requests (/staff/requests, /staff/requests/new, /staff/requests/{id}), driven through the
// real portal in Chromium by three people: an intake clerk logs a request and its order, a reviewer finds it in the
// queue and starts the review, an auditor may read but neither log nor move it. What they did is checked in the
// database. Each person logs in once (the login routes are rate limited per address), the clerk twice: once more
// after their session ended. Every main screen is checked with axe-core and photographed at 1280 and 360 px into
// test-results/screens/.
import { createHash, randomUUID } from 'node:crypto';
import { SEARCH_COUNT_LIMIT, type StaffRole } from '@writ/contracts';
import { generate } from 'otplib';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inspectScreen, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { focusedName, tabTo } from '../support/keyboard';
import { createPortalStaff, type PortalStaff } from '../support/portal-staff';
import { endSessions, logInAgainElsewhere } from '../support/session';
import { textWords } from '../../apps/api/src/requests/search';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;

type Person = PortalStaff;
const person = (roles: StaffRole[], name: string): Promise<Person> => createPortalStaff(db, roles, name);

/** The login page's two steps, on a page already showing it; then waits for where the portal sends the person. */
async function passLogin(page: Page, who: Person, landing: RegExp): Promise<void> {
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/Code from your authenticator/).fill(await generate({ secret: who.totpSecret }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(landing);
}

async function logIn(who: Person): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portalUrl('/staff/login'));
  await passLogin(page, who, /\/staff$/);
  return { context, page };
}

/** A write through the portal's /api route with the page's own session and CSRF token, as a hand-made call would. */
async function callAsPage(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async (call) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api${call.path}`, {
        method: call.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(call.body),
      });
      return response.status;
    },
    { method, path, body },
  );
}

async function navLinks(page: Page): Promise<string[]> {
  return page.getByTestId('staff-nav').getByRole('link').allTextContents();
}

const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

/** A small file that is a PDF by its magic bytes, padded so that the upload takes a few progress events. */
const ORDER_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% order of the Amtsgericht\n'),
  Buffer.alloc(3 * 1024 * 1024, 0x20),
  Buffer.from('\n%%EOF\n'),
]);
const ORDER_SHA256 = createHash('sha256').update(ORDER_PDF).digest('hex');

const caseNumber = `4 Gs ${Math.floor(Math.random() * 1e6)}/26`;
let clerk: Person;
let reviewer: Person;
let auditor: Person;
let approver: Person;
let c: { context: BrowserContext; page: Page };
let r: { context: BrowserContext; page: Page };
let a: { context: BrowserContext; page: Page };
let p: { context: BrowserContext; page: Page };
let requestId: string;
let reference: string;

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  [clerk, reviewer, auditor, approver] = await Promise.all([
    person(['INTAKE'], 'Ina Intake'),
    person(['REVIEWER'], 'Rex Reviewer'),
    person(['AUDITOR'], 'Aud Auditor'),
    person(['APPROVER'], 'Ada Approver'),
  ]);
  c = await logIn(clerk);
  r = await logIn(reviewer);
  a = await logIn(auditor);
  p = await logIn(approver);
}, 60_000);
afterAll(async () => {
  await browser.close();
  await db.end();
});

// In order: each test works on the request the one before it made.
describe('the requests workspace', () => {
  it('shows each person only the places their roles open', async () => {
    expect(await navLinks(c.page)).toEqual(['Your account', 'Requests', 'Log a request']);
    expect(await navLinks(r.page)).toEqual(['Your account', 'Requests', 'Users to notify']);
    expect(await navLinks(a.page)).toEqual(['Your account', 'Requests', 'Users to notify', 'Audit explorer']);
    expect(await navLinks(p.page)).toEqual(['Your account', 'Requests']);
  });

  it('says below the authority choice, when one is suspended, that suspended authorities are not listed and why', async () => {
    const { page } = c;
    const errors = watchForErrors(page);
    const note = page.getByTestId('suspended-authorities');
    // Other suites may leave a suspended authority behind: the note is there exactly when one exists.
    const anySuspended = async () =>
      (await db.query("SELECT 1 FROM authority WHERE status = 'SUSPENDED' LIMIT 1")).rowCount! > 0;
    const before = await anySuspended();
    await page.goto(portalUrl('/staff/requests/new'));
    await page.getByRole('heading', { level: 1, name: 'Log a request' }).waitFor();
    await expect(note.count()).resolves.toBe(before ? 1 : 0);

    const name = `Amtsgericht Ruhestadt ${randomUUID().slice(0, 6)}`;
    const id = randomUUID();
    await db.query(
      `INSERT INTO authority (id, name, kind, country, jurisdiction, status, updated_at)
       VALUES ($1, $2, 'COURT', 'DE', 'Test jurisdiction', 'SUSPENDED', now())`,
      [id, name],
    );
    try {
      await page.reload();
      await expect(note.textContent()).resolves.toBe(
        'Suspended authorities are not listed: they cannot send new requests. An admin can re-activate one in the ' +
          'registry (a second admin approves).',
      );
      const select = page.getByLabel('Authority', { exact: true });
      await expect(select.locator('option', { hasText: name }).count()).resolves.toBe(0);
      // Read with the field, after what the field itself needs.
      const describedBy = (await select.getAttribute('aria-describedby'))!.split(' ');
      expect(describedBy).toContain('f-authorityId-note');
      await expect(note.getByRole('link', { name: 'registry' }).getAttribute('href')).resolves.toBe(
        '/staff/registry?status=SUSPENDED',
      );
      await inspectScreen(page, 'new-request-suspended');
    } finally {
      await db.query('DELETE FROM authority WHERE id = $1', [id]);
    }
    expect(errors).toEqual([]);
  });

  it('logs a request: errors beside their fields before anything is sent, one request for a double submit, then the order with a progress bar', async () => {
    const { page } = c;
    const errors = watchForErrors(page);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/requests') posts.push(request.url());
    });
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Log a request' }).click();
    await page.waitForURL(/\/staff\/requests\/new$/);
    await page.getByRole('heading', { level: 1, name: 'Log a request' }).waitFor();
    await inspectScreen(page, 'new-request');

    // What must be given is marked so, beside the label and on the field.
    const authorityField = page.locator('.field', { has: page.locator('#f-authorityId') });
    await expect(authorityField.innerText()).resolves.toMatch(/^Authority \(required\)/);
    await expect(
      page.getByLabel('Authority', { exact: true }).evaluate((el) => (el as HTMLSelectElement).required),
    ).resolves.toBe(true);
    await expect(
      page.getByLabel('Target 1: identifier').evaluate((el) => (el as HTMLInputElement).required),
    ).resolves.toBe(true);
    // What may be left out at intake but no release goes without is said beside the field, and read with it.
    const description = (label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' '),
      );
    await expect(description('Issued')).resolves.toBe('Needed for any release.');
    await expect(description('Case number')).resolves.toBe('Needed for any release.');
    await expect(description('Statement of reasons')).resolves.toMatch(
      /^Needed for any release, unless the order names an offence/,
    );
    await expect(description('Offence')).resolves.toBe('');

    // Nothing filled in but a period that ends before it starts: the shared contract's own words, next to each
    // field, and no call to the API.
    await page.getByLabel('Target 1: data from (UTC)').fill('2026-02-01T00:00');
    await page.getByLabel('Target 1: data until (UTC)').fill('2026-01-01T00:00');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await page.getByTestId('error-summary').waitFor();
    await expect(page.getByTestId('error-targets.0.value').textContent()).resolves.toMatch(/platform account id/);
    await expect(page.getByTestId('error-hasNdo').textContent()).resolves.toBe('choose Yes or No');
    await expect(page.getByTestId('error-targets.0.windowEnd').textContent()).resolves.toBe(
      'must be after the start of the time window',
    );
    await expect(page.getByTestId('error-categories').textContent()).resolves.toMatch(/at least one data category/);
    await expect(page.getByTestId('error-authorityId').textContent()).resolves.toBe(
      'choose the authority that sent the request',
    );
    const summary = await page.getByTestId('error-summary').textContent();
    expect(summary).toContain('Target 1: identifier: must be a platform account id');
    expect(summary).toContain('Gag order: choose Yes or No');
    expect(summary).toContain('Target 1: data until (UTC): must be after the start of the time window');
    await expect(page.getByLabel('Target 1: identifier').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'new-request-errors');
    expect(posts).toEqual([]);

    await page.getByLabel('Authority', { exact: true }).selectOption({ label: 'Amtsgericht Berlin-Tiergarten (DE)' });
    await page.getByLabel('Type of request').selectOption('RECORDS');
    await page.getByLabel('Legal process').selectOption('COURT_ORDER');
    await page.getByLabel('Case number').fill(caseNumber);
    // Due in two days: "due soon" in the queue.
    const due = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 16);
    await page.getByLabel('Answer due').fill(due);
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByLabel('Target 1: kind').selectOption('PHONE_NUMBER');
    await page.getByLabel('Target 1: identifier').fill('+49 30 1234 5678');
    await page.getByLabel('Target 1: data from (UTC)').fill('');
    await page.getByLabel('Target 1: data until (UTC)').fill('');
    await page.getByRole('button', { name: 'Add a target' }).click();
    await page.getByLabel('Target 2: kind').selectOption('USERNAME');
    await page.getByLabel('Target 2: identifier').fill('@night_owl');
    await page.getByRole('checkbox', { name: 'IP addresses' }).check();
    await page.getByRole('checkbox', { name: 'Phone numbers' }).check();

    // A double submit, as an impatient double click that beats the disabled button: two POSTs, one request.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('[data-testid="new-request-form"]')!;
      form.requestSubmit();
      form.requestSubmit();
    });
    const created = page.getByTestId('request-created');
    await created.waitFor();
    expect(posts).toHaveLength(2);
    const rows = await db.query<{ id: string; reference: string; status: string }>(
      'SELECT id, reference, status FROM request WHERE case_number = $1',
      [caseNumber],
    );
    expect(rows.rows).toHaveLength(1);
    ({ id: requestId, reference } = rows.rows[0]!);
    expect(rows.rows[0]!.status).toBe('RECEIVED');
    await expect(created.getByRole('heading').textContent()).resolves.toBe(`Logged as ${reference}`);
    const targets = await db.query<{ value: string }>('SELECT value FROM target WHERE request_id = $1 ORDER BY value', [
      requestId,
    ]);
    expect(targets.rows.map((t) => t.value)).toEqual(['+493012345678', 'night_owl']);

    // The order, with a progress bar while it goes up.
    await page.evaluate(() => {
      const seen = new MutationObserver(() => {
        if (document.querySelector('[data-testid="upload-progress"]')) {
          (window as unknown as { sawProgress: boolean }).sawProgress = true;
        }
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
    await created.getByLabel('Kind of document').selectOption('ORDER');
    await created
      .getByLabel('File')
      .setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: ORDER_PDF });
    await created.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByTestId('upload-done').textContent()).resolves.toContain(ORDER_SHA256);
    expect(await page.evaluate(() => (window as unknown as { sawProgress?: boolean }).sawProgress)).toBe(true);
    const documents = await db.query<{ sha256: string; kind: string }>(
      'SELECT sha256, kind FROM document WHERE request_id = $1',
      [requestId],
    );
    expect(documents.rows).toEqual([{ sha256: ORDER_SHA256, kind: 'ORDER' }]);
    // With the order attached, the next document is supporting unless the clerk says otherwise, and choosing
    // Order again warns why a second one would leave no signature check counting.
    await expect(created.getByLabel('Kind of document').inputValue()).resolves.toBe('SUPPORTING');
    await expect(created.getByTestId('second-order-warning').count()).resolves.toBe(0);
    await created.getByLabel('Kind of document').selectOption('ORDER');
    await expect(created.getByTestId('second-order-warning').textContent()).resolves.toMatch(
      /^This request already has its order\. With two documents marked as the order, no signature check can count/,
    );
    await expect(created.getByLabel('Kind of document').getAttribute('aria-describedby')).resolves.toBe(
      await created.getByTestId('second-order-warning').getAttribute('id'),
    );
    await inspectScreen(page, 'request-created');
    await created.getByLabel('Kind of document').selectOption('SUPPORTING');
    expect(errors).toEqual([]);
  }, 60_000);

  it('finds it in the queue by keyboard search and filters, with its due-soon badge, and says when nothing matches', async () => {
    const { page } = r;
    const errors = watchForErrors(page, refusalsLogged);
    await page.getByTestId('staff-nav').getByRole('link', { name: 'Requests' }).click();
    await page.waitForURL(/\/staff\/requests$/);
    await page.getByTestId('queue').waitFor();
    await inspectScreen(page, 'requests-queue');

    // Status chips: each counts what choosing it lists (the database's count), and following one by keyboard
    // filters the queue and marks it as the current one.
    const received = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM request WHERE status = 'RECEIVED'"))
      .rows[0]!.n;
    await expect(page.getByTestId('chip-RECEIVED').textContent()).resolves.toBe(`Received ${received}`);
    await page.getByTestId('chip-RECEIVED').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="chip-RECEIVED"][aria-current="page"]').waitFor();
    // The form follows the chip: a later search keeps the status chosen by it.
    await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('RECEIVED');
    const shown = await page.getByTestId('queue-row').count();
    expect(shown).toBe(Math.min(received, 50));

    // Soonest due first: the first row is the one the database says is due soonest.
    await page.getByLabel('Order').selectOption('deadline');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/sort=deadline/);
    const soonest = await db.query<{ id: string }>(
      "SELECT id FROM request WHERE status = 'RECEIVED' ORDER BY due_at ASC NULLS LAST, id ASC LIMIT 1",
    );
    await expect(page.getByTestId('queue-row').first().getAttribute('data-request-id')).resolves.toBe(
      soonest.rows[0]!.id,
    );
    await expect(page.getByRole('heading', { name: /due soonest first/ }).count()).resolves.toBe(1);
    await inspectScreen(page, 'requests-queue-deadline');
    await page.goto(portalUrl('/staff/requests'));

    await page.getByRole('searchbox', { name: 'Search requests' }).focus();
    await page.keyboard.type(caseNumber);
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]q=/);
    const rows = page.getByTestId('queue-row');
    await expect(rows.count()).resolves.toBe(1);
    const row = rows.first();
    await expect(row.getAttribute('data-request-id')).resolves.toBe(requestId);
    await expect(row.getByTestId('due-badge').textContent()).resolves.toBe('Due soon');

    await page.getByLabel('Status').selectOption('RECEIVED');
    await page.getByLabel('Type', { exact: true }).selectOption('RECORDS');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/status=RECEIVED/);
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(1);

    await page.getByLabel('Status').selectOption('CLOSED');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/status=CLOSED/);
    await expect(page.getByTestId('queue-empty').textContent()).resolves.toMatch(/No request matches these filters/);
    await inspectScreen(page, 'requests-queue-empty');

    // A country code that does not exist: the API's words, and a way out.
    await page.goto(portalUrl('/staff/requests?country=XX'));
    await expect(page.getByTestId('queue-error').textContent()).resolves.toMatch(/XX/);
    await page.getByRole('link', { name: 'show all requests' }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('narrows the queue to one authority from a request page, to the days received, and to what is overdue', async () => {
    const { page } = r;
    const errors = watchForErrors(page);
    const facts = await db.query<{ authority_id: string; name: string; day: string; next: string }>(
      `SELECT r.authority_id, a.name, to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
              to_char((r.received_at AT TIME ZONE 'UTC') + interval '1 day', 'YYYY-MM-DD') AS next
         FROM request r JOIN authority a ON a.id = r.authority_id WHERE r.id = $1`,
      [requestId],
    );
    const { authority_id: authorityId, name, day, next } = facts.rows[0]!;
    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    await page.getByRole('link', { name: 'other requests from this authority' }).click();
    await page.waitForURL(new RegExp(`authorityId=${authorityId}`));
    await expect(page.getByTestId('authority-filter').textContent()).resolves.toContain(`Only requests from ${name}.`);
    const fromIt = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM request WHERE authority_id = $1', [authorityId])
    ).rows[0]!.n;
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(Math.min(fromIt, 50));
    await expect(page.locator(`[data-testid="queue-row"][data-request-id="${requestId}"]`).count()).resolves.toBe(1);

    // The day it was received, both ends included, keeps it; from the next day on, nothing.
    await page.getByLabel('Received from').fill(day);
    await page.getByLabel('Received until (that day included)').fill(day);
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/receivedTo=/);
    await expect(page.locator(`[data-testid="queue-row"][data-request-id="${requestId}"]`).count()).resolves.toBe(1);
    // A range that ends before it starts: said with the fields' own labels, and the date is marked; nothing listed.
    const until = page.getByLabel('Received until (that day included)');
    await page.getByLabel('Received from').fill(next);
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL((url) => url.searchParams.get('receivedFrom') === next);
    await expect(page.getByTestId('queue-error').textContent()).resolves.toMatch(
      /^“Received until” must not be before “Received from”\.Correct the dates above, or show all requests\.$/,
    );
    await expect(until.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(0);
    await inspectScreen(page, 'requests-queue-range-error');
    await until.fill('');
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('receivedFrom') === next && !url.searchParams.get('receivedTo'),
    );
    await expect(page.getByTestId('queue-empty').textContent()).resolves.toMatch(/No request matches these filters/);
    // Dropping the authority keeps the other filters.
    await page.getByRole('link', { name: 'Show every authority' }).click();
    await page.waitForURL(
      (url) => !url.searchParams.has('authorityId') && url.searchParams.get('receivedFrom') === next,
    );

    // A request whose deadline has passed, unanswered: marked Overdue, and found by "Overdue only".
    const overdueCase = `OD ${Math.floor(Math.random() * 1e6)}/26`;
    const shop = `Kiosk${Math.floor(Math.random() * 1e6)}`;
    const authority = (await db.query<{ id: string }>('SELECT id FROM authority WHERE name = $1', [name])).rows[0]!.id;
    expect(
      await callAsPage(c.page, 'POST', '/requests', {
        type: 'RECORDS',
        legalProcess: 'COURT_ORDER',
        authorityId: authority,
        caseNumber: overdueCase,
        statementOfReasons: `Erpressung des Inhabers von ${shop} über den Messenger.`,
        receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
        dueAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        hasNdo: false,
        targets: [{ selectorType: 'USERNAME', value: 'late_reply', role: 'SUSPECT' }],
        categories: [{ category: 'IP_ADDRESS' }],
      }),
    ).toBe(201);
    await page.goto(portalUrl('/staff/requests'));
    // Found by words of its statement of reasons (full-text search), in another case than written.
    await page.getByLabel('Search requests').fill(`erpress ${shop.toLowerCase()}`);
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/overdue=true/);
    await expect(page.getByTestId('queue-row').count()).resolves.toBe(1);
    await expect(page.getByTestId('queue-row').first().getByTestId('due-badge').textContent()).resolves.toBe('Overdue');

    // A search matching more requests than the API counts: the chips stay, without numbers, and say how to get them.
    // Closed requests of 2001, written directly (a thousand intakes would test nothing more here).
    const word = `Sammelverfahren${Math.floor(Math.random() * 1e6)}`;
    await db.query(
      `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, outcome,
                            statement_of_reasons, search_text, search_vector, created_by_id, updated_at)
       SELECT gen_random_uuid(), 'WR-2001-' || lpad((${Math.floor(Math.random() * 1e5)} * 10000 + i)::text, 12, '0'),
              'RECORDS', 'COURT_ORDER', $1, (SELECT country FROM authority WHERE id = $1), '2001-01-01'::timestamptz + i * interval '1 minute', 'CLOSED',
              'NO_DATA', $2 || CASE WHEN i <= 12 THEN ' Sonderfall' ELSE '' END, '',
              array_to_tsvector(CASE WHEN i <= 12 THEN $5::text[] ELSE $4::text[] END),
              (SELECT id FROM staff LIMIT 1), now()
         FROM generate_series(1, $3::int) i`,
      [authority, word, SEARCH_COUNT_LIMIT + 1, textWords(word), textWords(word, 'Sonderfall')],
    );
    await page.goto(portalUrl(`/staff/requests?q=${word.toLowerCase()}`));
    await expect(page.getByTestId('too-many-to-count').textContent()).resolves.toMatch(
      /^More than 1,000 requests match this search, too many to count by status\. Add a word or a filter/,
    );
    await expect(page.getByTestId('chip-CLOSED').textContent()).resolves.toBe('Closed ');
    await inspectScreen(page, 'requests-queue-too-many-to-count');
    await page.getByLabel('Search requests').fill(`${word} sonder`);
    await page.getByRole('button', { name: 'Show requests' }).click();
    await page.waitForURL(/sonder/);
    await expect(page.getByTestId('chip-CLOSED').textContent()).resolves.toBe('Closed 12');
    await expect(page.getByTestId('too-many-to-count').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the request with its targets, categories and order (hash and download), lets the reviewer start the review, then previews the decisions', async () => {
    const { page } = r;
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/staff/requests?q=${encodeURIComponent(caseNumber)}`));
    // The queue's rows are markup sent as text (queue-table.tsx), yet following one stays within the page as a
    // Link would: nothing set on the window before the click is lost to a reload.
    await page.evaluate(() => Object.assign(window, { queueMarker: 'still here' }));
    // A slow answer (held back here until the test lets it through): the old page stays, and says that the new one
    // is on its way; past six seconds it says what to do instead.
    const isRequestPage = (url: URL) => url.pathname === `/staff/requests/${requestId}`;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(isRequestPage, async (route) => {
      await released;
      await route.continue();
    });
    const navigating = page.getByTestId('navigation-status');
    await expect(navigating.textContent()).resolves.toBe('');
    const clicked = Date.now();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.locator('[data-testid="navigation-status"]', { hasText: 'Loading the page…' }).waitFor();
    await expect(navigating.getAttribute('role')).resolves.toBe('status');
    await page
      .locator('[data-testid="navigation-status"]', { hasText: 'Check your connection, then follow the link again.' })
      .waitFor({ timeout: 10_000 });
    expect(Date.now() - clicked).toBeGreaterThanOrEqual(6000);
    await inspectScreen(page, 'navigation-stalled');
    release();
    await page.waitForURL(new RegExp(`/staff/requests/${requestId}$`));
    await page.getByRole('heading', { level: 1, name: `Request ${reference}` }).waitFor();
    // Followed without a reload, the tab's title changes too.
    await page.waitForFunction((title) => document.title === title, `Request ${reference} · Writ`);
    await page.unroute(isRequestPage);
    await expect(navigating.textContent()).resolves.toBe('');
    await expect(page.evaluate(() => (window as unknown as { queueMarker?: string }).queueMarker)).resolves.toBe(
      'still here',
    );
    await expect(page.getByTestId('targets').textContent()).resolves.toContain('+493012345678');
    await expect(page.getByTestId('categories').textContent()).resolves.toBe('IP addressesPhone numbers');
    await expect(page.getByTestId('document-sha256').textContent()).resolves.toBe(ORDER_SHA256);
    const href = (await page.getByRole('link', { name: 'order.pdf' }).getAttribute('href'))!;
    const downloaded = await page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    }, href);
    expect(downloaded).toBe(ORDER_SHA256);
    // The order is there, so what is attached next is supporting unless chosen otherwise.
    await page.getByText('Attach a document', { exact: true }).click();
    await expect(page.getByTestId('document-upload').getByLabel('Kind of document').inputValue()).resolves.toBe(
      'SUPPORTING',
    );
    await page.getByText('Attach a document', { exact: true }).click();
    await inspectScreen(page, 'request-page');

    // The tab names the request, from the same read as the page: loading it records one request.read, not two.
    const reads = async () =>
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_event
            WHERE action = 'request.read' AND subject_id = $1 AND actor_id = $2`,
          [requestId, reviewer.id],
        )
      ).rows[0]!.n;
    const readsBefore = await reads();
    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    await page.getByRole('heading', { level: 1, name: `Request ${reference}` }).waitFor();
    await page.waitForFunction((title) => document.title === title, `Request ${reference} · Writ`);
    expect(await reads()).toBe(readsBefore + 1);
    // On a phone (and narrower still) the reference breaks only after a hyphen, never inside its year or number.
    for (const width of [360, 280]) {
      await page.setViewportSize({ width, height: 800 });
      const lines = await page.locator('h1 .reference').evaluate((span) =>
        Array.from(span.childNodes)
          .filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent !== '-')
          .map((node) => {
            const range = document.createRange();
            range.selectNodeContents(node);
            return [node.textContent, range.getClientRects().length];
          }),
      );
      expect(lines.map(([part]) => part).join('-')).toBe(reference);
      expect(lines.every(([, rects]) => rects === 1)).toBe(true);
    }
    await screenshot(page, 'request-heading');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The reviewer's steps from RECEIVED, and only those.
    const actions = page.getByTestId('lifecycle-actions');
    expect(await actions.getByTestId('transition').allTextContents()).toEqual([
      'Start review…',
      'Record withdrawal by the authority…',
    ]);
    // By keyboard: Enter on a step puts the focus in its form, Cancel hands it back to the step's button.
    await page.locator('#next-steps').focus();
    expect(await tabTo(page, 'Start review…', 5)).toBe('Start review…');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Reason, in words (optional)');
    expect(await tabTo(page, 'Cancel', 3)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Start review…');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Order looks complete.');
    await actions.getByRole('button', { name: 'Start review', exact: true }).click();
    // The page reloads its data after the step; the history then shows it, with the reason.
    await page.getByTestId('timeline').getByText('Received → In review').waitFor();
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain(
      'Received → In review — Order looks complete.',
    );
    // The history says who did what, in words, to everyone who may open the request: the clerk's intake and
    // upload, the reviewer's step; the reads are left out until asked for; the audit codes are for auditors.
    const history = page.getByTestId('timeline');
    await expect(history.locator('li', { hasText: 'Logged as received' }).textContent()).resolves.toContain(
      clerk.email,
    );
    await expect(history.locator('li', { hasText: 'Uploaded order.pdf (order' }).textContent()).resolves.toContain(
      clerk.email,
    );
    await expect(history.locator('li', { hasText: 'Received → In review' }).textContent()).resolves.toContain(
      reviewer.email,
    );
    await expect(history.getByText('Opened the request').count()).resolves.toBe(0);
    await expect(page.getByTestId('history-action').count()).resolves.toBe(0);
    const status = await db.query<{ status: string }>('SELECT status FROM request WHERE id = $1', [requestId]);
    expect(status.rows[0]!.status).toBe('IN_REVIEW');
    // In review, the policy's preview: every target × category, each with its reasons in words and the policy's
    // hash. The order is not verified yet, so nothing is released.
    const preview = page.getByTestId('decisions');
    await expect(preview.getByTestId('decision-row').count()).resolves.toBe(4);
    for (const row of await preview.getByTestId('decision-row').all()) {
      await expect(row.getByText('DENY', { exact: true }).count()).resolves.toBe(1);
      expect((await row.locator('.reasons li').count()) > 0).toBe(true);
    }
    const policy = (await (await fetch(apiUrl('/policy'))).json()) as { hash: string };
    await expect(preview.getByTestId('policy-hash').textContent()).resolves.toBe(policy.hash);
    await inspectScreen(page, 'request-page-in-review');
    // Taken, the step's button goes; the focus waits on the list of what can be done now.
    await expect(focusedName(page)).resolves.toBe('What you can do now');
    // Confirming verification is an approver's step through the verification panel: not offered here.
    expect(await actions.getByTestId('transition').allTextContents()).toEqual([
      'Reject…',
      'Record withdrawal by the authority…',
    ]);
    // The other two steps, opened and cancelled by keyboard: the first field, then the button again.
    expect(await tabTo(page, 'Reject…', 5)).toBe('Reject…');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Why');
    expect(await tabTo(page, 'Cancel', 4)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Reject…');
    expect(await tabTo(page, 'Record withdrawal by the authority…', 3)).toBe('Record withdrawal by the authority…');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toMatch(/^Reason, in words/);
    expect(await tabTo(page, 'Cancel', 3)).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Record withdrawal by the authority…');
    const still = await db.query<{ status: string }>('SELECT status FROM request WHERE id = $1', [requestId]);
    expect(still.rows[0]!.status).toBe('IN_REVIEW');
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows an auditor neither the form nor a step, and the API refuses both anyway', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl('/staff/requests/new'));
    await expect(page.getByTestId('needs-role').textContent()).resolves.toMatch(/needs the role INTAKE/);
    await expect(page.getByTestId('new-request-form').count()).resolves.toBe(0);
    const before = await db.query('SELECT count(*)::int AS n FROM request');
    expect(
      await callAsPage(page, 'POST', '/requests', {
        type: 'RECORDS',
        legalProcess: 'COURT_ORDER',
        authorityId: (await db.query<{ id: string }>('SELECT id FROM authority LIMIT 1')).rows[0]!.id,
        hasNdo: false,
        targets: [{ selectorType: 'USERNAME', value: 'someone', role: 'SUSPECT' }],
        categories: [{ category: 'IP_ADDRESS' }],
      }),
    ).toBe(403);
    await expect(db.query('SELECT count(*)::int AS n FROM request')).resolves.toMatchObject({ rows: before.rows });

    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    await page.getByRole('heading', { level: 1, name: `Request ${reference}` }).waitFor();
    await expect(page.getByTestId('no-actions').textContent()).resolves.toMatch(/Nothing for your role \(AUDITOR\)/);
    await expect(page.getByTestId('transition').count()).resolves.toBe(0);
    const version = (await db.query<{ version: number }>('SELECT version FROM request WHERE id = $1', [requestId]))
      .rows[0]!.version;
    expect(
      await callAsPage(page, 'POST', `/requests/${requestId}/transitions`, {
        to: 'WITHDRAWN',
        version,
      }),
    ).toBe(403);
    const status = await db.query<{ status: string }>('SELECT status FROM request WHERE id = $1', [requestId]);
    expect(status.rows[0]!.status).toBe('IN_REVIEW');
    // An auditor's history also names each event's action and log position, each opening the event in full.
    const codes = await page.getByTestId('history-action').allTextContents();
    expect(codes.some((code) => code.startsWith('request.created'))).toBe(true);
    expect(codes.some((code) => code.startsWith('request.transitioned'))).toBe(true);
    await inspectScreen(page, 'request-page-auditor');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Every read is an audit event too. 200 of them bury nothing: left out by default, the steps stay on the first
    // page; shown, they come 100 to a page and the oldest steps are a few "Older events" away, not gone.
    const reads = await page.evaluate(async (id) => {
      let ok = 0;
      for (let i = 0; i < 200; i++) ok += (await fetch(`/api/requests/${id}`)).ok ? 1 : 0;
      return ok;
    }, requestId);
    expect(reads).toBe(200);
    await page.reload();
    await page.getByTestId('timeline').locator('li', { hasText: 'Logged as received' }).waitFor();
    await expect(page.getByTestId('history-pages').getByRole('link').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Show the reads too' }).click();
    await page.waitForURL(/history=all/);
    const shown = page.getByTestId('history-event');
    await expect(shown.count()).resolves.toBe(100);
    // The newest hundred are the auditor's reads (each page view also reads the evidence and the like).
    expect(await shown.filter({ hasText: 'Opened the request' }).count()).toBeGreaterThan(90);
    await expect(shown.first().textContent()).resolves.toContain(auditor.email);
    let pages = 1;
    while ((await page.getByRole('link', { name: 'Older events' }).count()) > 0 && pages < 6) {
      const before = page.url();
      await page.getByRole('link', { name: 'Older events' }).click();
      await page.waitForURL((url) => url.href !== before && url.searchParams.has('historyCursor'));
      pages += 1;
      await page.getByRole('link', { name: 'Newest events' }).waitFor();
    }
    // Over 200 reads and the steps: at least three pages, the first step on the last.
    expect(pages).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('timeline').textContent()).resolves.toContain('Logged as received');
    // From the history to the event in full, with its proof.
    await page.getByTestId('history-action').filter({ hasText: 'request.created' }).click();
    await page.waitForURL(/\/staff\/audit\/events\/\d+$/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('records a call-back on a registry channel, has it confirmed by a second person, then records the decisions', async () => {
    const review = r.page;
    const errors = watchForErrors(review, refusalsLogged);
    await review.goto(portalUrl(`/staff/requests/${requestId}`));
    const panel = review.getByTestId('verification-panel');
    await expect(panel.getByTestId('assessment').textContent()).resolves.toBe('The order is not verified yet.');
    await panel.getByText('Record a call-back to the authority').click();
    // The channel is one of the authority's registry entries, chosen, never typed.
    await expect(panel.getByLabel('Channel from the registry').evaluate((el) => el.tagName)).resolves.toBe('SELECT');
    // Every field is required, and marked so; left blank, each says what to give.
    await expect(panel.locator('.field', { has: review.locator('#cb-note') }).innerText()).resolves.toMatch(
      /^Note \(required\)/,
    );
    await expect(panel.getByLabel('Note').evaluate((el) => (el as HTMLTextAreaElement).required)).resolves.toBe(true);
    await panel.getByRole('button', { name: 'Record the call-back' }).click();
    await expect(panel.getByTestId('cb-error-contactPerson').textContent()).resolves.toBe(
      'give the name of the person who answered',
    );
    await expect(panel.getByTestId('cb-error-contactedAt').textContent()).resolves.toBe('give the date and time');
    await expect(panel.getByTestId('cb-error-note').textContent()).resolves.toBe(
      'say what was asked and what they answered',
    );
    await screenshot(review, 'call-back-blank');
    await panel.getByLabel('Who answered').fill('Justizsekretärin Meyer');
    // This minute, as a clerk would note it: the request arrived earlier in this run, and a call-back dated before
    // the request was received is refused.
    await panel.getByLabel('When (UTC)').fill(new Date().toISOString().slice(0, 16));
    await panel.getByLabel('What they said').selectOption('CONFIRMED');
    await panel.getByLabel('Note').fill('Called the court registry; the order and case number were confirmed.');
    await panel.getByRole('button', { name: 'Record the call-back' }).click();
    const evidence = panel.getByTestId('verification');
    await evidence.waitFor();
    await expect(evidence.getByTestId('four-eyes').textContent()).resolves.toMatch(
      /Recorded by you .* Waiting for a second person to confirm it: you recorded it, so you cannot\./,
    );
    await expect(evidence.getByRole('button', { name: 'Confirm this evidence' }).count()).resolves.toBe(0);
    // A channel that is not in the registry is refused by the API, whatever a client sends.
    expect(
      await callAsPage(review, 'POST', `/requests/${requestId}/verifications/out-of-band`, {
        contactChannelId: randomUUID(),
        contactPerson: 'Someone',
        contactedAt: new Date().toISOString(),
        outcome: 'CONFIRMED',
        note: 'Number printed on the order.',
      }),
    ).toBe(400);
    const recorded = await db.query('SELECT id FROM verification WHERE request_id = $1', [requestId]);
    expect(recorded.rows).toHaveLength(1);
    await inspectScreen(review, 'verification-recorded');

    // The second person: an approver confirms, and the request is verified.
    const approve = p.page;
    const approverErrors = watchForErrors(approve);
    await approve.goto(portalUrl(`/staff/requests/${requestId}`));
    const theirs = approve.getByTestId('verification-panel').getByTestId('verification');
    await expect(theirs.getByTestId('four-eyes').textContent()).resolves.toMatch(
      /Recorded by another staff member .* Waiting for a second person to confirm it\.$/,
    );
    await theirs.getByRole('button', { name: 'Confirm this evidence' }).click();
    await approve.getByText('The order is verified.').waitFor();
    await expect(theirs.getByTestId('four-eyes').textContent()).resolves.toMatch(/Confirmed by you/);
    const verified = await db.query<{ status: string }>('SELECT status FROM request WHERE id = $1', [requestId]);
    expect(verified.rows[0]!.status).toBe('VERIFIED');
    await inspectScreen(approve, 'verification-confirmed');

    // Back to the reviewer: the preview, then the decisions recorded.
    await review.reload();
    const decisions = review.getByTestId('decisions');
    await expect(decisions.getByTestId('decision-row').count()).resolves.toBe(4);
    await decisions.getByRole('button', { name: 'Record these decisions' }).click();
    await decisions.getByText(/^Recorded:/).waitFor();
    const stored = await db.query('SELECT id FROM decision WHERE request_id = $1', [requestId]);
    expect(stored.rows).toHaveLength(4);
    const decided = await db.query<{ status: string }>('SELECT status FROM request WHERE id = $1', [requestId]);
    expect(decided.rows[0]!.status).toBe('DECIDED');
    await inspectScreen(review, 'decisions-recorded');
    expect(errors).toEqual([]);
    expect(approverErrors).toEqual([]);
  }, 90_000);

  it('closes the request with a reason, then records that the user was told (no gag order)', async () => {
    const { page } = r;
    const errors = watchForErrors(page);
    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    const actions = page.getByTestId('lifecycle-actions');
    await actions.getByRole('button', { name: 'Close without disclosure…' }).click();
    // The lifecycle demands a reason here: asked for before anything is sent.
    await actions.getByRole('button', { name: 'Close without disclosure', exact: true }).click();
    await expect(actions.getByTestId('transition-error').textContent()).resolves.toMatch(/Give the reason in words/);
    await actions.getByLabel('Why').selectOption('INVALID');
    await actions.getByLabel('Reason, in words').fill('The order states neither its legal basis nor its date.');
    await actions.getByRole('button', { name: 'Close without disclosure', exact: true }).click();
    await page.getByTestId('timeline').getByText('Decided → Closed').waitFor();
    const closed = await db.query<{ status: string; outcome: string }>(
      'SELECT status, outcome FROM request WHERE id = $1',
      [requestId],
    );
    expect(closed.rows[0]).toEqual({ status: 'CLOSED', outcome: 'REJECTED_INVALID' });

    await expect(page.getByTestId('gag-order-state').textContent()).resolves.toMatch(/^None/);
    // Asked first: the step is final, so a stray tap records nothing.
    await page.getByRole('button', { name: 'Record that the user was told…' }).click();
    await page.getByText(/has been told about this request\? This cannot be undone\./).waitFor();
    const untold = await db.query<{ told: boolean }>(
      'SELECT user_notified_at IS NOT NULL AS told FROM request WHERE id = $1',
      [requestId],
    );
    expect(untold.rows[0]!.told).toBe(false);
    await page.getByRole('button', { name: 'Yes, record it' }).click();
    await page.locator('[data-testid="user-notified"]', { hasText: /UTC/ }).waitFor();
    // The button is gone with the step; the focus waits on the date recorded.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'user-notified');
    await expect(page.getByTestId('user-notified').textContent()).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
    );
    const told = await db.query<{ told: boolean }>(
      'SELECT user_notified_at IS NOT NULL AS told FROM request WHERE id = $1',
      [requestId],
    );
    expect(told.rows[0]!.told).toBe(true);
    await expect(page.getByRole('button', { name: /^Record that the user was told/ }).count()).resolves.toBe(0);
    await inspectScreen(page, 'request-closed');
    expect(errors).toEqual([]);
  }, 60_000);

  it("records a court's decision on the gag order: checked beside its fields first, then imposed with an end date and lifted; an auditor gets no form and the API refuses", async () => {
    const { page } = r;
    // The one call this test cuts off is logged by Chromium as a failed resource.
    const errors = watchForErrors(page, { allow: [/net::ERR_CONNECTION_FAILED/] });
    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    const version = async () =>
      (await db.query<{ version: number }>('SELECT version FROM request WHERE id = $1', [requestId])).rows[0]!.version;
    const before = await version();
    await page.getByRole('button', { name: "Record a court's decision on the gag order…" }).click();
    const form = page.getByRole('form', { name: "Record a court's decision on the gag order" });
    await form.getByLabel('In force until a date').check();
    await form.getByRole('button', { name: 'Record the gag order' }).click();
    await expect(form.getByTestId('gag-error-ndoEndsAt').textContent()).resolves.toBe(
      'give the date and time the order ends (UTC)',
    );
    await expect(form.getByTestId('gag-error-reason').textContent()).resolves.toBe(
      "give the court's decision and its legal basis",
    );
    await expect(form.getByLabel('Ends (UTC)').getAttribute('aria-invalid')).resolves.toBe('true');
    // The focus goes to the first field to put right.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('ndoEndsAt');
    expect(await version()).toBe(before);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'gag-order-form-errors');

    await form.getByLabel('Ends (UTC)').fill('2027-03-01T12:00');
    await form.getByLabel("The court's decision and its legal basis").fill('AG Tiergarten, 4 Gs 12/26: § 101 StPO.');
    // The connection drops on the first try: the form says how to find out whether it was recorded, keeps what
    // was typed, and sending again records it.
    const isGagOrderCall = (url: URL) => url.pathname === `/api/requests/${requestId}/ndo`;
    await page.route(isGagOrderCall, (route) => route.abort('connectionfailed'));
    await form.getByRole('button', { name: 'Record the gag order' }).click();
    await expect(form.getByTestId('gag-refusal').textContent()).resolves.toBe(
      'This browser cannot reach Writ right now, so this may not have been recorded. Check the connection, reload the page to see whether it was, and try again if not.',
    );
    await page.unroute(isGagOrderCall);
    expect(await version()).toBe(before);
    await expect(form.getByLabel('Ends (UTC)').inputValue()).resolves.toBe('2027-03-01T12:00');
    await form.getByRole('button', { name: 'Record the gag order' }).click();
    await page.locator('[data-testid="gag-order-state"]', { hasText: 'In force until 2027-03-01 12:00 UTC' }).waitFor();
    // Closed, the form hands the focus back to the button that opened it.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      "Record a court's decision on the gag order…",
    );
    const imposed = await db.query<{ has_ndo: boolean; ends: string }>(
      `SELECT has_ndo, to_char(ndo_ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS ends FROM request WHERE id = $1`,
      [requestId],
    );
    expect(imposed.rows[0]).toEqual({ has_ndo: true, ends: '2027-03-01 12:00' });

    await page.getByRole('button', { name: "Record a court's decision on the gag order…" }).click();
    await form.getByLabel(/^No gag order/).check();
    await form.getByLabel("The court's decision and its legal basis").fill('LG Berlin lifted it on appeal.');
    await form.getByRole('button', { name: 'Record the gag order' }).click();
    await page.locator('[data-testid="gag-order-state"]', { hasText: /^None/ }).waitFor();
    expect(errors).toEqual([]);

    // The auditor reads the state but is offered no form, and the API refuses the change anyway.
    const auditorErrors = watchForErrors(a.page, refusalsLogged);
    await a.page.goto(portalUrl(`/staff/requests/${requestId}`));
    await a.page.getByTestId('gag-order-state').waitFor();
    await expect(
      a.page.getByRole('button', { name: "Record a court's decision on the gag order…" }).count(),
    ).resolves.toBe(0);
    const now = await version();
    expect(
      await callAsPage(a.page, 'PUT', `/requests/${requestId}/ndo`, {
        version: now,
        hasNdo: true,
        ndoEndsAt: null,
        reason: 'not mine to record',
      }),
    ).toBe(403);
    expect(await version()).toBe(now);
    expect(auditorErrors).toEqual([]);
  }, 60_000);

  it('says in plain words when the session ended during an upload; logged in again elsewhere, sending again stores it', async () => {
    const { page } = c;
    const errors = watchForErrors(page, refusalsLogged);
    const upload = `UP ${Math.floor(Math.random() * 1e6)}/26`;
    expect(
      await callAsPage(page, 'POST', '/requests', {
        type: 'RECORDS',
        legalProcess: 'COURT_ORDER',
        authorityId: (await db.query<{ id: string }>('SELECT id FROM authority LIMIT 1')).rows[0]!.id,
        caseNumber: upload,
        hasNdo: false,
        targets: [{ selectorType: 'USERNAME', value: 'late_letter', role: 'SUSPECT' }],
        categories: [{ category: 'IP_ADDRESS' }],
      }),
    ).toBe(201);
    const id = (await db.query<{ id: string }>('SELECT id FROM request WHERE case_number = $1', [upload])).rows[0]!.id;
    await page.goto(portalUrl(`/staff/requests/${id}`));
    await page.locator('summary', { hasText: 'Attach a document' }).click();
    const form = page.getByTestId('document-upload');
    // A small file: the API refuses an ended session before it reads the body.
    const letter = Buffer.from('%PDF-1.4\n% letter from the authority\n%%EOF\n');
    await form.getByLabel('File').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: letter });

    await endSessions(db, clerk.id);
    await form.getByRole('button', { name: 'Upload' }).click();
    await expect(form.getByTestId('upload-error').textContent()).resolves.toBe(
      'Your session has ended. Log in again in another tab, then send again.',
    );
    await inspectScreen(page, 'upload-session-ended');
    const stored = () => db.query('SELECT 1 FROM document WHERE request_id = $1', [id]).then((r) => r.rowCount);
    expect(await stored()).toBe(0);

    // The form keeps its file; once the person has logged in again, the same button stores it.
    await logInAgainElsewhere(db, clerk.id);
    await form.getByRole('button', { name: 'Upload' }).click();
    await expect(form.getByTestId('upload-done').textContent()).resolves.toContain(
      createHash('sha256').update(letter).digest('hex'),
    );
    expect(await stored()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it('says when a session has ended and leads back to the same page after logging in again', async () => {
    const { page } = c;
    const errors = watchForErrors(page);
    // Idle past the limit, as after a long lunch.
    await db.query(`UPDATE session SET last_seen_at = now() - interval '1 day' WHERE staff_id = $1`, [clerk.id]);
    await page.goto(portalUrl(`/staff/requests/${requestId}`));
    await expect(page.getByTestId('session-expired').textContent()).resolves.toMatch(/Your session has ended/);
    await expect(page.getByTestId('staff-nav').count()).resolves.toBe(0);
    await inspectScreen(page, 'session-ended');
    await page.getByTestId('login-again').click();
    await page.waitForURL(/\/staff\/login\?next=/);
    await passLogin(page, clerk, new RegExp(`/staff/requests/${requestId}$`));
    await page.getByRole('heading', { level: 1, name: `Request ${reference}` }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
