// Correcting a request on its page (/staff/requests/{id}), driven through the real portal in Chromium against the
// real API and PostgreSQL: an intake clerk corrects a mistyped case number, adds a target and removes another, and
// records that receipt was acknowledged; a change made through the API meanwhile is refused in words and offered
// for reload, never overwritten; an approver and an auditor see none of it and the API refuses them. What the page
// shows is read back through the API with the typed client. The form is checked with axe-core and photographed at
// 1280 and 360 px into test-results/screens/, and used with the keyboard alone.
import { randomUUID } from 'node:crypto';
import {
  AcknowledgeRequestRoute,
  AddTargetsRoute,
  CreateRequestRoute,
  GetAuthority,
  GetRequestRoute,
  ListAuthorities,
  RecordOutOfBandVerificationRoute,
  RemoveTargetRoute,
  type RequestDetail,
  type RouteInput,
  TransitionRequestRoute,
  UpdateRequestRoute,
} from '@writ/contracts';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff, type TestStaff } from '../support/auth';
import { inspectScreen, screenshot, seriousViolations } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { callAs, okAs } from '../support/client';
import { focusedName, focusSettles, tabTo } from '../support/keyboard';
import { createPortalStaff, logInThroughPortal } from '../support/portal-staff';
import { endSessions, logInAgainElsewhere } from '../support/session';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let t: { url: string; db: pg.Pool };
let authorityId: string;
/** Callers of the API with tokens: the clerk's colleague who changes things meanwhile, and the two refused roles. */
let intake: TestStaff;
let reviewerToken: TestStaff;
let approverToken: TestStaff;
let auditorToken: TestStaff;
/** People in the browser. */
let clerk: { context: BrowserContext; page: Page };
let reviewer: { context: BrowserContext; page: Page };
let approver: { context: BrowserContext; page: Page };
let auditor: { context: BrowserContext; page: Page };
let clerkId: string;

/** Chromium logs each refused fetch (a 409, a 401) as a console error: these tests provoke them on purpose. */
const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  t = { url: apiUrl(''), db };
  const [clerkPerson, reviewerPerson, approverPerson, auditorPerson] = await Promise.all([
    createPortalStaff(db, ['INTAKE'], 'Cora Clerk'),
    createPortalStaff(db, ['REVIEWER'], 'Rui Reviewer'),
    createPortalStaff(db, ['APPROVER'], 'Abe Approver'),
    createPortalStaff(db, ['AUDITOR'], 'Aya Auditor'),
  ]);
  clerkId = clerkPerson.id;
  [intake, reviewerToken, approverToken, auditorToken] = await Promise.all([
    createStaff(t, ['INTAKE'], 'correct-intake'),
    createStaff(t, ['REVIEWER'], 'correct-reviewer'),
    createStaff(t, ['APPROVER'], 'correct-approver'),
    createStaff(t, ['AUDITOR'], 'correct-auditor'),
  ]);
  const courts = await okAs(
    t,
    ListAuthorities,
    { query: { q: 'Amtsgericht Berlin-Tiergarten', status: 'ACTIVE' } },
    intake,
  );
  authorityId = courts.items[0]!.id;
  clerk = await logInThroughPortal(browser, clerkPerson, portalUrl);
  reviewer = await logInThroughPortal(browser, reviewerPerson, portalUrl);
  approver = await logInThroughPortal(browser, approverPerson, portalUrl);
  auditor = await logInThroughPortal(browser, auditorPerson, portalUrl);
}, 60_000);
afterAll(async () => {
  await browser.close();
  await db.end();
});

/** A request as logged through the API: two targets, a mistyped case number, received two hours ago. */
function newRequest(overrides: Partial<RouteInput<typeof CreateRequestRoute>['body']> = {}): Promise<RequestDetail> {
  return okAs(
    t,
    CreateRequestRoute,
    {
      body: {
        type: 'RECORDS',
        legalProcess: 'COURT_ORDER',
        authorityId,
        caseNumber: '4 Gs 1234/62',
        legalBasis: '§ 100j StPO',
        issuedAt: hoursAgo(48),
        receivedAt: hoursAgo(2),
        hasNdo: false,
        targets: [
          { selectorType: 'PHONE_NUMBER', value: '+49 30 1234 5678', role: 'SUSPECT' },
          { selectorType: 'USERNAME', value: '@night_owl', role: 'SUSPECT' },
        ],
        categories: [{ category: 'IP_ADDRESS', asWritten: 'IP-Adressen' }, { category: 'PHONE_NUMBER' }],
        ...overrides,
      },
    },
    intake,
    { headers: { 'idempotency-key': randomUUID() } },
  );
}

const read = (id: string) => okAs(t, GetRequestRoute, { params: { id } }, intake);

/** A fact of the summary ("Case number" → its value), as the page shows it. */
function fact(page: Page, name: string) {
  return page.locator('section[aria-labelledby="summary"] dt', { hasText: new RegExp(`^${name}$`) }).locator('+ dd');
}

async function openRequest(page: Page, request: RequestDetail): Promise<void> {
  await page.goto(portalUrl(`/staff/requests/${request.id}`));
  await page.getByRole('heading', { level: 1, name: `Request ${request.reference}` }).waitFor();
}

/** The text that describes a field for a screen reader (its aria-describedby). */
function description(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('correcting a request', () => {
  it('corrects the case number (only what changed is sent), adds a target and removes another; the page and the API show it', async () => {
    const request = await newRequest();
    const { page } = clerk;
    const errors = watchForErrors(page, refusalsLogged);
    const patches: unknown[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'PATCH') patches.push(sent.postDataJSON());
    });
    await openRequest(page, request);
    await expect(fact(page, 'Case number').textContent()).resolves.toBe('4 Gs 1234/62');
    // "What you can do now" names it too, and points at where it is done.
    const steps = page.getByTestId('lifecycle-actions').getByTestId('panel-step');
    await expect(steps.allTextContents()).resolves.toContain('Correct this request');
    await expect(
      steps.filter({ hasText: 'Correct this request' }).evaluate((link) => link.getAttribute('href')),
    ).resolves.toBe('#correct-request');

    await page.getByRole('button', { name: 'Correct this request…' }).click();
    const form = page.getByTestId('correct-request-form');
    await form.waitFor();
    expect(await focusSettles(page, 'Correct this request')).toBe('Correct this request');
    // Every field a correction may change, filled with what the request says now.
    await expect(form.getByLabel('Authority', { exact: true }).inputValue()).resolves.toBe(authorityId);
    await expect(form.getByLabel('Type of request').inputValue()).resolves.toBe('RECORDS');
    await expect(form.getByLabel('Legal process').inputValue()).resolves.toBe('COURT_ORDER');
    await expect(form.getByLabel('Case number').inputValue()).resolves.toBe('4 Gs 1234/62');
    await expect(form.getByLabel('Legal basis').inputValue()).resolves.toBe('§ 100j StPO');
    await expect(form.getByLabel('Offence category (for the reports)').inputValue()).resolves.toBe('');
    await expect(form.getByLabel('Issued').inputValue()).resolves.toBe(request.issuedAt!.slice(0, 16));
    await expect(form.getByLabel('Received').inputValue()).resolves.toBe(request.receivedAt.slice(0, 16));
    await expect(form.getByRole('radio', { name: 'No gag order' }).isChecked()).resolves.toBe(true);
    await expect(form.getByRole('checkbox', { name: 'IP addresses' }).isChecked()).resolves.toBe(true);
    await expect(form.getByRole('checkbox', { name: 'Contacts' }).isChecked()).resolves.toBe(false);
    await expect(form.getByRole('textbox', { name: 'IP addresses as the order words it' }).inputValue()).resolves.toBe(
      'IP-Adressen',
    );
    await inspectScreen(page, 'request-correct');

    // Checked with the shared contract first: the error beside its field, read with it, and nothing sent.
    await form.getByLabel('Received').fill('');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect(form.getByTestId('error-receivedAt').textContent()).resolves.toBe(
      'give the date and time it was received (it can be corrected, not cleared)',
    );
    await expect(description(page, '#f-receivedAt')).resolves.toContain('it can be corrected, not cleared');
    await expect(form.getByLabel('Received').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByTestId('error-summary').textContent()).resolves.toContain('Received: give the date');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'request-correct-errors');
    expect(patches).toEqual([]);

    await form.getByLabel('Received').fill(request.receivedAt.slice(0, 16));
    await form.getByLabel('Case number').fill('4 Gs 1243/26');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByTestId('correct-saved').filter({ hasText: 'Saved.' }).waitFor();
    // The refresh has landed when the summary shows the new value: "Saved." is still there.
    await fact(page, 'Case number').filter({ hasText: '4 Gs 1243/26' }).waitFor();
    await expect(page.getByTestId('correct-saved').textContent()).resolves.toBe('Saved.');
    expect(await focusSettles(page, 'Correct this request…')).toBe('Correct this request…');
    // Only the field that changed, with the version read: not the dates the form shows to the minute.
    expect(patches).toEqual([{ version: request.version, caseNumber: '4 Gs 1243/26' }]);
    const corrected = await read(request.id);
    expect(corrected).toMatchObject({
      caseNumber: '4 Gs 1243/26',
      legalBasis: '§ 100j StPO',
      receivedAt: request.receivedAt,
      categories: request.categories,
      version: request.version + 1,
    });

    // A target added after intake: not named in the order unless ticked, and the form says what that means.
    await page.getByRole('button', { name: 'Add a target…' }).click();
    const add = page.getByTestId('add-target');
    expect(await focusSettles(page, 'Add a target')).toBe('Add a target');
    const named = add.getByRole('checkbox', { name: 'Named in the order' });
    await expect(named.isChecked()).resolves.toBe(false);
    await expect(description(page, '[name="namedInOrder"]')).resolves.toContain(
      'A target not named in the order gets nothing released',
    );
    await add.getByLabel('Kind').selectOption('ACCOUNT_ID');
    await add.getByLabel('Identifier').fill('+49 bad');
    await add.getByRole('button', { name: 'Add this target' }).click();
    await expect(add.getByTestId('error-targets.0.value').textContent()).resolves.toMatch(/platform account id/);
    expect(await focusSettles(page, 'Identifier')).toBe('Identifier');
    await add.getByLabel('Identifier').fill('acct_777');
    // Put right, the value is no longer shown beside a message about the old one.
    await expect(add.getByTestId('error-targets.0.value').count()).resolves.toBe(0);
    await expect(add.getByLabel('Identifier').getAttribute('aria-invalid')).resolves.toBeNull();
    await named.check();
    await inspectScreen(page, 'request-add-target');
    await add.getByRole('button', { name: 'Add this target' }).click();
    await page.getByTestId('targets-note').filter({ hasText: 'Target added: acct_777.' }).waitFor();
    await page.getByTestId('targets').filter({ hasText: 'acct_777' }).waitFor();
    expect(await focusSettles(page, 'Add a target…')).toBe('Add a target…');

    // Removing asks first, naming the target.
    await page.getByRole('button', { name: 'Remove target night_owl' }).click();
    const confirm = page.getByTestId('remove-target');
    await expect(confirm.textContent()).resolves.toContain('Remove the target night_owl (username, suspect)');
    await inspectScreen(page, 'request-remove-target');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect(await focusSettles(page, 'Remove target night_owl')).toBe('Remove target night_owl');
    await page.getByRole('button', { name: 'Remove target night_owl' }).click();
    await confirm.getByRole('button', { name: 'Yes, remove this target' }).click();
    await page.getByTestId('targets-note').filter({ hasText: 'Target removed: night_owl.' }).waitFor();
    await page.getByTestId('targets').filter({ hasNotText: 'night_owl' }).waitFor();
    expect(await focusSettles(page, 'Targets (2)')).toBe('Targets (2)');

    const after = await read(request.id);
    expect(after.targets.map(({ value, namedInOrder }) => ({ value, namedInOrder }))).toEqual([
      { value: '+493012345678', namedInOrder: true },
      { value: 'acct_777', namedInOrder: true },
    ]);
    expect(after.caseNumber).toBe('4 Gs 1243/26');
    expect(errors).toEqual([]);
  }, 90_000);

  it('refuses a correction over a change made meanwhile, in words, changes nothing, and fills the form anew on reload', async () => {
    const request = await newRequest();
    const { page } = clerk;
    const errors = watchForErrors(page, refusalsLogged);
    await openRequest(page, request);
    await page.getByRole('button', { name: 'Correct this request…' }).click();
    const form = page.getByTestId('correct-request-form');
    await form.getByLabel('Case number').fill('4 Gs 9999/26');

    // A colleague corrects the legal basis through the API meanwhile.
    await okAs(
      t,
      UpdateRequestRoute,
      { params: { id: request.id }, body: { version: request.version, legalBasis: '§ 100g StPO' } },
      intake,
    );
    await form.getByRole('button', { name: 'Save the correction' }).click();
    const conflict = page.getByTestId('version-conflict');
    await expect(conflict.locator('p').textContent()).resolves.toBe(
      'This request was changed by someone else (or in another tab) after this page was loaded, so nothing was saved: ' +
        'saving would have overwritten their change. Reload to see the request as it stands now, then make your ' +
        'correction again.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'request-correct-conflict');
    await expect(read(request.id)).resolves.toMatchObject({
      caseNumber: '4 Gs 1234/62',
      legalBasis: '§ 100g StPO',
      version: request.version + 1,
    });

    await conflict.getByRole('button', { name: 'Reload the request' }).click();
    await page.getByTestId('correct-reloaded').waitFor();
    await expect(form.getByLabel('Legal basis').inputValue()).resolves.toBe('§ 100g StPO');
    await expect(form.getByLabel('Case number').inputValue()).resolves.toBe('4 Gs 1234/62');
    await expect(fact(page, 'Legal basis').textContent()).resolves.toBe('§ 100g StPO');
    expect(await focusSettles(page, 'Correct this request')).toBe('Correct this request');
    await form.getByLabel('Case number').fill('4 Gs 9999/26');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await fact(page, 'Case number').filter({ hasText: '4 Gs 9999/26' }).waitFor();
    await expect(read(request.id)).resolves.toMatchObject({ caseNumber: '4 Gs 9999/26', legalBasis: '§ 100g StPO' });

    // A removal over a target added meanwhile: refused too, and the target stays.
    const before = await read(request.id);
    await okAs(
      t,
      AddTargetsRoute,
      {
        params: { id: request.id },
        body: { version: before.version, targets: [{ selectorType: 'USERNAME', value: 'late_one', role: 'WITNESS' }] },
      },
      intake,
    );
    await page.getByRole('button', { name: 'Remove target night_owl' }).click();
    await page.getByTestId('remove-target').getByRole('button', { name: 'Yes, remove this target' }).click();
    await page.getByTestId('remove-target').getByTestId('version-conflict').waitFor();
    expect((await read(request.id)).targets.map((target) => target.value)).toContain('night_owl');
    await page.getByRole('button', { name: 'Reload the request' }).click();
    await page.getByTestId('targets').filter({ hasText: 'late_one' }).waitFor();
    await expect(page.getByTestId('remove-target').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('offers no removal of the last target, and words the API’s refusal of it for people', async () => {
    const only = await newRequest({ targets: [{ selectorType: 'USERNAME', value: '@only_one', role: 'SUSPECT' }] });
    const { page } = clerk;
    const errors = watchForErrors(page, refusalsLogged);
    await openRequest(page, only);
    await expect(page.getByRole('button', { name: /^Remove target/ }).count()).resolves.toBe(0);
    await expect(page.getByTestId('last-target').textContent()).resolves.toBe(
      'A request names at least one target: to replace this one, add the right one first, then remove it.',
    );
    const refused = await callAs(
      t,
      RemoveTargetRoute,
      { params: { id: only.id, targetId: only.targets[0]!.id }, query: { version: only.version } },
      intake,
    );
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('CONFLICT');

    // The page still offers a removal when the other target went without a new version: a state the API never
    // leaves (a removal moves the version on), written straight to the database so that the refusal is seen where
    // a clerk would see it.
    const two = await newRequest();
    await openRequest(page, two);
    const phone = two.targets.find((target) => target.selectorType === 'PHONE_NUMBER')!;
    await db.query('DELETE FROM target WHERE id = $1', [phone.id]);
    await page.getByRole('button', { name: 'Remove target night_owl' }).click();
    await page.getByRole('button', { name: 'Yes, remove this target' }).click();
    await expect(page.getByTestId('remove-target-error').textContent()).resolves.toBe(
      'A request must name at least one target: add the right one first, then remove this one.',
    );
    expect((await read(two.id)).targets.map((target) => target.value)).toEqual(['night_owl']);
    expect(errors).toEqual([]);
  }, 60_000);

  it('records that receipt was acknowledged, at a time given or now; a time the API refuses is said beside the field', async () => {
    const request = await newRequest();
    const { page } = clerk;
    const errors = watchForErrors(page, refusalsLogged);
    await openRequest(page, request);
    await expect(fact(page, 'Acknowledged').textContent()).resolves.toBe('—');
    await page.getByRole('button', { name: 'Record that receipt was acknowledged…' }).click();
    expect(await focusSettles(page, 'Receipt acknowledged to the authority at (UTC)')).toBe(
      'Receipt acknowledged to the authority at (UTC)',
    );
    const field = page.getByLabel('Receipt acknowledged to the authority at (UTC)');
    const shown = Date.parse(`${await field.inputValue()}:00Z`);
    expect(Math.abs(shown - Date.now())).toBeLessThan(2 * 60_000);
    await inspectScreen(page, 'request-acknowledge');

    await field.fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Record that receipt was acknowledged', exact: true }).click();
    await expect(page.getByTestId('error-acknowledgedAt').textContent()).resolves.toBe('must not be in the future');
    await expect(read(request.id)).resolves.toMatchObject({ acknowledgedAt: null });

    const at = new Date(Date.parse(request.receivedAt) + 30 * 60_000).toISOString().slice(0, 16);
    await field.fill(at);
    await page.getByRole('button', { name: 'Record that receipt was acknowledged', exact: true }).click();
    await page.getByTestId('acknowledged').filter({ hasText: 'Recorded: receipt was acknowledged on' }).waitFor();
    await fact(page, 'Acknowledged')
      .filter({ hasText: `${at.slice(0, 10)} ${at.slice(11)} UTC` })
      .waitFor();
    await expect(page.getByRole('button', { name: /Record that receipt/ }).count()).resolves.toBe(0);
    await expect(read(request.id)).resolves.toMatchObject({ acknowledgedAt: `${at}:00.000Z` });
    expect(errors).toEqual([]);
  }, 60_000);

  it('can be opened, filled and sent with the keyboard alone; Cancel gives the focus back to the button', async () => {
    const request = await newRequest();
    const { page } = clerk;
    const errors = watchForErrors(page);
    await openRequest(page, request);
    expect(await tabTo(page, 'Correct this request…', 60)).toBe('Correct this request…');
    const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    await expect(outline()).resolves.not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await focusSettles(page, 'Correct this request')).toBe('Correct this request');
    expect(await tabTo(page, 'Cancel', 150)).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await focusSettles(page, 'Correct this request…')).toBe('Correct this request…');

    await page.keyboard.press('Enter');
    let name = '';
    for (let i = 0; i < 10 && name !== 'Case number'; i++) {
      await page.keyboard.press('Tab');
      name = await focusedName(page);
    }
    expect(name).toBe('Case number');
    await expect(outline()).resolves.not.toBe('none');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4 Gs 4321/26');
    expect(await tabTo(page, 'Save the correction', 150)).toBe('Save the correction');
    await page.keyboard.press('Enter');
    await fact(page, 'Case number').filter({ hasText: '4 Gs 4321/26' }).waitFor();
    await expect(read(request.id)).resolves.toMatchObject({ caseNumber: '4 Gs 4321/26' });
    expect(await focusSettles(page, 'Correct this request…')).toBe('Correct this request…');
    expect(errors).toEqual([]);
  }, 60_000);

  it('says when the session has ended, keeps what was typed, and saves it once the clerk has logged in again', async () => {
    const request = await newRequest();
    const { page } = clerk;
    const errors = watchForErrors(page, refusalsLogged);
    await openRequest(page, request);
    await page.getByRole('button', { name: 'Correct this request…' }).click();
    const form = page.getByTestId('correct-request-form');
    await form.getByLabel('Offence', { exact: true }).fill('Betrug');
    await endSessions(db, clerkId);
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await expect(form.getByTestId('correct-error').textContent()).resolves.toBe(
      'Your session has ended. Log in again in another tab, then send again.',
    );
    await logInAgainElsewhere(db, clerkId);
    await expect(form.getByLabel('Offence', { exact: true }).inputValue()).resolves.toBe('Betrug');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await fact(page, 'Offence').filter({ hasText: 'Betrug' }).waitFor();
    await expect(read(request.id)).resolves.toMatchObject({ offenceCategory: 'Betrug' });
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('a reviewer', () => {
  it('corrects a request in review, until evidence verifying its order is recorded; then the page offers nothing and says why', async () => {
    const request = await newRequest();
    await okAs(
      t,
      TransitionRequestRoute,
      { params: { id: request.id }, body: { to: 'IN_REVIEW', version: request.version } },
      reviewerToken,
    );
    const { page } = reviewer;
    const errors = watchForErrors(page, refusalsLogged);
    await openRequest(page, request);
    await page.getByRole('button', { name: 'Correct this request…' }).click();
    const form = page.getByTestId('correct-request-form');
    const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16);
    await form.getByLabel('Answer due').fill(due);
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await fact(page, 'Due')
      .filter({ hasText: `${due.slice(0, 10)} ${due.slice(11)} UTC` })
      .waitFor();
    await expect(read(request.id)).resolves.toMatchObject({ status: 'IN_REVIEW', dueAt: `${due}:00.000Z` });

    // A call-back on the registry's channel confirms the order: what it says is fixed from now on.
    const court = await okAs(t, GetAuthority, { params: { id: authorityId } }, reviewerToken);
    await okAs(
      t,
      RecordOutOfBandVerificationRoute,
      {
        params: { id: request.id },
        body: {
          contactChannelId: court.channels[0]!.id,
          contactPerson: 'Registry office',
          contactedAt: new Date(Date.now() - 60_000).toISOString(),
          outcome: 'CONFIRMED',
          note: 'Called the registered number.',
        },
      },
      reviewerToken,
    );
    await page.reload();
    await expect(page.getByTestId('correct-frozen').textContent()).resolves.toMatch(
      /^Evidence verifying this order has been recorded, so what it says can no longer be corrected\./,
    );
    for (const name of ['Correct this request…', 'Add a target…', 'Remove target night_owl']) {
      await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
    }
    const current = await read(request.id);
    const refused = await callAs(
      t,
      UpdateRequestRoute,
      { params: { id: request.id }, body: { version: current.version, caseNumber: '4 Gs 1/26' } },
      reviewerToken,
    );
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('NOT_EDITABLE');
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('roles without the right to correct', () => {
  it('show an approver and an auditor no form and no button, and the API refuses them every correction', async () => {
    const request = await newRequest();
    for (const { page } of [approver, auditor]) {
      const errors = watchForErrors(page, refusalsLogged);
      await openRequest(page, request);
      await page.getByTestId('targets').filter({ hasText: 'night_owl' }).waitFor();
      for (const name of [
        'Correct this request…',
        'Add a target…',
        'Remove target night_owl',
        'Record that receipt was acknowledged…',
      ]) {
        await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
      }
      await expect(page.getByTestId('correct-request-form').count()).resolves.toBe(0);
      await expect(page.getByTestId('lifecycle-actions').textContent()).resolves.not.toContain('Correct');
      // Their own session, with its CSRF token, as a hand-made call from the page would send it.
      const status = await page.evaluate(
        async ({ id, version }) => {
          const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
          const response = await fetch(`/api/requests/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({ version, caseNumber: 'not theirs to change' }),
          });
          return response.status;
        },
        { id: request.id, version: request.version },
      );
      expect(status).toBe(403);
      expect(errors).toEqual([]);
    }
    for (const who of [approverToken, auditorToken]) {
      const params = { id: request.id };
      const refusals = await Promise.all([
        callAs(t, UpdateRequestRoute, { params, body: { version: request.version, caseNumber: 'x' } }, who),
        callAs(
          t,
          AddTargetsRoute,
          {
            params,
            body: { version: request.version, targets: [{ selectorType: 'USERNAME', value: 'x1', role: 'SUSPECT' }] },
          },
          who,
        ),
        callAs(
          t,
          RemoveTargetRoute,
          { params: { ...params, targetId: request.targets[0]!.id }, query: { version: request.version } },
          who,
        ),
        callAs(t, AcknowledgeRequestRoute, { params, body: {} }, who),
      ]);
      expect(refusals.map((reply) => reply.status)).toEqual([403, 403, 403, 403]);
    }
    await expect(read(request.id)).resolves.toMatchObject({
      caseNumber: request.caseNumber,
      version: request.version,
      acknowledgedAt: null,
    });
    expect((await read(request.id)).targets).toHaveLength(2);
  }, 60_000);
});
