// The public audit page in Chromium: every check runs in the browser with @writ/tlog against the key the visitor
// pinned, on the real log of the portal tier's API (grown here through audited API calls).
import { fromBase64, generateSignerKey, toBase64, verifierKeyFromSigner } from '@writ/tlog';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestStaff } from '../support/auth';
import { launchBrowser, portalUrl, waitForCheck, watchForErrors } from '../support/browser';
import { apiUrl, createAuditor, eventWithReceipt, growLog, openDatabase, signedSize } from './log-api';

let browser: Browser;
let db: pg.Pool;
let auditor: TestStaff;
let serverKey: string;

beforeAll(async () => {
  browser = await launchBrowser();
  db = openDatabase();
  auditor = await createAuditor(db);
  serverKey = ((await (await fetch(apiUrl('/log/key'))).json()) as { keys: string[] }).keys[0]!;
  await growLog(auditor, 2); // whatever the other suites did, the log has entries and a checkpoint
});
afterAll(async () => {
  await browser.close();
  await db.end();
});

// Each test is a fresh visitor: its own localStorage, so nothing pinned or remembered yet.
let context: BrowserContext;
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

async function openAudit(page: Page): Promise<void> {
  await page.goto(portalUrl('/audit'));
  await page.getByTestId('checkpoint-size').waitFor();
}

/** The key field is pre-filled once the server's copy arrives, which may be after the checkpoint. */
async function waitForKeyField(page: Page, value: string): Promise<void> {
  await page.waitForFunction(
    (expected) => (document.querySelector('#pinned-keys') as HTMLTextAreaElement | null)?.value === expected,
    value,
    { timeout: 10_000 },
  );
}

async function shownSize(page: Page): Promise<number> {
  return Number((await page.getByTestId('checkpoint-size').textContent())!.replace(/,/g, ''));
}

describe('audit page: latest checkpoint and its signature', () => {
  it('shows the latest checkpoint and verifies its signature with the pinned key, pre-filled from the server', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    const before = await signedSize();
    await openAudit(page);

    await expect(page.getByTestId('checkpoint-origin').textContent()).resolves.toBe('writ.example/log');
    expect(await shownSize(page)).toBeGreaterThanOrEqual(before);
    expect(fromBase64((await page.getByTestId('checkpoint-root').textContent())!)).toHaveLength(32);
    await expect(page.getByTestId('checkpoint-fetched-at').getAttribute('datetime')).resolves.toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );

    await waitForKeyField(page, serverKey);
    await expect(page.getByTestId('pinned-keys-status').textContent()).resolves.toContain('Not pinned yet');
    await expect(page.locator('#pinned-keys-note').textContent()).resolves.toContain(
      "Pin this; don't trust the server's copy.",
    );
    // Unpinned, the key is the server's word: the result must not claim more.
    const unpinned = await waitForCheck(page, 'signature-check', 'ok');
    expect(unpinned).toContain("Signature verified with the server's copy of the key, which you have not pinned");
    expect(unpinned).not.toContain('your pinned key');
    // Nor may the checkpoint's own facts, next to it, say "pinned" before anything is.
    await expect(page.getByTestId('checkpoint-signature').textContent()).resolves.toBe(
      "verified only with the server's copy of the key, which you have not pinned",
    );

    // Pinning keeps the key in this browser: it survives a reload.
    await page.getByRole('button', { name: 'Pin this key' }).click();
    await expect(page.getByTestId('pinned-keys-status').textContent()).resolves.toContain('Pinned in this browser');
    await expect(waitForCheck(page, 'signature-check', 'ok')).resolves.toContain(
      'Signature verified with your pinned key',
    );
    await expect(page.getByTestId('checkpoint-signature').textContent()).resolves.toBe('verified with your pinned key');
    await page.reload();
    await page.getByTestId('pinned-keys-status').getByText('Pinned in this browser').waitFor();
    await waitForCheck(page, 'signature-check', 'ok');
    expect(errors).toEqual([]);
  });

  it('fails the signature check loudly when the pinned key is not the log key, and recovers with the right one', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openAudit(page);
    await waitForCheck(page, 'signature-check', 'ok');
    await waitForKeyField(page, serverKey);

    // Same name, different key pair: what an impostor would publish.
    const impostor = verifierKeyFromSigner(generateSignerKey('writ.example/log'));
    const field = page.getByLabel('Log verifier key (one per line)');
    await field.fill(impostor);
    await expect(waitForCheck(page, 'signature-check', 'bad')).resolves.toContain('Signature NOT verified');
    await expect(page.getByTestId('signature-reason').textContent()).resolves.toContain(
      'not signed by any trusted key',
    );
    await expect(page.getByTestId('consistency-waiting').textContent()).resolves.toContain(
      'Needs a checkpoint whose signature verifies with your pinned key',
    );
    await expect(page.getByRole('button', { name: /Run the full audit/ }).isDisabled()).resolves.toBe(true);
    // The edited key is what this browser now trusts, and it notices the server publishes another.
    await page.reload();
    await waitForKeyField(page, impostor);
    await waitForCheck(page, 'signature-check', 'bad');
    await waitForCheck(page, 'pinned-keys-differ', 'warn');

    // A key with one character changed is not a key at all (its key ID no longer matches).
    const last = serverKey.at(-2) === 'A' ? 'B' : 'A';
    await field.fill(`${serverKey.slice(0, -2)}${last}${serverKey.at(-1)}`);
    await expect(waitForCheck(page, 'pinned-keys-problems', 'bad')).resolves.toContain('Line 1');
    await waitForCheck(page, 'signature-check', 'bad');

    await page.getByRole('button', { name: "Use the server's copy" }).click();
    await waitForKeyField(page, serverKey);
    await waitForCheck(page, 'signature-check', 'ok');
    expect(errors).toEqual([]);
  });
});

describe('audit page: consistency with the last visit', () => {
  it('remembers the first checkpoint, then proves the log only grew after new events', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openAudit(page);
    await expect(waitForCheck(page, 'consistency-check', 'ok')).resolves.toContain('First check from this browser');
    const first = await shownSize(page);

    const grown = await growLog(auditor, 3);
    expect(grown).toBeGreaterThan(first);
    await page.reload();
    await page.getByTestId('checkpoint-size').waitFor();
    const second = await shownSize(page);
    expect(second).toBeGreaterThanOrEqual(grown);
    await expect(waitForCheck(page, 'consistency-check', 'ok')).resolves.toContain(
      `The log only grew since your last visit (size ${first} → ${second})`,
    );

    // The next visit starts from the checkpoint just verified.
    await page.reload();
    await page.getByTestId('checkpoint-size').waitFor();
    const third = await shownSize(page);
    const text = await waitForCheck(page, 'consistency-check', 'ok');
    expect(text).toContain(
      third === second ? `No new entries since your last visit (size ${second})` : `(size ${second} → ${third})`,
    );
    expect(errors).toEqual([]);
  });

  it('shows FORK/REWRITE DETECTED when the consistency proof does not verify, and keeps the old checkpoint', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openAudit(page);
    await waitForCheck(page, 'consistency-check', 'ok');
    const remembered = await shownSize(page);
    await growLog(auditor, 2);

    // A log that rewrote history cannot produce a valid proof: simulate its answer by altering one hash.
    await page.route('**/api/log/proof/consistency**', async (route) => {
      const real = (await (await route.fetch()).json()) as { first: number; second: number; proof: string[] };
      const hash = fromBase64(real.proof[0]!)!;
      hash[0] = hash[0]! ^ 1;
      await route.fulfill({ json: { ...real, proof: [toBase64(hash), ...real.proof.slice(1)] } });
    });
    await page.reload();
    await expect(waitForCheck(page, 'consistency-check', 'alarm')).resolves.toContain('FORK/REWRITE DETECTED');
    await expect(page.getByTestId('fork-evidence-before').textContent()).resolves.toContain(`\n${remembered}\n`);

    // The remembered checkpoint was not replaced: with honest proofs again, the check starts from it.
    await page.unroute('**/api/log/proof/consistency**');
    await page.reload();
    await page.getByTestId('checkpoint-size').waitFor();
    await expect(waitForCheck(page, 'consistency-check', 'ok')).resolves.toContain(
      `The log only grew since your last visit (size ${remembered} → ${await shownSize(page)})`,
    );
    expect(errors).toEqual([]);
  });

  it('treats a log that shrank since the last visit as a rewrite', async () => {
    const page = await context.newPage();
    await openAudit(page);
    await waitForCheck(page, 'consistency-check', 'ok');
    // Pretend this browser once saw a bigger log than the server now shows.
    await page.evaluate(() => {
      const key = 'writ.audit.last-checkpoints.v1';
      const all = JSON.parse(localStorage.getItem(key)!) as Record<string, { size: number }>;
      for (const entry of Object.values(all)) entry.size += 1_000_000;
      localStorage.setItem(key, JSON.stringify(all));
    });
    await page.reload();
    await expect(waitForCheck(page, 'consistency-check', 'alarm')).resolves.toContain('A log never shrinks');
  });
});

describe('audit page: full audit', () => {
  it('downloads every entry, recomputes the root in the browser and finds it matches the signed checkpoint', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openAudit(page);
    await waitForCheck(page, 'signature-check', 'ok');
    const size = await shownSize(page);
    await page.getByRole('button', { name: /Run the full audit/ }).click();
    await expect(waitForCheck(page, 'full-audit-result', 'ok')).resolves.toContain('Root matches');
    await expect(page.getByTestId('full-audit-result').textContent()).resolves.toContain(
      `All ${size.toLocaleString('en-GB')} entries`,
    );
    expect(errors).toEqual([]);
  });

  it('raises ROOT MISMATCH when the server serves entries that differ from what it signed', async () => {
    const page = await context.newPage();
    await page.route('**/api/log/entries**', async (route) => {
      const body = new Uint8Array(await (await route.fetch()).body());
      body[body.length - 1] = body[body.length - 1]! ^ 1; // one byte of the last entry
      await route.fulfill({ body: Buffer.from(body), contentType: 'application/octet-stream' });
    });
    await openAudit(page);
    await waitForCheck(page, 'signature-check', 'ok');
    await page.getByRole('button', { name: /Run the full audit/ }).click();
    await expect(waitForCheck(page, 'full-audit-result', 'alarm')).resolves.toContain('ROOT MISMATCH');
  });

  it('can be cancelled while it runs', async () => {
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/log/entries**', async (route) => {
      await held; // keep the first page of entries in flight until the test has pressed Cancel
      await route.continue().catch(() => undefined);
    });
    await openAudit(page);
    await waitForCheck(page, 'signature-check', 'ok');
    await page.getByRole('button', { name: /Run the full audit/ }).click();
    await page.getByTestId('full-audit-progress').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(waitForCheck(page, 'full-audit-result', 'warn')).resolves.toContain('Full audit cancelled');
    release();
  });
});

describe('audit page: receipts', () => {
  it('verifies a c2sp.org/tlog-proof@v1 receipt with the event leaf, and rejects a changed leaf or receipt', async () => {
    const { event, receipt } = await eventWithReceipt(auditor);
    const page = await context.newPage();
    const errors = watchForErrors(page);
    await openAudit(page);
    await waitForCheck(page, 'signature-check', 'ok');

    const receiptField = page.getByLabel('Receipt (c2sp.org/tlog-proof@v1)');
    const leafField = page.getByLabel("The event's leaf (base64, as shown to auditors)");
    const verify = page.getByRole('button', { name: 'Verify the receipt' });
    await receiptField.fill(receipt);
    await leafField.fill(event.leaf);
    await verify.click();
    const valid = await waitForCheck(page, 'receipt-result', 'ok');
    expect(valid).toContain('Valid: the event is in the log');
    expect(valid).toContain(`entry #${event.logIndex!.toLocaleString('en-GB')}`);
    expect(valid).toMatch(/That is the latest checkpoint shown above|one and the same log/);

    // Another event's bytes are not what the proof leads to.
    const other = Buffer.from(event.leaf, 'base64').toString('utf8').replace('"v":1', '"v":2');
    await leafField.fill(Buffer.from(other, 'utf8').toString('base64'));
    await verify.click();
    await expect(waitForCheck(page, 'receipt-result', 'bad')).resolves.toContain(
      'Invalid: the event is not proven to be in the log',
    );

    // A receipt whose checkpoint was altered no longer carries the log's signature.
    await leafField.fill(event.leaf);
    const lines = receipt.split('\n');
    const sizeLine = lines.indexOf('writ.example/log') + 1;
    lines[sizeLine] = String(Number(lines[sizeLine]) + 1);
    await receiptField.fill(lines.join('\n'));
    await verify.click();
    await expect(waitForCheck(page, 'receipt-result', 'bad')).resolves.toContain('not signed by your pinned key');

    await receiptField.fill('not a receipt');
    await verify.click();
    await expect(waitForCheck(page, 'receipt-result', 'bad')).resolves.toContain('Not a valid receipt');
    expect(errors).toEqual([]);
  });
});

describe('audit page: empty and unavailable log', () => {
  it('explains that the log has no checkpoint yet when the API answers 404', async () => {
    const page = await context.newPage();
    const errors = watchForErrors(page, { allow: [/status of 404/] });
    await page.route('**/api/log/checkpoint', (route) =>
      route.fulfill({
        status: 404,
        json: { error: { code: 'NOT_FOUND', message: 'The log is empty: no checkpoint has been signed yet.' } },
      }),
    );
    await page.goto(portalUrl('/audit'));
    await expect(waitForCheck(page, 'log-empty', 'warn')).resolves.toContain('The log has no checkpoint yet');
    // The key can still be pinned, and receipts checked offline; the checkpoint checks have nothing to check.
    await waitForKeyField(page, serverKey);
    await expect(page.getByRole('button', { name: 'Verify the receipt' }).count()).resolves.toBe(1);
    await expect(page.getByTestId('signature-check').count()).resolves.toBe(0);
    await expect(page.getByTestId('signature-waiting').textContent()).resolves.toContain('Nothing to check yet');
    await expect(page.getByRole('button', { name: /Run the full audit/ }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('says so plainly when the API cannot be reached', async () => {
    const page = await context.newPage();
    await page.route('**/api/log/**', (route) => route.abort('connectionrefused'));
    await page.goto(portalUrl('/audit'));
    await expect(waitForCheck(page, 'log-unavailable', 'bad')).resolves.toContain(
      'The log cannot be reached right now',
    );
  });
});
