// Staff login over real HTTP on a real PostgreSQL: password, then TOTP (or a one-time recovery code), the session
// cookie, CSRF, lockout, rate limits, logout, and TOTP secrets encrypted at rest. Each "browser" keeps its own
// cookie, CSRF token and client address (auth.fixtures.ts). API tokens: auth-tokens.test.ts; passwords:
// auth-password.test.ts.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ErrorBody,
  LoginResponse,
  MeResponse,
  SessionResponse,
  StaffChange,
  type StaffRole,
  TotpEnrolment,
  TotpEnrolmentConfirmation,
} from '@writ/contracts';
import { totpKeyId, TotpSecretBox } from '../../apps/api/src/auth/totp-secret-box';
import { hashRecoveryCode, newRecoveryCodes } from '../../apps/api/src/auth/totp';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { tsx } from '../support/tsx';
import {
  type Account,
  account,
  auditActions,
  Browser,
  errorCode,
  freshIp,
  inDays,
  loggedIn,
  sealV1,
  totp,
} from './auth.fixtures';

// The keys of a rotation that has happened: TOTP_ENCRYPTION_KEY seals, the previous key still opens.
const CURRENT_KEY = randomBytes(32);
const PREVIOUS_KEY = randomBytes(32);
const CURRENT_KEY_ID = totpKeyId(CURRENT_KEY);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    TRUST_PROXY: 'true',
    TOTP_ENCRYPTION_KEY: CURRENT_KEY.toString('base64'),
    TOTP_ENCRYPTION_KEYS_PREVIOUS: PREVIOUS_KEY.toString('base64'),
  });
});
afterAll(async () => {
  await t.close();
});

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
    const person = await account(t);
    const browser = new Browser(t);
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

    expect(await auditActions(t, person.id)).toEqual(['auth.password_accepted', 'auth.login_succeeded']);
    // The email goes into the log only as a salted commitment, never in the clear.
    const { rows } = await t.db.query<{ leaf: Buffer }>(`SELECT leaf FROM audit_event WHERE subject_id = $1`, [
      person.id,
    ]);
    for (const row of rows) expect(row.leaf.toString('utf8')).not.toContain(person.email);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/, and Secure only over https', async () => {
    const person = await account(t);
    const plain = new Browser(t);
    await plain.login(person.email, person.password);
    const flags = plain.lastSetCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(flags).not.toContain('secure');
    expect(flags.some((flag) => flag.startsWith('max-age='))).toBe(true);

    const tls = new Browser(t, freshIp(), 'https');
    await tls.login(person.email, person.password);
    expect(tls.lastSetCookie!.split(';').map((part) => part.trim().toLowerCase())).toContain('secure');
  });

  it('answers a wrong password and an unknown email alike, with the same work, and sets no cookie', async () => {
    const person = await account(t);
    // The work is counted as this process's CPU time (the API runs in it; argon2's threads count too), not as wall
    // time, which another process on the same two cores can stretch at will: a timed assertion would be flaky.
    const work = { wrong: [] as number[], unknown: [] as number[] };
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const bodies: unknown[] = [];
    // Round 0 warms both paths up (the first call of each compiles code) and is not counted.
    for (let i = 0; i < 5; i++) {
      for (const kind of ['wrong', 'unknown'] as const) {
        const browser = new Browser(t);
        const started = cpuMs();
        const email = kind === 'wrong' ? person.email : `nobody-${randomUUID()}@test.example`;
        const response = await browser.login(email, 'not the password at all');
        if (i > 0) work[kind].push(cpuMs() - started);
        expect(response.status).toBe(401);
        const body = ErrorBody.parse(await response.json());
        bodies.push({ code: body.error.code, message: body.error.message });
        expect(browser.cookie).toBeUndefined();
      }
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // An unknown email still costs a password hash (about 20 ms of CPU here): without it, it would take a tenth of
    // the work or less. The bound sits between the two.
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return (sorted[1]! + sorted[2]!) / 2;
    };
    expect(median(work.unknown)).toBeGreaterThan(median(work.wrong) * 0.3);
    // The auditor's copy says whose account and why; the public leaves of both kinds look alike (no subject, no
    // reason), so the public log cannot tell a real account from a guess either.
    const { rows } = await t.db.query<{ reason: string; leaf: Buffer }>(
      `SELECT details->'personal'->'reason'->>'value' AS reason, leaf FROM audit_event
        WHERE action = 'auth.login_failed' AND details->'personal'->'email'->>'value' = $1`,
      [person.email],
    );
    expect(rows.map((row) => row.reason)).toEqual(Array(5).fill('WRONG_PASSWORD'));
    const { rows: all } = await t.db.query<{ leaf: Buffer }>(
      `SELECT leaf FROM audit_event WHERE action = 'auth.login_failed' ORDER BY id DESC LIMIT 10`,
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
    const person = await account(t);
    const browser = new Browser(t);
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
    const person = await account(t);
    const code = await totp(person.totpSecret!);
    const first = new Browser(t);
    await first.login(person.email, person.password);
    expect((await first.secondFactor(code)).status).toBe(200);

    const second = new Browser(t);
    await second.login(person.email, person.password);
    const replay = await second.secondFactor(code);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('SECOND_FACTOR_INVALID');
    expect((await second.secondFactor(await totp(person.totpSecret!, 1))).status).toBe(200);
  });

  it('ends a session that stays idle too long, and a half-open one that is never finished', async () => {
    const person = await account(t);
    const idle = await loggedIn(person, new Browser(t));
    await t.db.query(
      `UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE staff_id = $1 AND mfa_passed`,
      [person.id],
    );
    expect((await idle.send('GET', '/auth/me')).status).toBe(401);

    const halfOpen = new Browser(t);
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
    const person = await account(t, ['INTAKE'], { enrolled: false });
    const browser = new Browser(t);
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
    const person = await account(t, ['INTAKE'], { enrolled: false });
    const browser = new Browser(t);
    await browser.login(person.email, person.password);
    const noFactor = await browser.secondFactor('123456');
    expect(noFactor.status).toBe(409);
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);

    await browser.send('POST', '/auth/totp/enrol');
    const wrong = await browser.send('POST', '/auth/totp/enrol/confirm', { code: '000000' });
    expect(wrong.status).toBe(401);
    const refusal = ErrorBody.parse(await wrong.json()).error;
    expect(refusal.code).toBe('SECOND_FACTOR_INVALID');
    // No recovery code exists before the enrolment is confirmed: the message does not offer one.
    expect(refusal.message).toMatch(/6-digit code your authenticator app shows/);
    expect(refusal.message).not.toMatch(/recovery/i);
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
    expect(await auditActions(t, person.id)).toEqual(
      expect.arrayContaining(['auth.totp_enrolment_started', 'auth.totp_enrolled', 'auth.login_succeeded']),
    );

    const again = await browser.send('POST', '/auth/totp/enrol');
    expect(again.status).toBe(409);
  });

  it('accepts a recovery code in place of a TOTP code, exactly once', async () => {
    const { person, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    const first = new Browser(t);
    await first.login(person.email, person.password);
    expect((await first.secondFactor(code.toUpperCase())).status).toBe(200);
    expect((await staffRow(person.id)).recovery_code_hashes).toHaveLength(9);

    const second = new Browser(t);
    await second.login(person.email, person.password);
    const reused = await second.secondFactor(code);
    expect(reused.status).toBe(401);
    expect(await errorCode(reused)).toBe('SECOND_FACTOR_INVALID');
    expect((await second.secondFactor(recoveryCodes[4]!)).status).toBe(200);
    expect((await staffRow(person.id)).recovery_code_hashes).toHaveLength(8);
  });
});

describe('TOTP secrets at rest', () => {
  const secretOf = async (id: string) =>
    (await t.db.query<{ totp_secret: string | null }>(`SELECT totp_secret FROM staff WHERE id = $1`, [id])).rows[0]!
      .totp_secret;

  it('stores an enrolled secret encrypted (AES-256-GCM, "v2:<key id>:" prefix), never in the clear, and logs in with it', async () => {
    const person = await account(t, ['AUDITOR'], { enrolled: false });
    const browser = new Browser(t);
    await browser.login(person.email, person.password);
    const { secret } = TotpEnrolment.parse(await (await browser.send('POST', '/auth/totp/enrol')).json());
    const pending = await secretOf(person.id);
    expect(pending).toMatch(new RegExp(`^v2:${CURRENT_KEY_ID}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$`));
    expect(pending).not.toContain(secret);
    expect((await browser.send('POST', '/auth/totp/enrol/confirm', { code: await totp(secret) })).status).toBe(200);
    const stored = await secretOf(person.id);
    expect(stored).toBe(pending);
    // Nor anywhere else in the row (e.g. a second column added by mistake).
    const { rows } = await t.db.query<{ row: string }>(`SELECT staff::text AS row FROM staff WHERE id = $1`, [
      person.id,
    ]);
    expect(rows[0]!.row).not.toContain(secret);

    await loggedIn({ ...person, totpSecret: secret }, new Browser(t), 1);
  });

  it('keeps a secret stored in the clear (a row from before) working, and seals it at its first successful use', async () => {
    const person = await account(t);
    expect(await secretOf(person.id)).toBe(person.totpSecret);
    const before = await t.db.query<{ updated_at: Date; version: number }>(
      `SELECT updated_at, version FROM staff WHERE id = $1`,
      [person.id],
    );

    // A wrong code is no use of the secret: it stays as it was.
    const browser = new Browser(t);
    await browser.login(person.email, person.password);
    const right = await totp(person.totpSecret!);
    expect((await browser.secondFactor(String((Number(right) + 1) % 1_000_000).padStart(6, '0'))).status).toBe(401);
    expect(await secretOf(person.id)).toBe(person.totpSecret);

    expect((await browser.secondFactor(right)).status).toBe(200);
    const sealed = await secretOf(person.id);
    expect(sealed).toMatch(new RegExp(`^v2:${CURRENT_KEY_ID}:`));
    expect(sealed).not.toContain(person.totpSecret);
    // Not an admin's change: the account's version (optimistic concurrency for admins) is untouched.
    const after = await t.db.query<{ updated_at: Date; version: number }>(
      `SELECT updated_at, version FROM staff WHERE id = $1`,
      [person.id],
    );
    expect(after.rows[0]).toEqual(before.rows[0]);

    // The same authenticator keeps working against the sealed secret, and it is not sealed twice.
    await loggedIn(person, new Browser(t), 1);
    expect(await secretOf(person.id)).toBe(sealed);
  });

  it('logs in an account sealed under a previous key (v2, or v1 which names no key), and reseals it under the current key', async () => {
    const previous = new TotpSecretBox(PREVIOUS_KEY);
    for (const seal of [
      (id: string, secret: string) => previous.seal(id, secret),
      (id: string, secret: string) => sealV1(PREVIOUS_KEY, id, secret),
      (id: string, secret: string) => sealV1(CURRENT_KEY, id, secret),
    ]) {
      const person = await account(t);
      const old = seal(person.id, person.totpSecret!);
      await t.db.query(`UPDATE staff SET totp_secret = $2 WHERE id = $1`, [person.id, old]);
      const before = (await t.db.query(`SELECT updated_at, version FROM staff WHERE id = $1`, [person.id])).rows[0];

      await loggedIn(person, new Browser(t));
      const resealed = (await secretOf(person.id))!;
      expect(resealed).toMatch(new RegExp(`^v2:${CURRENT_KEY_ID}:`));
      // The current key alone opens it now: the previous key can be retired once every account is resealed.
      expect(new TotpSecretBox(CURRENT_KEY).open(person.id, resealed)).toMatchObject({
        secret: person.totpSecret,
        state: 'current',
      });
      expect((await t.db.query(`SELECT updated_at, version FROM staff WHERE id = $1`, [person.id])).rows[0]).toEqual(
        before,
      );
      await loggedIn(person, new Browser(t), 1);
      expect(await secretOf(person.id)).toBe(resealed);
    }
  });

  it('answers 503 SECOND_FACTOR_UNAVAILABLE for a secret under a key not configured, counts no failure, and still takes a recovery code', async () => {
    const person = await account(t);
    const [recoveryCode] = newRecoveryCodes(1) as [string];
    const lost = new TotpSecretBox(randomBytes(32)).seal(person.id, person.totpSecret!);
    await t.db.query(`UPDATE staff SET totp_secret = $2, recovery_code_hashes = $3 WHERE id = $1`, [
      person.id,
      lost,
      [await hashRecoveryCode(recoveryCode)],
    ]);

    const browser = new Browser(t);
    await browser.login(person.email, person.password);
    const refused = await browser.secondFactor(await totp(person.totpSecret!));
    expect(refused.status).toBe(503);
    const body = ErrorBody.parse(await refused.json());
    expect(body.error.code).toBe('SECOND_FACTOR_UNAVAILABLE');
    expect(body.error.message).toMatch(/cannot read the authenticator secret.*recovery code.*admin/);
    expect((await staffRow(person.id)).failed_logins).toBe(0);
    expect(await auditActions(t, person.id)).not.toContain('auth.login_failed');

    // The API keeps serving, the same half-open session takes a recovery code, and the unreadable value stays as
    // it is for the operator (the missing key) or an admin (a reset) to deal with.
    expect((await browser.secondFactor(recoveryCode)).status).toBe(200);
    expect(await secretOf(person.id)).toBe(lost);
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
  });
});

describe('lockout', () => {
  /** What a client sees of a login answer: status, and the body without its request id. */
  async function seen(response: Response) {
    const { error } = ErrorBody.parse(await response.json());
    return { status: response.status, code: error.code, message: error.message, details: error.details };
  }

  it('answers every wrong password for a known email exactly as for an unknown one, the one that holds it too', async () => {
    const person = await account(t);
    const unknown = `nobody-${randomUUID().slice(0, 8)}@test.example`;
    for (let i = 0; i < 6; i++) {
      const known = await seen(await new Browser(t).login(person.email, `wrong password ${i}`));
      const guess = await seen(await new Browser(t).login(unknown, `wrong password ${i}`));
      expect({ attempt: i + 1, ...known }).toEqual({ attempt: i + 1, ...guess });
      expect(known).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    }
    expect((await staffRow(person.id)).locked_until).not.toBeNull();
    // Nothing in the public log names the account either: the hold is committed inside the failure event.
    expect(await auditActions(t, person.id)).toEqual([]);
  });

  it('holds the account after 5 wrong passwords, 30 s at first and doubling; only the right password learns of it', async () => {
    const person = await account(t);
    for (let i = 0; i < 5; i++) await new Browser(t).login(person.email, `wrong password ${i}`);

    const held = async (seconds: number) => {
      const response = await new Browser(t).login(person.email, person.password);
      expect(response.status).toBe(423);
      const body = ErrorBody.parse(await response.json());
      expect(body.error.code).toBe('ACCOUNT_LOCKED');
      const until = new Date((body.error.details as { lockedUntil: string }).lockedUntil).getTime();
      expect(until - Date.now()).toBeGreaterThan((seconds - 5) * 1000);
      expect(until - Date.now()).toBeLessThanOrEqual(seconds * 1000);
      expect(body.error.message).toContain(new Date(until).toISOString());
    };
    await held(30);
    // The wait is over (as if 30 s had passed); one more wrong password holds it twice as long, then four times.
    const waited = () =>
      t.db.query(`UPDATE staff SET locked_until = now() - interval '1 second' WHERE id = $1`, [person.id]);
    await waited();
    expect((await new Browser(t).login(person.email, 'wrong again')).status).toBe(401);
    await held(60);
    await waited();
    expect((await new Browser(t).login(person.email, 'wrong again')).status).toBe(401);
    await held(120);

    // The auditor's copy of the failure event says when the hold ends.
    const { rows } = await t.db.query<{ held: string }>(
      `SELECT details->'personal'->'heldUntil'->>'value' AS held FROM audit_event
        WHERE action = 'auth.login_failed' AND details->'personal'->'email'->>'value' = $1 ORDER BY id`,
      [person.email],
    );
    // Five failures (the fifth holds), then by turns a right password refused during the hold and a failure after it.
    expect(rows.map((row) => row.held !== 'none')).toEqual([
      ...[false, false, false, false, true],
      ...[false, true],
      ...[false, true],
      false,
    ]);
  });

  it('never holds an account longer than 15 minutes', async () => {
    const person = await account(t);
    await t.db.query(`UPDATE staff SET failed_logins = 40 WHERE id = $1`, [person.id]);
    expect((await new Browser(t).login(person.email, 'wrong')).status).toBe(401);
    const held = (await staffRow(person.id)).locked_until!.getTime() - Date.now();
    expect(held).toBeGreaterThan(14 * 60_000);
    expect(held).toBeLessThanOrEqual(15 * 60_000);
  });

  it('counts wrong TOTP codes too, and ends the half-open session when it locks', async () => {
    const person = await account(t);
    const browser = new Browser(t);
    await browser.login(person.email, person.password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await browser.secondFactor(i % 2 ? '000000' : '999999')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    expect((await browser.secondFactor(await totp(person.totpSecret!))).status).toBe(401);
    expect((await new Browser(t).login(person.email, person.password)).status).toBe(423);
  });

  it('starts counting afresh after a successful login', async () => {
    const person = await account(t);
    for (let i = 0; i < 4; i++) await new Browser(t).login(person.email, 'wrong password here');
    await loggedIn(person, new Browser(t));
    expect((await staffRow(person.id)).failed_logins).toBe(0);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await new Browser(t).login(person.email, 'wrong password again')).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED to one address trying many accounts, and only to that address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await new Browser(t, ip).login(`nobody-${i}-${randomUUID()}@test.example`, 'whatever password');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number(last!.headers.get('retry-after-ip'))).toBeGreaterThan(0);
    const body = ErrorBody.parse(await last!.json());
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/Wait \d+ s/);
    expect((await new Browser(t).login(`someone-${randomUUID()}@test.example`, 'whatever password')).status).toBe(401);
  });

  it('answers 429 to many addresses trying one account', async () => {
    const email = `target-${randomUUID()}@test.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await new Browser(t).login(email, 'whatever password')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});

describe('CSRF and logout', () => {
  it('refuses a state-changing session request without the x-csrf-token header', async () => {
    const person = await account(t);
    const browser = await loggedIn(person, new Browser(t));
    for (const [method, route, body] of [
      ['POST', '/auth/tokens', { name: 'ci', roles: ['REVIEWER'], expiresAt: inDays(30) }],
      ['POST', '/auth/logout', undefined],
    ] as const) {
      const refused = await browser.send(method, route, body, { csrf: false });
      expect(refused.status).toBe(403);
      expect(await errorCode(refused)).toBe('CSRF_TOKEN_INVALID');
    }
    const halfOpen = new Browser(t);
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
    const person = await account(t);
    const browser = await loggedIn(person, new Browser(t));
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
    expect(await auditActions(t, person.id)).toContain('auth.logout');
  });
});

describe('the demo accounts that npm start prints', () => {
  it('each log in with the printed password and a code from the printed TOTP secret', async () => {
    // Asynchronously: the API under test runs in this process, and a blocked event loop would leave its
    // keep-alive sockets and log integrator stalled for the seed's whole run (the next request then met a reset).
    await promisify(execFile)(...tsx('prisma/seed.ts'), {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    const demo = JSON.parse(readFileSync(path.join(ROOT, 'prisma/demo-staff.json'), 'utf8')) as {
      staff: { email: string; password: string; totpSecret: string; displayName: string; roles: StaffRole[] }[];
    };
    expect(demo.staff.length).toBeGreaterThan(0);
    // Four eyes on account changes: one admin proposes, another approves, so the demo needs two.
    expect(demo.staff.filter((person) => person.roles.includes('ADMIN')).length).toBeGreaterThanOrEqual(2);
    const admins: Browser[] = [];
    for (const person of demo.staff) {
      const browser = new Browser(t);
      if (person.roles.includes('ADMIN')) admins.push(browser);
      expect({ email: person.email, status: (await browser.login(person.email, person.password)).status }).toEqual({
        email: person.email,
        status: 200,
      });
      const passed = await browser.secondFactor(await totp(person.totpSecret));
      expect({ email: person.email, status: passed.status }).toEqual({ email: person.email, status: 200 });
      expect(SessionResponse.parse(await passed.json())).toMatchObject({
        staff: { displayName: person.displayName, roles: person.roles },
        passwordChangeRequired: false,
      });
      // Made by the seed, not by an admin: `npm start` logins are not held to a password change.
      const ordinary = await browser.send('GET', '/auth/tokens');
      expect({ email: person.email, status: ordinary.status }).toEqual({ email: person.email, status: 200 });
    }
    // The two demo admins can work four eyes: one proposes an account, the other approves it.
    const proposal = await admins[0]!.send('POST', '/staff', {
      email: `demo-${randomUUID().slice(0, 8)}@writ.example`,
      displayName: 'Proposed In The Demo',
      roles: ['AUDITOR'],
    });
    expect(proposal.status).toBe(202);
    const { id } = StaffChange.parse(await proposal.json());
    expect((await admins[1]!.send('POST', `/staff-changes/${id}/approve`)).status).toBe(200);
    // The seed stores the (published) demo secrets as plain base32; each was sealed at its first login.
    const { rows } = await t.db.query<{ email: string; totp_secret: string }>(
      `SELECT email, totp_secret FROM staff WHERE email = ANY($1::text[])`,
      [demo.staff.map((person) => person.email)],
    );
    expect(rows).toHaveLength(demo.staff.length);
    for (const row of rows) {
      const printed = demo.staff.find((person) => person.email === row.email)!.totpSecret;
      expect({ email: row.email, sealed: row.totp_secret.startsWith(`v2:${CURRENT_KEY_ID}:`) }).toEqual({
        email: row.email,
        sealed: true,
      });
      expect(row.totp_secret).not.toContain(printed);
    }
  }, 60_000);
});
