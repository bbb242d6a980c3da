import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags that keep it off a network this machine does not have. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.WRIT_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function portalUrl(path = '/'): string {
  return `${process.env.WRIT_PORTAL_URL}${path}`;
}

/**
 * Fails a test on any console error or uncaught exception in the page: a broken page must not pass quietly.
 * `allow` names console errors a test provokes on purpose (Chromium logs every 404 or aborted fetch, say).
 */
export function watchForErrors(page: Page, options: { allow?: readonly RegExp[] } = {}): string[] {
  const allowed = (text: string) => (options.allow ?? []).some((pattern) => pattern.test(text));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed(message.text())) errors.push(message.text());
  });
  return errors;
}

/**
 * Waits for a check result on the page (apps/portal/components/check-result.tsx) to show `tone` and returns its
 * text; on timeout, fails with what the page shows instead, so a red result reads as such in the test output.
 */
export async function waitForCheck(page: Page, testId: string, tone: string, timeout = 15_000): Promise<string> {
  const wanted = page.locator(`[data-testid="${testId}"][data-tone="${tone}"]`);
  try {
    await wanted.waitFor({ timeout });
  } catch {
    const actual = page.getByTestId(testId);
    const shown = (await actual.count())
      ? `${await actual.first().getAttribute('data-tone')}: ${await actual.first().textContent()}`
      : 'nothing';
    throw new Error(`expected ${testId} to be "${tone}" within ${timeout} ms; the page shows ${shown}`);
  }
  return (await wanted.textContent()) ?? '';
}
