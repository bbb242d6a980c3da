// Passwords over real HTTP on a real PostgreSQL: a person changes their own (current password required, other
// sessions end, wrong guesses count towards the lockout), and an account whose password an admin chose (created
// or reset by admins: proposed by one, approved by another, who receives it) can do nothing after the second factor
// but replace it.
import { randomUUID } from 'node:crypto';
import {
  CreatedApiToken,
  ErrorBody,
  LoginResponse,
  MeResponse,
  SessionResponse,
  StaffChange,
  StaffChangeApproval,
  StaffPage,
  TotpEnrolment,
  TotpEnrolmentConfirmation,
} from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { type Account, account, auditActions, Browser, errorCode, inDays, loggedIn, totp } from './auth.fixtures';

let t: TestApp;
let admin: TestStaff;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
  admin = await createStaff(t, ['ADMIN']);
});
afterAll(async () => {
  await t.close();
});

const NEW_PASSWORD = 'a brand new passphrase';

async function passwordHash(id: string): Promise<string> {
  const { rows } = await t.db.query<{ password_hash: string }>(`SELECT password_hash FROM staff WHERE id = $1`, [id]);
  return rows[0]!.password_hash;
}

async function liveSessions(id: string): Promise<number> {
  const { rowCount } = await t.db.query(`SELECT 1 FROM session WHERE staff_id = $1 AND revoked_at IS NULL`, [id]);
  return rowCount ?? 0;
}

function asAdmin(method: string, route: string, body?: unknown): Promise<Response> {
  return fetch(`${t.url}${route}`, {
    method,
    headers: admin.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A second admin at their desk approves a proposed account change (four eyes); the approver's answer. */
async function approvedByAnotherAdmin(proposal: Response): Promise<StaffChangeApproval> {
  expect(proposal.status).toBe(202);
  const { id } = StaffChange.parse(await proposal.json());
  const desk = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
  const approval = await desk.send('POST', `/staff-changes/${id}/approve`);
  expect(approval.status).toBe(200);
  return StaffChangeApproval.parse(await approval.json());
}

/** Every audit event about the account, as stored (auditor's copy) and as published (leaf), as text. */
async function auditText(id: string): Promise<string> {
  const { rows } = await t.db.query<{ details: unknown; leaf: Buffer }>(
    `SELECT details, leaf FROM audit_event WHERE subject_id = $1`,
    [id],
  );
  return rows.map((row) => `${JSON.stringify(row.details)} ${row.leaf.toString('utf8')}`).join('\n');
}

describe('changing one’s own password', () => {
  it('takes the current password, ends the other sessions but not this one, and audits without secrets', async () => {
    const person = await account(t, ['REVIEWER']);
    const here = await loggedIn(person, new Browser(t));
    const elsewhere = await loggedIn(person, new Browser(t), 1);
    const token = CreatedApiToken.parse(
      await (
        await here.send('POST', '/auth/tokens', { name: 'job', roles: ['REVIEWER'], expiresAt: inDays(30) })
      ).json(),
    );

    const changed = await here.send('POST', '/auth/password', {
      currentPassword: person.password,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect(await passwordHash(person.id)).toMatch(/^\$argon2id\$/);

    expect((await here.send('GET', '/auth/me')).status).toBe(200);
    const ended = await elsewhere.send('GET', '/auth/me');
    expect(ended.status).toBe(401);
    expect(await errorCode(ended)).toBe('UNAUTHENTICATED');
    expect(await liveSessions(person.id)).toBe(1);
    // Tokens do not depend on the password; revoking them is a decision of its own.
    expect((await fetch(`${t.url}/auth/me`, { headers: { authorization: `Bearer ${token.token}` } })).status).toBe(200);

    expect(await errorCode(await new Browser(t).login(person.email, person.password))).toBe('INVALID_CREDENTIALS');
    expect((await new Browser(t).login(person.email, NEW_PASSWORD)).status).toBe(200);

    const { rows } = await t.db.query<{ details: { requiredByAdmin: boolean; otherSessionsEnded: number } }>(
      `SELECT details FROM audit_event WHERE subject_id = $1 AND action = 'auth.password_changed'`,
      [person.id],
    );
    expect(rows.map((row) => row.details)).toEqual([
      expect.objectContaining({ requiredByAdmin: false, otherSessionsEnded: 1 }),
    ]);
    const audit = await auditText(person.id);
    expect(audit).not.toContain(NEW_PASSWORD);
    expect(audit).not.toContain(person.password);
  });

  it('refuses a wrong current password with 403 CURRENT_PASSWORD_INVALID, changes nothing, and counts it', async () => {
    const person = await account(t);
    const browser = await loggedIn(person, new Browser(t));
    const before = await passwordHash(person.id);
    const refused = await browser.send('POST', '/auth/password', {
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
    });
    expect(refused.status).toBe(403);
    const body = ErrorBody.parse(await refused.json());
    expect(body.error).toMatchObject({
      code: 'CURRENT_PASSWORD_INVALID',
      message: 'That is not your current password.',
    });
    expect(await passwordHash(person.id)).toBe(before);
    const { rows } = await t.db.query<{ failed_logins: number }>(`SELECT failed_logins FROM staff WHERE id = $1`, [
      person.id,
    ]);
    expect(rows[0]!.failed_logins).toBe(1);
    expect(await auditActions(t, person.id)).toContain('auth.password_change_failed');
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
  });

  it.each([
    ['shorter than 12 characters', () => 'short pass', /newPassword: must be at least 12 characters/],
    ['the current password', (person: Account) => person.password, /newPassword: must differ from the current/],
    ['the email address', (person: Account) => person.email.toUpperCase(), /newPassword: must not be .*email/],
    ['the part before the @', (person: Account) => person.email.split('@')[0]!, /newPassword: must not be .*email/],
  ])(
    'refuses a new password that is %s: 400 VALIDATION_FAILED naming newPassword, nothing changed',
    async (_n, pick, message) => {
      const person = await account(t);
      const here = await loggedIn(person, new Browser(t));
      const elsewhere = await loggedIn(person, new Browser(t), 1);
      const before = await passwordHash(person.id);
      const refused = await here.send('POST', '/auth/password', {
        currentPassword: person.password,
        newPassword: pick(person),
      });
      expect(refused.status).toBe(400);
      const body = ErrorBody.parse(await refused.json());
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toMatch(message);
      expect(await passwordHash(person.id)).toBe(before);
      expect((await elsewhere.send('GET', '/auth/me')).status).toBe(200);
      expect(await auditActions(t, person.id)).not.toContain('auth.password_changed');
    },
  );

  it('refuses a body without the current password, or with fields it does not know', async () => {
    const person = await account(t);
    const browser = await loggedIn(person, new Browser(t));
    const missing = await browser.send('POST', '/auth/password', { newPassword: NEW_PASSWORD });
    expect(missing.status).toBe(400);
    expect(ErrorBody.parse(await missing.json()).error.message).toMatch(/currentPassword/);
    const extra = await browser.send('POST', '/auth/password', {
      currentPassword: person.password,
      newPassword: NEW_PASSWORD,
      mustChangePassword: false,
    });
    expect(extra.status).toBe(400);
    expect((await browser.send('POST', '/auth/password', 'not an object')).status).toBe(400);
  });

  it('locks the account after five wrong current passwords, and ends the session that was guessing', async () => {
    const person = await account(t);
    const browser = await loggedIn(person, new Browser(t));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await browser.send('POST', '/auth/password', {
        currentPassword: `wrong guess number ${i}`,
        newPassword: NEW_PASSWORD,
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([403, 403, 403, 403, 423]);
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);
    expect((await new Browser(t).login(person.email, person.password)).status).toBe(423);
    expect(await auditActions(t, person.id)).toContain('auth.account_locked');
  });

  it('cannot be done with an API token, even one that knows the password', async () => {
    const person = await account(t, ['INTAKE']);
    const browser = await loggedIn(person, new Browser(t));
    const token = CreatedApiToken.parse(
      await (await browser.send('POST', '/auth/tokens', { name: 'x', roles: ['INTAKE'], expiresAt: inDays(1) })).json(),
    );
    const before = await passwordHash(person.id);
    const response = await fetch(`${t.url}/auth/password`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: person.password, newPassword: NEW_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('INTERACTIVE_SESSION_REQUIRED');
    expect(await passwordHash(person.id)).toBe(before);
  });
});

describe('a password an admin chose must be replaced at the next login', () => {
  it('a new account enrols its authenticator, then can only change the password, then works normally', async () => {
    const email = `newcomer-${randomUUID().slice(0, 8)}@test.example`;
    const { staff, temporaryPassword } = await approvedByAnotherAdmin(
      await asAdmin('POST', '/staff', { email, displayName: 'Nora Newcomer', roles: ['INTAKE'] }),
    );
    const initial = temporaryPassword!;
    expect(staff.passwordChangeRequired).toBe(true);

    const browser = new Browser(t);
    const login = await browser.login(email, initial);
    expect(LoginResponse.parse(await login.json()).next).toBe('ENROL_TOTP');
    const { secret } = TotpEnrolment.parse(await (await browser.send('POST', '/auth/totp/enrol')).json());
    const confirmed = await browser.send('POST', '/auth/totp/enrol/confirm', { code: await totp(secret) });
    expect(confirmed.status).toBe(200);
    const session = TotpEnrolmentConfirmation.parse(await confirmed.json());
    expect(session.passwordChangeRequired).toBe(true);
    browser.csrf = session.csrfToken;

    const blocked = await browser.send('GET', '/auth/tokens');
    expect(blocked.status).toBe(403);
    const body = ErrorBody.parse(await blocked.json());
    expect(body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(body.error.message).toMatch(/^Your password was set by an admin\. Choose your own/);
    const me = MeResponse.parse(await (await browser.send('GET', '/auth/me')).json());
    expect(me).toMatchObject({ passwordChangeRequired: true, staff: { email } });

    const changed = await browser.send('POST', '/auth/password', {
      currentPassword: initial,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect(MeResponse.parse(await (await browser.send('GET', '/auth/me')).json()).passwordChangeRequired).toBe(false);
    expect((await browser.send('GET', '/auth/tokens')).status).toBe(200);

    const listed = StaffPage.parse(await (await asAdmin('GET', `/staff?q=${encodeURIComponent(email)}`)).json());
    expect(listed.items[0]!.passwordChangeRequired).toBe(false);
    const { rows } = await t.db.query<{ details: { requiredByAdmin: boolean } }>(
      `SELECT details FROM audit_event WHERE subject_id = $1 AND action = 'auth.password_changed'`,
      [staff.id],
    );
    expect(rows[0]!.details.requiredByAdmin).toBe(true);
    // The next login is an ordinary one.
    const again = await loggedIn(
      { id: staff.id, email, password: NEW_PASSWORD, totpSecret: secret },
      new Browser(t),
      1,
    );
    expect((await again.send('GET', '/auth/tokens')).status).toBe(200);
  });

  it('after a reset: the old password and sessions are dead; the temporary one leads to a forced change', async () => {
    const person = await account(t, ['REVIEWER']);
    const before = await loggedIn(person, new Browser(t));
    // A reset takes a logged-in admin (an API token is refused: staff.test.ts), and another one's approval.
    const desk = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
    const { temporaryPassword } = await approvedByAnotherAdmin(
      await desk.send('POST', `/staff/${person.id}/reset-password`, {}),
    );
    expect(temporaryPassword).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);

    expect((await before.send('GET', '/auth/me')).status).toBe(401);
    expect(await errorCode(await new Browser(t).login(person.email, person.password))).toBe('INVALID_CREDENTIALS');

    const browser = new Browser(t);
    expect((await browser.login(person.email, temporaryPassword!)).status).toBe(200);
    const passed = await browser.secondFactor(await totp(person.totpSecret!, 1));
    expect(SessionResponse.parse(await passed.json()).passwordChangeRequired).toBe(true);
    for (const [method, route] of [
      ['GET', '/requests'],
      ['POST', '/auth/tokens'],
      ['GET', `/staff`],
    ] as const) {
      const response = await browser.send(method, route, method === 'POST' ? {} : undefined);
      expect({ route, status: response.status, code: await errorCode(response) }).toEqual({
        route,
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
    }
    const changed = await browser.send('POST', '/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect((await browser.send('GET', '/requests')).status).toBe(200);
    expect(await auditActions(t, person.id)).toEqual(
      expect.arrayContaining(['staff.password_reset', 'auth.password_changed']),
    );
  });
});
