import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { StaffRole } from '@writ/contracts';
import { generate, generateSecret } from 'otplib';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A staff account that can log in through the portal: password and enrolled TOTP, written straight to the database. */
export interface PortalStaff {
  id: string;
  email: string;
  password: string;
  totpSecret: string;
  displayName: string;
}

export async function createPortalStaff(db: pg.Pool, roles: StaffRole[], name: string): Promise<PortalStaff> {
  const id = randomUUID();
  const who = {
    id,
    email: `${name.split(' ')[0]!.toLowerCase()}-${id.slice(0, 8)}@portal.example`,
    password: `correct horse ${id.slice(0, 6)}`,
    totpSecret: generateSecret(),
    displayName: name,
  };
  await db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::"StaffRole"[], $6, now(), now())`,
    [id, who.email, who.displayName, await hash(who.password), roles, who.totpSecret],
  );
  return who;
}

/** A fresh browser context logged in through the portal's two login steps, on the staff home page. */
export async function logInThroughPortal(
  browser: Browser,
  who: PortalStaff,
  portalUrl: (path: string) => string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(portalUrl('/staff/login'));
  await page.getByRole('textbox', { name: 'Email' }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel(/Code from your authenticator/).fill(await generate({ secret: who.totpSecret }));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/\/staff$/);
  return { context, page };
}
