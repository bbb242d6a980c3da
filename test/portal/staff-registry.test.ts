// The authority registry's day-to-day edits (/staff/registry/{id}, /staff/registry/changes) in Chromium, with two
// admins: a rename is saved at once, a new country is proposed and takes effect only once the other admin has
// approved, and a second proposal meanwhile is refused in plain words; a contact channel and an X.509 certificate file go
// through the same approval, a proposal is withdrawn by its proposer, a key is revoked; an authority a request
// refers to cannot be deleted, a mistaken one can. Each step is checked in the database. Every proposal made here is
// approved or withdrawn, so no pending change is left for a later suite.
import { randomUUID, X509Certificate } from 'node:crypto';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createStaff } from '../support/auth';
import { inspectScreen } from '../support/axe';
import { launchBrowser, portalUrl, watchForErrors } from '../support/browser';
import { type CourtPki, makeCourtPki } from '../support/court-pki';
import { focusedName, tabTo } from '../support/keyboard';
import { createPortalStaff, logInThroughPortal, type PortalStaff } from '../support/portal-staff';
import { anotherPersonLogsIn, endSessions, logInAgainElsewhere } from '../support/session';
import { createAuthority, createRequest, validRequest } from '../api/requests.fixtures';
import { apiUrl, openDatabase } from './log-api';

let browser: Browser;
let db: pg.Pool;
let pki: CourtPki;
let adminA: PortalStaff;
let adminB: PortalStaff;
let a: { context: BrowserContext; page: Page };
let b: { context: BrowserContext; page: Page };
let authorityId: string;
const original = `Landgericht Editstadt ${randomUUID().slice(0, 6)}`;
const renamed = `Landgericht Neustadt ${randomUUID().slice(0, 6)}`;

async function authorityRow(id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query(`SELECT * FROM authority WHERE id = $1`, [id]);
  return rows[0] as Record<string, unknown> | undefined;
}

/** The other admin approves the pending change with this title on Registry changes, and sees it applied. */
async function approveAsB(title: string): Promise<void> {
  const page = b.page;
  await page.goto(portalUrl('/staff/registry/changes'));
  const card = page.locator('[data-testid="registry-change"]', { hasText: title });
  await card.getByRole('button', { name: 'Approve' }).click();
  await page
    .getByTestId('registry-change-notice')
    .filter({ hasText: `Approved and applied: ${title}` })
    .waitFor();
  await card.waitFor({ state: 'detached' });
}

/** An instant as the registry screens show it (admin/words.ts formatTime). */
const utcMinute = (at: Date | string) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const refusalsLogged = { allow: [/Failed to load resource: the server responded with a status of 4\d\d/] };

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  pki = makeCourtPki('/C=DE/O=Justiz Test/CN=Landgericht Editstadt');
  [adminA, adminB] = await Promise.all([
    createPortalStaff(db, ['ADMIN'], 'Edda Admin'),
    createPortalStaff(db, ['ADMIN'], 'Finn Admin'),
  ]);
  authorityId = await createAuthority({ db }, { name: original, country: 'DE' });
  a = await logInThroughPortal(browser, adminA, portalUrl);
  b = await logInThroughPortal(browser, adminB, portalUrl);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await db?.end();
  pki?.close();
});

describe('editing an authority', () => {
  it('saves a rename at once; a new country waits for the other admin, and a second proposal meanwhile is refused in words', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl(`/staff/registry/${authorityId}`));
    const form = page.getByTestId('edit-authority');
    await inspectScreen(page, 'registry-edit');

    // Nothing changed: said, nothing sent.
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByTestId('edit-authority-error').filter({ hasText: 'Nothing was changed' }).waitFor();

    await form.getByLabel('Name').fill(renamed);
    await form.getByLabel('Jurisdiction').fill('Civil and criminal matters, district of Neustadt');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
    expect(await authorityRow(authorityId)).toMatchObject({
      name: renamed,
      jurisdiction: 'Civil and criminal matters, district of Neustadt',
      country: 'DE',
    });

    // The country widens what its orders are trusted for: proposed, not applied.
    await form.getByLabel('Country code').fill('at');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form
      .getByTestId('edit-authority-done')
      .filter({ hasText: /^Proposed: .*another admin approves/ })
      .waitFor();
    await page.getByTestId('authority-pending').filter({ hasText: 'Change of kind or country' }).waitFor();
    expect(await authorityRow(authorityId)).toMatchObject({ country: 'DE' });

    // A second trust-widening change while the first waits: refused, in words that say what to do.
    await form.getByLabel('Kind').selectOption('PROSECUTOR');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const refusal = form.getByTestId('edit-authority-error');
    await refusal.filter({ hasText: 'already waits for a second admin' }).waitFor();
    expect(await refusal.textContent()).not.toMatch(/\/registry-changes|\/authorities|PATCH|POST/);
    expect(await authorityRow(authorityId)).toMatchObject({ kind: 'COURT' });
    expect(errors).toEqual([]);

    await approveAsB(`Change of kind or country: ${renamed}`);
    expect(await authorityRow(authorityId)).toMatchObject({ country: 'AT', kind: 'COURT' });
    await page.reload();
    await page.getByTestId('authority-facts').filter({ hasText: '(AT)' }).waitFor();
  }, 120_000);
});

describe('channels and keys', () => {
  it('adds a contact channel with the second admin’s approval', async () => {
    const { page } = a;
    await page.goto(portalUrl(`/staff/registry/${authorityId}`));
    await page.locator('#channel-kind').selectOption('EMAIL');
    await page.locator('#channel-value').fill('poststelle@lg-neustadt.example');
    await page.locator('#channel-label').fill('Registry office');
    await page.getByRole('button', { name: 'Propose channel' }).click();
    await page.getByTestId('channel-proposed').waitFor();
    expect(
      (await db.query(`SELECT 1 FROM authority_contact_channel WHERE authority_id = $1`, [authorityId])).rowCount,
    ).toBe(0);

    await approveAsB(`New contact channel: ${renamed}`);
    await page.reload();
    await page.getByTestId('channel').filter({ hasText: 'poststelle@lg-neustadt.example' }).waitFor();
    await expect(page.getByTestId('channel').textContent()).resolves.toContain('Registry office');
  }, 90_000);

  it('proposes an X.509 certificate from a file, withdraws it, proposes it again for approval, then revokes it', async () => {
    const { page } = a;
    const errors = watchForErrors(page);
    const fingerprint = new X509Certificate(pki.caPem).fingerprint256.replaceAll(':', '').toLowerCase();
    const propose = async () => {
      await page.goto(portalUrl(`/staff/registry/${authorityId}`));
      await page.locator('#key-file').setInputFiles({
        name: 'court-ca.pem',
        mimeType: 'application/x-pem-file',
        buffer: Buffer.from(pki.caPem),
      });
      await page.getByTestId('key-file-kind').filter({ hasText: 'an X.509 certificate' }).waitFor();
      await page.getByRole('button', { name: 'Propose key' }).click();
      await expect(page.getByTestId('proposed-fingerprint').textContent()).resolves.toBe(fingerprint);
    };
    await propose();

    // The proposer withdraws it: it leaves the queue and nothing was added.
    await page.goto(portalUrl('/staff/registry/changes'));
    const own = page.locator('[data-testid="registry-change"]', { hasText: fingerprint });
    await own.getByRole('button', { name: 'Withdraw my proposal' }).click();
    await page
      .getByTestId('registry-change-notice')
      .filter({ hasText: `Withdrawn: New key or certificate: ${renamed}` })
      .waitFor();
    await own.waitFor({ state: 'detached' });
    const { rows: cancelled } = await db.query(
      `SELECT status FROM registry_change WHERE authority_id = $1 AND kind = 'ADD_KEY'`,
      [authorityId],
    );
    expect(cancelled.map((row) => row.status)).toEqual(['CANCELLED']);

    await propose();
    // The approving admin sees what the certificate says about itself, read from it by the API, before approving.
    const certificate = new X509Certificate(pki.caPem);
    await b.page.goto(portalUrl('/staff/registry/changes'));
    const card = b.page.locator('[data-testid="registry-change"]', { hasText: fingerprint });
    await expect(card.getByTestId('certificate-subject').textContent()).resolves.toBe(
      'C=DE, O=Justiz Test, CN=Test Court CA',
    );
    await expect(card.getByTestId('certificate-issuer').textContent()).resolves.toBe(
      'C=DE, O=Justiz Test, CN=Test Court CA',
    );
    await expect(card.getByTestId('certificate-serial').textContent()).resolves.toMatch(
      new RegExp(`^${certificate.serialNumber}$`, 'i'),
    );
    await expect(card.getByTestId('change-key-validity').textContent()).resolves.toBe(
      `${utcMinute(certificate.validFrom)} to ${utcMinute(certificate.validTo)} (valid for 1 day so far)`,
    );
    await inspectScreen(b.page, 'registry-change-certificate');
    await approveAsB(`New key or certificate: ${renamed}`);
    await page.goto(portalUrl(`/staff/registry/${authorityId}`));
    const key = page.locator(`[data-testid="key"][data-fingerprint="${fingerprint}"]`);
    await key.filter({ hasText: /X\.509.*In use/ }).waitFor();
    // Its age counts from its registration in Writ (the approval just now), not from its valid-from (yesterday).
    const registered = (
      await db.query<{ created_at: Date }>(`SELECT created_at FROM authority_key WHERE authority_id = $1`, [
        authorityId,
      ])
    ).rows[0]!.created_at;
    await expect(key.getByTestId('key-age').textContent()).resolves.toBe(
      `less than a day in Writ (registered ${utcMinute(registered)})`,
    );
    await expect(key.getByTestId('certificate-subject').textContent()).resolves.toBe(
      'C=DE, O=Justiz Test, CN=Test Court CA',
    );
    await inspectScreen(page, 'registry-key-age');

    await key.getByRole('button', { name: 'Revoke…' }).click();
    await key.getByRole('button', { name: 'Yes, revoke this key' }).click();
    await key.getByText('Give a reason: the audit log keeps it.').waitFor();
    await key.getByLabel('Why (kept in the audit log)').fill('The court replaced its CA certificate.');
    await key.getByRole('button', { name: 'Yes, revoke this key' }).click();
    await key.filter({ hasText: /Revoked \d{4}-\d\d-\d\d/ }).waitFor();
    const { rows } = await db.query(`SELECT revoked_at FROM authority_key WHERE authority_id = $1`, [authorityId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].revoked_at).toBeInstanceOf(Date);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('deleting an authority', () => {
  it('refuses one a request refers to, in words, and deletes a mistaken one', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    const intake = await createStaff({ db }, ['INTAKE'], 'registry-intake');
    await createRequest({ url: apiUrl('') }, intake, validRequest(authorityId, { dueAt: undefined }));
    await page.goto(portalUrl(`/staff/registry/${authorityId}`));
    // By keyboard: Enter on "Delete…" puts the focus on the question, not on the button that deletes; "Keep it"
    // hands it back.
    expect(await tabTo(page, 'Delete…', 100)).toBe('Delete…');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe(`Delete ${renamed} and its keys and channels for good?`);
    expect(await tabTo(page, 'Keep it', 2)).toBe('Keep it');
    await page.keyboard.press('Enter');
    await expect(focusedName(page)).resolves.toBe('Delete…');
    expect(await authorityRow(authorityId)).toBeDefined();

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    const refusal = page.getByTestId('delete-authority-error');
    await refusal.filter({ hasText: 'cannot be deleted; suspend it instead' }).waitFor();
    expect(await authorityRow(authorityId)).toBeDefined();

    const mistaken = `Amtsgericht Vertippt ${randomUUID().slice(0, 6)}`;
    const mistakenId = await createAuthority({ db }, { name: mistaken });
    await page.goto(portalUrl(`/staff/registry/${mistakenId}`));
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.waitForURL(/\/staff\/registry\?deleted=/);
    await expect(page.getByTestId('authority-deleted').textContent()).resolves.toBe(`Deleted ${mistaken}.`);
    expect(await authorityRow(mistakenId)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 90_000);
});

describe('an ended session', () => {
  it('says so in plain words on a registry form, keeps what was typed, and saves it once the admin has logged in again', async () => {
    const { page } = a;
    const errors = watchForErrors(page, refusalsLogged);
    await page.goto(portalUrl(`/staff/registry/${authorityId}`));
    const form = page.getByTestId('edit-authority');
    const jurisdiction = 'Civil, criminal and family matters, district of Neustadt';
    await form.getByLabel('Jurisdiction').fill(jurisdiction);

    await endSessions(db, adminA.id);
    await form.getByRole('button', { name: 'Save changes' }).click();
    const refusal = form.getByTestId('edit-authority-error');
    await expect(refusal.textContent()).resolves.toBe(
      'Your session has ended. Log in again in another tab, then send again.',
    );
    await inspectScreen(page, 'registry-session-ended');
    expect(await authorityRow(authorityId)).not.toMatchObject({ jurisdiction });

    // A colleague logs in in this browser meanwhile: what this admin typed is not sent under the colleague's name.
    const colleague = await anotherPersonLogsIn(db, adminA.id, adminB.id);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(refusal.textContent()).resolves.toBe(
      'This page was opened in a session that has ended, and the one open in this browser now is not yours, so nothing was sent. Reload the page.',
    );
    expect(await authorityRow(authorityId)).not.toMatchObject({ jurisdiction });
    await colleague.handBack();

    await logInAgainElsewhere(db, adminA.id);
    await expect(form.getByLabel('Jurisdiction').inputValue()).resolves.toBe(jurisdiction);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByTestId('edit-authority-done').filter({ hasText: 'Saved.' }).waitFor();
    expect(await authorityRow(authorityId)).toMatchObject({ jurisdiction });
    // The page shows the new version's form once it has refreshed: 'Saved.' stays (it used to vanish with the old
    // form, so quickly that a slow eye, or test, missed it).
    await form.locator(`[name="jurisdiction"][value="${jurisdiction}"]`).waitFor();
    await expect(form.getByTestId('edit-authority-done').textContent()).resolves.toBe('Saved.');
    expect(errors).toEqual([]);
  }, 60_000);
});
