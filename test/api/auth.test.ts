// Staff login over real HTTP on a real PostgreSQL: password, then TOTP (or a one-time recovery code), the session
// cookie, CSRF, lockout, rate limits, logout and API tokens. Each "browser" below keeps its own cookie, CSRF token
// and client address (the API trusts X-Forwarded-For here, so rate limits can be exercised per address).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import {
  ApiTokenList,
  CreatedApiToken,
  ErrorBody,
  LoginResponse,
  MeResponse,
  SessionResponse,
  type StaffRole,
  TotpEnrolment,
  TotpEnrolmentConfirmation,
} from '@writ/contracts';
import { generate, generateSecret } from 'otplib';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await t.close();
});

let lastIp = 0;
/** A client address of its own for every browser, so one test's attempts never count against another's. */
function freshIp(): string {
  lastIp += 1;
  return `10.0.${lastIp >> 8}.${lastIp & 255}`;
}

/** The TOTP code an authenticator app shows now (or `steps` periods later: a code not used yet). */
function totp(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });
}

class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  lastSetCookie: string | undefined;
  constructor(
    readonly ip = freshIp(),
    readonly proto: 'http' | 'https' = 'http',
  ) {}

  async send(method: string, route: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, 'x-forwarded-proto': this.proto };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = `writ_session=${this.cookie}`;
    if (this.csrf && options.csrf !== false) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(`${t.url}${route}`, {
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

interface Account {
  id: string;
  email: string;
  password: string;
  totpSecret: string | null;
}

/** An account straight in the database, hashed the way the seed does it. */
async function account(roles: StaffRole[] = ['REVIEWER'], enrolled = true): Promise<Account> {
  const id = randomUUID();
  const email = `person-${id.slice(0, 8)}@test.example`;
  const password = `correct horse ${id.slice(0, 6)}`;
  const totpSecret = enrolled ? generateSecret() : null;
  await t.db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::"StaffRole"[], $6, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, now())`,
    [id, email, `Person ${id.slice(0, 4)}`, await hash(password), roles, totpSecret],
  );
  return { id, email, password, totpSecret };
}

async function loggedIn(person: Account, browser = new Browser(), steps = 0): Promise<Browser> {
  expect((await browser.login(person.email, person.password)).status).toBe(200);
  expect((await browser.secondFactor(await totp(person.totpSecret!, steps))).status).toBe(200);
  return browser;
}

async function errorCode(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

async function auditActions(staffId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ action: string }>(
    `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`,
    [staffId],
  );
  return rows.map((row) => row.action);
}

async function staffRow(id: string) {
  const { rows } = await t.db.query(
    `SELECT failed_logins, locked_until, recovery_code_hashes, totp_enrolled_at FROM staff WHERE id = $1`,
    [id],
  );
  return rows[0] as {
    failed_logins: number;
    locked_until: Date | null;
    recovery_code_hashes: string[];
    totp_enrolled_at: Date | null;
  };
}

describe('login with password and TOTP', () => {
  it('takes a password, then a TOTP code, and only then lets the session in', async () => {
    const person = await account();
    const browser = new Browser();
    const login = await browser.login(person.email.toUpperCase(), person.password);
    expect(login.status).toBe(200);
    expect(LoginResponse.parse(await login.json()).next).toBe('TOTP');
    const halfOpen = browser.cookie;

    const early = await browser.send('GET', '/auth/me');
    expect(early.status).toBe(401);
    expect(await errorCode(early)).toBe('SECOND_FACTOR_REQUIRED');

    const passed = await browser.secondFactor(await totp(person.totpSecret!));
    expect(passed.status).toBe(200);
    expect(SessionResponse.parse(await passed.json()).staff).toMatchObject({
      id: person.id,
      email: person.email,
      roles: ['REVIEWER'],
    });
    // A new session id once the second factor is passed: a cookie planted before login is worth nothing.
    expect(browser.cookie).toBeDefined();
    expect(browser.cookie).not.toBe(halfOpen);

    const me = await browser.send('GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(MeResponse.parse(await me.json())).toMatchObject({
      via: 'session',
      csrfToken: browser.csrf,
      staff: { id: person.id },
    });

    expect(await auditActions(person.id)).toEqual(['auth.password_accepted', 'auth.login_succeeded']);
    // The email goes into the log only as a salted commitment, never in the clear.
    const { rows } = await t.db.query<{ leaf: Buffer }>(`SELECT leaf FROM audit_event WHERE subject_id = $1`, [
      person.id,
    ]);
    for (const row of rows) expect(row.leaf.toString('utf8')).not.toContain(person.email);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, and Secure only over https', async () => {
    const person = await account();
    const plain = new Browser();
    await plain.login(person.email, person.password);
    const flags = plain.lastSetCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(flags).not.toContain('secure');
    expect(flags.some((flag) => flag.startsWith('max-age='))).toBe(true);

    const tls = new Browser(freshIp(), 'https');
    await tls.login(person.email, person.password);
    expect(tls.lastSetCookie!.split(';').map((part) => part.trim().toLowerCase())).toContain('secure');
  });

  it('answers a wrong password and an unknown email alike, in similar time, and sets no cookie', async () => {
    const person = await account();
    const timings = { wrong: [] as number[], unknown: [] as number[] };
    const bodies: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      for (const kind of ['wrong', 'unknown'] as const) {
        const browser = new Browser();
        const started = performance.now();
        const email = kind === 'wrong' ? person.email : `nobody-${randomUUID()}@test.example`;
        const response = await browser.login(email, 'not the password at all');
        timings[kind].push(performance.now() - started);
        expect(response.status).toBe(401);
        const body = ErrorBody.parse(await response.json());
        bodies.push({ code: body.error.code, message: body.error.message });
        expect(browser.cookie).toBeUndefined();
      }
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // An unknown email still costs a password hash: without it, it would answer several times faster.
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
    expect(median(timings.unknown)).toBeGreaterThan(median(timings.wrong) * 0.5);
    // The auditor's copy says whose account and why; the public leaves of both kinds look alike (no subject, no
    // reason), so the public log cannot tell a real account from a guess either.
    const { rows } = await t.db.query<{ reason: string; leaf: Buffer }>(
      `SELECT details->'personal'->'reason'->>'value' AS reason, leaf FROM audit_event
        WHERE action = 'auth.login_failed' AND details->'personal'->'email'->>'value' = $1`,
      [person.email],
    );
    expect(rows.map((row) => row.reason)).toEqual(['WRONG_PASSWORD', 'WRONG_PASSWORD', 'WRONG_PASSWORD']);
    const { rows: all } = await t.db.query<{ leaf: Buffer }>(
      `SELECT leaf FROM audit_event WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 6`,
    );
    const shapes = all.map((row) => {
      const leaf = JSON.parse(row.leaf.toString('utf8')) as { subject: unknown; details: unknown; commitments: object };
      return JSON.stringify({
        subject: leaf.subject,
        details: leaf.details,
        commitments: Object.keys(leaf.commitments),
      });
    });
    expect(new Set(shapes).size).toBe(1);
  });

  it('refuses a wrong TOTP code, keeps the session half-open, then accepts the right one', async () => {
    const person = await account();
    const browser = new Browser();
    await browser.login(person.email, person.password);
    const right = await totp(person.totpSecret!);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const refused = await browser.secondFactor(wrong);
    expect(refused.status).toBe(401);
    expect(await errorCode(refused)).toBe('SECOND_FACTOR_INVALID');
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);
    expect((await staffRow(person.id)).failed_logins).toBe(1);

    expect((await browser.secondFactor(right)).status).toBe(200);
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
    expect((await staffRow(person.id)).failed_logins).toBe(0);
  });

  it('accepts a TOTP code only once (RFC 6238 §5.2)', async () => {
    const person = await account();
    const code = await totp(person.totpSecret!);
    const first = new Browser();
    await first.login(person.email, person.password);
    expect((await first.secondFactor(code)).status).toBe(200);

    const second = new Browser();
    await second.login(person.email, person.password);
    const replay = await second.secondFactor(code);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('SECOND_FACTOR_INVALID');
    expect((await second.secondFactor(await totp(person.totpSecret!, 1))).status).toBe(200);
  });

  it('ends a session that stays idle too long, and a half-open one that is never finished', async () => {
    const person = await account();
    const idle = await loggedIn(person);
    await t.db.query(
      `UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE staff_id = $1 AND mfa_passed`,
      [person.id],
    );
    expect((await idle.send('GET', '/auth/me')).status).toBe(401);

    const halfOpen = new Browser();
    await halfOpen.login(person.email, person.password);
    const { rows } = await t.db.query<{ minutes: number }>(
      `SELECT extract(epoch FROM expires_at - created_at) / 60 AS minutes FROM session WHERE staff_id = $1 AND NOT mfa_passed`,
      [person.id],
    );
    expect(Number(rows[0]!.minutes)).toBeLessThanOrEqual(15);
    await t.db.query(
      `UPDATE session SET expires_at = now() - interval '1 second' WHERE staff_id = $1 AND NOT mfa_passed`,
      [person.id],
    );
    const late = await halfOpen.secondFactor(await totp(person.totpSecret!, 1));
    expect(late.status).toBe(401);
    expect(await errorCode(late)).toBe('UNAUTHENTICATED');
  });
});

describe('enrolment and recovery codes', () => {
  async function enrolled(): Promise<{ person: Account; secret: string; recoveryCodes: string[]; browser: Browser }> {
    const person = await account(['INTAKE'], false);
    const browser = new Browser();
    const login = await browser.login(person.email, person.password);
    expect(LoginResponse.parse(await login.json()).next).toBe('ENROL_TOTP');
    const started = await browser.send('POST', '/auth/totp/enrol');
    expect(started.status).toBe(200);
    const { secret, otpauthUri } = TotpEnrolment.parse(await started.json());
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Writ:/);
    expect(new URL(otpauthUri).searchParams.get('issuer')).toBe('Writ');
    expect(new URL(otpauthUri).searchParams.get('secret')).toBe(secret);
    const confirmed = await browser.send('POST', '/auth/totp/enrol/confirm', { code: await totp(secret) });
    expect(confirmed.status).toBe(200);
    const body = TotpEnrolmentConfirmation.parse(await confirmed.json());
    browser.csrf = body.csrfToken;
    return { person: { ...person, totpSecret: secret }, secret, recoveryCodes: body.recoveryCodes, browser };
  }

  it('makes an account without an authenticator enrol one before it can do anything', async () => {
    const person = await account(['INTAKE'], false);
    const browser = new Browser();
    await browser.login(person.email, person.password);
    const noFactor = await browser.secondFactor('123456');
    expect(noFactor.status).toBe(409);
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);

    await browser.send('POST', '/auth/totp/enrol');
    const wrong = await browser.send('POST', '/auth/totp/enrol/confirm', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('SECOND_FACTOR_INVALID');
    expect((await staffRow(person.id)).totp_enrolled_at).toBeNull();
  });

  it('confirms the authenticator with a code, completes the login and shows recovery codes once', async () => {
    const { person, recoveryCodes, browser } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
    const row = await staffRow(person.id);
    expect(row.totp_enrolled_at).not.toBeNull();
    expect(row.recovery_code_hashes).toHaveLength(10);
    for (const stored of row.recovery_code_hashes) expect(stored).toMatch(/^\$argon2id\$/);
    expect(row.recovery_code_hashes.join()).not.toContain(recoveryCodes[0]!.replace('-', ''));
    expect(await auditActions(person.id)).toEqual(
      expect.arrayContaining(['auth.totp_enrolment_started', 'auth.totp_enrolled', 'auth.login_succeeded']),
    );

    const again = await browser.send('POST', '/auth/totp/enrol');
    expect(again.status).toBe(409);
  });

  it('accepts a recovery code in place of a TOTP code, exactly once', async () => {
    const { person, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const first = new Browser();
    await first.login(person.email, person.password);
    expect((await first.secondFactor(code.toUpperCase())).status).toBe(200);
    expect((await staffRow(person.id)).recovery_code_hashes).toHaveLength(9);

    const second = new Browser();
    await second.login(person.email, person.password);
    const reused = await second.secondFactor(code);
    expect(reused.status).toBe(401);
    expect(await errorCode(reused)).toBe('SECOND_FACTOR_INVALID');
    expect((await second.secondFactor(recoveryCodes[4]!)).status).toBe(200);
    expect((await staffRow(person.id)).recovery_code_hashes).toHaveLength(8);
  });
});

describe('lockout', () => {
  it('locks the account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const person = await account();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await new Browser().login(person.email, `wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);

    const locked = await new Browser().login(person.email, person.password);
    expect(locked.status).toBe(423);
    const body = ErrorBody.parse(await locked.json());
    expect(body.error.code).toBe('ACCOUNT_LOCKED');
    const until = new Date((body.error.details as { lockedUntil: string }).lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(body.error.message).toContain(new Date(until).toISOString());
    expect(await auditActions(person.id)).toContain('auth.account_locked');
  });

  it('counts wrong TOTP codes too, and ends the half-open session when it locks', async () => {
    const person = await account();
    const browser = new Browser();
    await browser.login(person.email, person.password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await browser.secondFactor(i % 2 ? '000000' : '999999')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await browser.secondFactor(await totp(person.totpSecret!))).status).toBe(401);
    expect((await new Browser().login(person.email, person.password)).status).toBe(423);
  });

  it('starts counting afresh after a successful login', async () => {
    const person = await account();
    for (let i = 0; i < 4; i++) await new Browser().login(person.email, 'wrong password here');
    await loggedIn(person);
    expect((await staffRow(person.id)).failed_logins).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await new Browser().login(person.email, 'wrong password again')).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED to one address trying many accounts, and only to that address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await new Browser(ip).login(`nobody-${i}-${randomUUID()}@test.example`, 'whatever password');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number(last!.headers.get('retry-after-ip'))).toBeGreaterThan(0);
    const body = ErrorBody.parse(await last!.json());
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/Wait \d+ s/);
    expect((await new Browser().login(`someone-${randomUUID()}@test.example`, 'whatever password')).status).toBe(401);
  });

  it('answers 429 to many addresses trying one account', async () => {
    const email = `target-${randomUUID()}@test.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await new Browser().login(email, 'whatever password')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});

describe('CSRF and logout', () => {
  it('refuses a state-changing session request without the x-csrf-token header', async () => {
    const person = await account();
    const browser = await loggedIn(person);
    for (const [method, route, body] of [
      ['POST', '/auth/tokens', { name: 'ci', roles: ['REVIEWER'] }],
      ['POST', '/auth/logout', undefined],
    ] as const) {
      const refused = await browser.send(method, route, body, { csrf: false });
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('CSRF_TOKEN_INVALID');
    }
    const halfOpen = new Browser();
    await halfOpen.login(person.email, person.password);
    const refused = await halfOpen.send(
      'POST',
      '/auth/totp',
      { code: await totp(person.totpSecret!, 1) },
      { csrf: false },
    );
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('CSRF_TOKEN_INVALID');
    // Nothing was created by the refused requests.
    expect((await t.db.query(`SELECT 1 FROM api_token WHERE staff_id = $1`, [person.id])).rowCount).toBe(0);
  });

  it('logout ends the session for good and clears the cookie', async () => {
    const person = await account();
    const browser = await loggedIn(person);
    const cookie = browser.cookie;
    const out = await browser.send('POST', '/auth/logout');
    expect(out.status).toBe(204);
    expect(browser.cookie).toBeUndefined();
    browser.cookie = cookie;
    const after = await browser.send('GET', '/auth/me');
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('UNAUTHENTICATED');
    expect(
      (
        await t.db.query(`SELECT 1 FROM session WHERE staff_id = $1 AND mfa_passed AND revoked_at IS NOT NULL`, [
          person.id,
        ])
      ).rowCount,
    ).toBe(1);
    expect(await auditActions(person.id)).toContain('auth.logout');
  });
});

describe('API tokens', () => {
  it('issues a token with fewer roles than its owner; the token can do only that much', async () => {
    const person = await account(['ADMIN', 'AUDITOR']);
    const browser = await loggedIn(person);
    const created = await browser.send('POST', '/auth/tokens', { name: 'reporting job', roles: ['AUDITOR'] });
    expect(created.status).toBe(201);
    const token = CreatedApiToken.parse(await created.json());
    expect(token.token).toMatch(/^writ_[A-Za-z0-9_-]{43}$/);
    const bearer = { authorization: `Bearer ${token.token}` };

    const me = MeResponse.parse(await (await fetch(`${t.url}/auth/me`, { headers: bearer })).json());
    expect(me).toMatchObject({ via: 'token', csrfToken: null, staff: { id: person.id, roles: ['AUDITOR'] } });
    expect((await fetch(`${t.url}/staff`, { headers: bearer })).status).toBe(403);
    expect((await browser.send('GET', '/staff')).status).toBe(200);

    const listed = ApiTokenList.parse(await (await browser.send('GET', '/auth/tokens')).json());
    expect(listed.items.map((item) => item.id)).toEqual([token.id]);
    expect(JSON.stringify(listed)).not.toContain(token.token);
    const { rows } = await t.db.query<{ token_hash: string }>(`SELECT token_hash FROM api_token WHERE id = $1`, [
      token.id,
    ]);
    expect(rows[0]!.token_hash).not.toContain(token.token);
    expect(await auditActions(token.id)).toEqual(['auth.token_created']);
  });

  it('refuses a token with a role its owner does not hold, and an expiry in the past', async () => {
    const person = await account(['REVIEWER']);
    const browser = await loggedIn(person);
    const escalation = await browser.send('POST', '/auth/tokens', { name: 'sneaky', roles: ['REVIEWER', 'ADMIN'] });
    expect(escalation.status).toBe(403);
    expect(await errorCode(escalation)).toBe('FORBIDDEN');
    const expired = await browser.send('POST', '/auth/tokens', {
      name: 'old',
      roles: ['REVIEWER'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(expired.status).toBe(400);
    expect((await t.db.query(`SELECT 1 FROM api_token WHERE staff_id = $1`, [person.id])).rowCount).toBe(0);
  });

  it('revokes a token at once; someone else cannot revoke it', async () => {
    const owner = await loggedIn(await account(['INTAKE']));
    const other = await loggedIn(await account(['INTAKE']));
    const token = CreatedApiToken.parse(
      await (await owner.send('POST', '/auth/tokens', { name: 'scanner', roles: ['INTAKE'] })).json(),
    );
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(200);

    expect((await other.send('DELETE', `/auth/tokens/${token.id}`)).status).toBe(404);
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(200);

    expect((await owner.send('DELETE', `/auth/tokens/${token.id}`)).status).toBe(204);
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(401);
    const listed = ApiTokenList.parse(await (await owner.send('GET', '/auth/tokens')).json());
    expect(listed.items[0]!.revokedAt).not.toBeNull();
    expect(await auditActions(token.id)).toEqual(['auth.token_created', 'auth.token_revoked']);
  });

  it('cannot take part in the interactive login', async () => {
    const token = CreatedApiToken.parse(
      await (
        await (await loggedIn(await account(['INTAKE']))).send('POST', '/auth/tokens', { name: 'x', roles: ['INTAKE'] })
      ).json(),
    );
    const response = await fetch(`${t.url}/auth/totp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '123456' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('the demo accounts that npm start prints', () => {
  it('each log in with the printed password and a code from the printed TOTP secret', async () => {
    const seeded = spawnSync('npx', ['--no-install', 'tsx', 'prisma/seed.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    expect({ status: seeded.status, stderr: seeded.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    const demo = JSON.parse(readFileSync(path.join(ROOT, 'prisma/demo-staff.json'), 'utf8')) as {
      staff: { email: string; password: string; totpSecret: string; displayName: string; roles: StaffRole[] }[];
    };
    expect(demo.staff.length).toBeGreaterThan(0);
    for (const person of demo.staff) {
      const browser = new Browser();
      expect({ email: person.email, status: (await browser.login(person.email, person.password)).status }).toEqual({
        email: person.email,
        status: 200,
      });
      const passed = await browser.secondFactor(await totp(person.totpSecret));
      expect({ email: person.email, status: passed.status }).toEqual({ email: person.email, status: 200 });
      expect(SessionResponse.parse(await passed.json()).staff).toMatchObject({
        displayName: person.displayName,
        roles: person.roles,
      });
    }
  }, 60_000);
});
