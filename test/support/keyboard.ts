// Walking a page with the keyboard, as a person without a mouse does, for the portal's browser tests.
import type { Page } from 'playwright-core';

/** Presses Tab until the element with this text has focus, at most `presses` times; the text last focused. */
export async function tabTo(page: Page, text: string, presses: number): Promise<string> {
  let focused = '';
  for (let i = 0; i < presses && focused !== text; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  }
  return focused;
}

/**
 * What has the focus, named as a person would: a field by its label, anything else by its aria-label or its text;
 * "BODY" when focus has fallen back to the page itself.
 */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'BODY';
    const label = (element as HTMLInputElement).labels?.[0];
    return (label?.textContent ?? element.getAttribute('aria-label') ?? element.textContent ?? '').trim();
  });
}

/**
 * What has the focus once a form has moved it: forms move it a frame after they render (requestAnimationFrame, an
 * effect), so reading it the moment a message appears can race that frame on a loaded machine. Waits up to
 * `timeoutMs` for `expected`, then answers what has the focus, for the test to compare.
 */
export async function focusSettles(page: Page, expected: string, timeoutMs = 5_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let name = await focusedName(page);
  while (name !== expected && Date.now() < until) {
    await page.waitForTimeout(50);
    name = await focusedName(page);
  }
  return name;
}
