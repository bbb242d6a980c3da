// Shared arrangements for the login suites (test/api/auth*.test.ts): a "browser" that keeps its own cookie, CSRF
// token and client address (the suites trust X-Forwarded-For, so rate limits can be exercised per address),
// accounts made straight in the database, and TOTP codes as an authenticator app shows them.
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { ErrorBody, LoginResponse, SessionResponse, type StaffRole } from '@writ/contracts';
import { generate, generateSecret } from 'otplib';
import type { TestApp } from '../support/test-app';

let lastIp = 0;
/** A client address of its own for every browser, so one test's attempts never count against another's. */
export function freshIp(): string {
  lastIp += 1;
  return `10.0.${lastIp >> 8}.${lastIp & 255}`;
}

/** The TOTP code an authenticator app shows now (or `steps` periods later: a code not used yet). */
export function totp(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  lastSetCookie: string | undefined;
  constructor(
    readonly t: Pick<TestApp, 'url'>,
    readonly ip = freshIp(),
    readonly proto: 'http' | 'https' = 'http',
  ) {}

  async send(method: string, route: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, 'x-forwarded-proto': this.proto };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `writ_session=${this.cookie}`;
    if (this.csrf && options.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${this.t.url}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith('writ_session='));
    if (set) {
      this.lastSetCookie = set;
      const value = decodeURIComponent(set.slice('writ_session='.length).split(';')[0]!);
      this.cookie = value || undefined;
    }
    return response;
  }

  async login(email: string, password: string): Promise<Response> {
    const response = await this.send('POST', '/auth/login', { email, password });
    if (response.ok) this.csrf = LoginResponse.parse(await response.clone().json()).csrfToken;
    return response;
  }

  async secondFactor(code: string): Promise<Response> {
    const response = await this.send('POST', '/auth/totp', { code });
    if (response.ok) this.csrf = SessionResponse.parse(await response.clone().json()).csrfToken;
    return response;
  }
}

export interface Account {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

/**
 * An account straight in the database, hashed the way the seed does it. Its TOTP secret is stored in the clear,
 * as rows from before encryption at rest hold it (the API seals it at the first successful login).
 */
export async function account(
  t: Pick<TestApp, 'db'>,
  roles: StaffRole[] = ['REVIEWER'],
  options: { enrolled?: boolean; mustChangePassword?: boolean } = {},
): Promise<Account> {
  const id = randomUUID();
  const email = `person-${id.slice(0, 8)}@test.example`;
  const password = `correct horse ${id.slice(0, 6)}`;
  const totpSecret = options.enrolled === false ? null : generateSecret();
  await t.db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at,
                        must_change_password, updated_at)
     VALUES ($1, $2, $3, $4, $5::"StaffRole"[], $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, $7, now())`,
    [
      id,
      email,
      `Person ${id.slice(0, 4)}`,
      await hash(password),
      roles,
      totpSecret,
      options.mustChangePassword ?? false,
    ],
  );
  return { id, email, password, totpSecret };
}

/** Password and TOTP code: a full session (`steps` picks a code not used yet when the current one was). */
export async function loggedIn(person: Account, browser: Browser, steps = 0): Promise<Browser> {
  expect((await browser.login(person.email, person.password)).status).toBe(200);
  expect((await browser.secondFactor(await totp(person.totpSecret!, steps))).status).toBe(200);
  return browser;
}

export async function errorCode(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

export async function auditActions(t: Pick<TestApp, 'db'>, subjectId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ action: string }>(
    `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`,
    [subjectId],
  );
  return rows.map((row) => row.action);
}

/** An expiry `days` from now, as API token requests must carry one. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/**
 * A TOTP secret in the v1 format the API wrote before keys had ids (AES-256-GCM, staff id as associated data); the
 * API no longer writes it, but must keep reading it. Known-answer vectors in totp-secret-box.test.ts pin the format.
 */
export function sealV1(key: Buffer, staffId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(`writ:totp-secret:v1:${staffId}`, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1:${iv.toString('base64url')}:${sealed.toString('base64url')}`;
}
