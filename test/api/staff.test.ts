// Staff accounts, managed by ADMIN over real HTTP on a real PostgreSQL: create (a temporary password, generated
// at approval), list and search, change roles with optimistic concurrency, disable/enable, reset the second factor
// or the password, and the guard rails that keep an admin from locking themselves out. What grants or restores
// access takes a second admin's approval (four eyes: staff-changes.test.ts); here each such change is proposed
// and approved. The two resets hand an account over, so they take a logged-in admin, never a bearer token. (What
// the person then goes through, the forced password change: auth-password.test.ts.)
import { randomUUID } from 'node:crypto';
import {
  ErrorBody,
  LoginResponse,
  SessionResponse,
  StaffAccount,
  StaffChange,
  StaffChangeApproval,
  StaffPage,
  type StaffRole,
} from '@writ/contracts';
import { generate } from 'otplib';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { account, Browser, loggedIn } from './auth.fixtures';

let t: TestApp;
/** An admin's bearer token: enough for most of this API, not for the two resets. */
let admin: TestStaff;
/** An admin logged in (password and second factor) in a browser: what the resets need. */
let adminDesk: Browser;
/** Another admin at their desk: approves what the first two propose (four eyes). */
let secondDesk: Browser;
beforeAll(async () => {
  // Each login below comes from an address of its own, so the per-address rate limit stays out of the way.
  t = await startTestApp({ TRUST_PROXY: 'true' });
  admin = await createStaff(t, ['ADMIN']);
  adminDesk = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
  secondDesk = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
});
afterAll(async () => {
  await t.close();
});

function api(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = admin.headers,
): Promise<Response> {
  return fetch(`${t.url}${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function errorCode(response: Response): Promise<string> {
  return ErrorBody.parse(await response.json()).error.code;
}

let lastIp = 0;
function freshIp(): string {
  lastIp += 1;
  return `10.1.${lastIp >> 8}.${lastIp & 255}`;
}

function uniqueEmail(label = 'person'): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.example`;
}

/** Approves a proposed change as another admin at their desk; the answer as the approver sees it. */
async function approve(proposal: Response, desk = secondDesk): Promise<StaffChangeApproval> {
  expect(proposal.status).toBe(202);
  const change = StaffChange.parse(await proposal.json());
  const response = await desk.send('POST', `/staff-changes/${change.id}/approve`);
  expect(response.status).toBe(200);
  return StaffChangeApproval.parse(await response.json());
}

/** An account proposed by the admin's token and approved by another admin; its temporary password. */
async function create(
  roles: StaffRole[] = ['INTAKE'],
  extra: { displayName?: string; email?: string } = {},
): Promise<{ staff: StaffAccount; password: string }> {
  const proposal = await api('POST', '/staff', {
    email: extra.email ?? uniqueEmail(),
    displayName: extra.displayName ?? 'Nina New',
    roles,
  });
  const { staff, temporaryPassword } = await approve(proposal);
  return { staff, password: temporaryPassword! };
}

/** Password step only: the session cookie and what the API says comes next. */
async function login(
  email: string,
  password: string,
): Promise<{ status: number; code?: string; next?: string; cookie?: string; csrf?: string }> {
  const response = await fetch(`${t.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp() },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) return { status: response.status, code: await errorCode(response) };
  const body = LoginResponse.parse(await response.json());
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('writ_session='))!
    .split(';')[0]!;
  return { status: response.status, next: body.next, cookie, csrf: body.csrfToken };
}

/** A complete login for an account that has an authenticator; returns headers for the session. */
/** Gives an account made by createStaff a password and an enrolled TOTP secret the test knows. */
async function knownLogin(id: string, password: string, secret: string): Promise<void> {
  await t.db.query(`UPDATE staff SET password_hash = $2, totp_secret = $3, totp_enrolled_at = now() WHERE id = $1`, [
    id,
    await (await import('@node-rs/argon2')).hash(password),
    secret,
  ]);
}

async function session(email: string, password: string, secret: string): Promise<Record<string, string>> {
  const first = await login(email, password);
  const response = await fetch(`${t.url}/auth/totp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: first.cookie!, 'x-csrf-token': first.csrf! },
    body: JSON.stringify({ code: await generate({ secret }) }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('writ_session='))!
    .split(';')[0]!;
  return {
    cookie,
    'x-csrf-token': SessionResponse.parse(await response.json()).csrfToken,
    'content-type': 'application/json',
  };
}

async function auditActions(staffId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ action: string }>(
    `SELECT action FROM audit_event WHERE subject_id = $1 ORDER BY id`,
    [staffId],
  );
  return rows.map((row) => row.action);
}

describe('creating accounts', () => {
  it('creates an account that must enrol an authenticator at its first login', async () => {
    const email = uniqueEmail('Mixed.Case');
    const { staff, password } = await create(['INTAKE', 'REVIEWER'], { email: `  ${email.toUpperCase()} ` });
    expect(staff).toMatchObject({
      email: email.toLowerCase(),
      roles: ['INTAKE', 'REVIEWER'],
      secondFactorEnrolled: false,
      // The admin knows the password they chose: the person must replace it.
      passwordChangeRequired: true,
      disabledAt: null,
      version: 1,
    });
    const { rows } = await t.db.query<{ password_hash: string }>(`SELECT password_hash FROM staff WHERE id = $1`, [
      staff.id,
    ]);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await login(email, password)).toMatchObject({ status: 200, next: 'ENROL_TOTP' });

    expect(await auditActions(staff.id)).toEqual(['staff.created', 'auth.password_accepted']);
    const leaf = await t.db.query<{ leaf: Buffer }>(
      `SELECT leaf FROM audit_event WHERE subject_id = $1 AND action = 'staff.created'`,
      [staff.id],
    );
    expect(leaf.rows[0]!.leaf.toString('utf8')).not.toContain(email.toLowerCase());
  });

  it('the approval generates the temporary password, shown once (to the approver), never stored in the clear', async () => {
    const email = uniqueEmail();
    const proposal = await api('POST', '/staff', { email, displayName: 'Tom Temp', roles: ['AUDITOR'] });
    const { staff, temporaryPassword } = await approve(proposal);
    expect(temporaryPassword).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);
    const { rows } = await t.db.query<{ password_hash: string }>(`SELECT password_hash FROM staff WHERE id = $1`, [
      staff.id,
    ]);
    expect(rows[0]!.password_hash).not.toContain(temporaryPassword!);
    expect((await login(email, temporaryPassword!)).status).toBe(200);
  });

  it('refuses any initial password from the proposer (400 naming password), and proposes nothing', async () => {
    for (const password of ['elevenchars', 'a long enough password']) {
      const email = uniqueEmail();
      const response = await api('POST', '/staff', { email, displayName: 'Chosen', roles: ['INTAKE'], password });
      expect(response.status).toBe(400);
      const body = ErrorBody.parse(await response.json());
      expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['password'] }] } });
      expect((await t.db.query(`SELECT 1 FROM staff_change WHERE email = $1`, [email])).rowCount).toBe(0);
    }
  });

  it('refuses a second account with the same email, whatever its case: 409 ALREADY_EXISTS', async () => {
    const email = uniqueEmail();
    await create(['INTAKE'], { email });
    const again = await api('POST', '/staff', {
      email: email.toUpperCase(),
      displayName: 'Twin',
      roles: ['INTAKE'],
    });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('ALREADY_EXISTS');
  });
});

describe('listing accounts', () => {
  it('pages through accounts by email with an opaque cursor, and searches by email or name', async () => {
    const tag = randomUUID().slice(0, 8);
    for (const name of ['Alpha', 'Bravo', 'Charlie'])
      await create(['INTAKE'], { email: `${name.toLowerCase()}-${tag}@list.example`, displayName: `${name} Person` });

    const first = StaffPage.parse(await (await api('GET', `/staff?q=${tag}&limit=2`)).json());
    expect(first.items.map((item) => item.displayName)).toEqual(['Alpha Person', 'Bravo Person']);
    expect(first.nextCursor).not.toBeNull();
    const second = StaffPage.parse(
      await (await api('GET', `/staff?q=${tag}&limit=2&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.items.map((item) => item.displayName)).toEqual(['Charlie Person']);
    expect(second.nextCursor).toBeNull();

    const byName = StaffPage.parse(await (await api('GET', `/staff?q=BRAVO%20pers`)).json());
    expect(byName.items.map((item) => item.email)).toContain(`bravo-${tag}@list.example`);
    expect(byName.items.every((item) => /bravo pers/i.test(item.displayName) || /bravo pers/i.test(item.email))).toBe(
      true,
    );
    // A wildcard typed into the search is a character, not a pattern.
    expect(StaffPage.parse(await (await api('GET', `/staff?q=%25`)).json()).items).toEqual([]);
    // A NUL byte cannot reach PostgreSQL's text at all: refused as input, not a 500 (found by the routes property).
    const nul = await api('GET', '/staff?q=a%00b');
    expect([nul.status, ((await nul.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);

    const bad = await api('GET', '/staff?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('VALIDATION_FAILED');
  });

  it('reads one account by id; an unknown id is 404 NOT_FOUND, a malformed one 400, a non-admin 403', async () => {
    const { staff } = await create(['INTAKE'], { displayName: 'Olga One' });
    const one = await api('GET', `/staff/${staff.id}`);
    expect(one.status).toBe(200);
    expect(StaffAccount.parse(await one.json())).toMatchObject({
      id: staff.id,
      displayName: 'Olga One',
      roles: ['INTAKE'],
    });

    const unknown = await api('GET', `/staff/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('NOT_FOUND');
    const malformed = await api('GET', '/staff/not-an-id');
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('VALIDATION_FAILED');

    const clerk = await createStaff(t, ['INTAKE']);
    const refused = await api('GET', `/staff/${staff.id}`, undefined, clerk.headers);
    expect(refused.status).toBe(403);
  });
});

describe('changing accounts', () => {
  it('removes roles and renames at once when the version matches, and refuses a stale version with 409 VERSION_CONFLICT', async () => {
    const { staff } = await create(['INTAKE', 'REVIEWER', 'AUDITOR']);
    const changed = await api('PATCH', `/staff/${staff.id}`, {
      version: 1,
      roles: ['INTAKE', 'REVIEWER'],
      displayName: 'Nina Renamed',
    });
    expect(changed.status).toBe(200);
    expect(StaffAccount.parse(await changed.json())).toMatchObject({
      roles: ['INTAKE', 'REVIEWER'],
      displayName: 'Nina Renamed',
      version: 2,
    });

    const stale = await api('PATCH', `/staff/${staff.id}`, { version: 1, roles: ['APPROVER'] });
    expect(stale.status).toBe(409);
    const body = ErrorBody.parse(await stale.json());
    expect(body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const { rows } = await t.db.query<{ roles: string }>(`SELECT roles::text FROM staff WHERE id = $1`, [staff.id]);
    expect(rows[0]!.roles).toBe('{INTAKE,REVIEWER}');
    expect(await auditActions(staff.id)).toEqual(['staff.created', 'staff.updated']);
  });

  it('answers 404 for an account that does not exist', async () => {
    const response = await api('PATCH', `/staff/${randomUUID()}`, { version: 1, displayName: 'Ghost' });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('NOT_FOUND');
  });

  it('revokes, at once, the account’s live tokens that carry a removed role', async () => {
    const other = await createStaff(t, ['ADMIN', 'AUDITOR']);
    expect((await api('GET', '/staff', undefined, other.headers)).status).toBe(200);
    const current = StaffPage.parse(await (await api('GET', `/staff?q=${encodeURIComponent(other.email)}`)).json())
      .items[0]!;
    expect((await api('PATCH', `/staff/${other.id}`, { version: current.version, roles: ['AUDITOR'] })).status).toBe(
      200,
    );
    // Revoked, not narrowed: a token that carried the role would otherwise get it back with a later re-grant.
    const after = await api('GET', '/staff', undefined, other.headers);
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe('UNAUTHENTICATED');
  });
});

describe('an admin cannot lock themselves out', () => {
  it('refuses to remove their own ADMIN role or disable their own account (409 SELF_LOCKOUT), or to grant themselves a role', async () => {
    const me = await createStaff(t, ['ADMIN']);
    const own = StaffPage.parse(
      await (await api('GET', `/staff?q=${encodeURIComponent(me.email)}`, undefined, me.headers)).json(),
    ).items[0]!;

    const demote = await api('PATCH', `/staff/${me.id}`, { version: own.version, roles: ['AUDITOR'] }, me.headers);
    expect(demote.status).toBe(409);
    const body = ErrorBody.parse(await demote.json());
    expect(body.error.code).toBe('SELF_LOCKOUT');
    expect(body.error.message).toMatch(/own ADMIN role/);

    const disable = await api('POST', `/staff/${me.id}/disable`, undefined, me.headers);
    expect(disable.status).toBe(409);
    expect(await errorCode(disable)).toBe('SELF_LOCKOUT');

    const { rows } = await t.db.query<{ roles: string; disabled_at: Date | null }>(
      `SELECT roles::text, disabled_at FROM staff WHERE id = $1`,
      [me.id],
    );
    expect(rows[0]).toEqual({ roles: '{ADMIN}', disabled_at: null });
    expect((await api('GET', '/staff', undefined, me.headers)).status).toBe(200);

    const more = await api(
      'PATCH',
      `/staff/${me.id}`,
      { version: own.version, roles: ['ADMIN', 'AUDITOR'] },
      me.headers,
    );
    // Nor can they grant themselves anything: another admin has to.
    expect(more.status).toBe(403);
    expect(await errorCode(more)).toBe('SEPARATION_OF_DUTIES');
  });

  it('lets another admin remove the ADMIN role, at once', async () => {
    const other = await createStaff(t, ['ADMIN', 'AUDITOR']);
    const account = StaffPage.parse(await (await api('GET', `/staff?q=${encodeURIComponent(other.email)}`)).json())
      .items[0]!;
    expect((await api('PATCH', `/staff/${other.id}`, { version: account.version, roles: ['AUDITOR'] })).status).toBe(
      200,
    );
  });
});

describe('an admin’s own id in capitals is still their own', () => {
  // PostgreSQL reads a UUID in either case, so without the contracts lower-casing ids on the way in, "D3A1…" passed
  // the "not your own account" checks and then changed the admin's own row.
  interface Case {
    name: string;
    method: 'PATCH' | 'POST';
    suffix: string;
    body: (version: number) => unknown;
    status: number;
    code: string;
  }
  const cases: Case[] = [
    {
      name: 'PATCH /staff/{id} granting themselves a role',
      method: 'PATCH',
      suffix: '',
      body: (version) => ({ version, roles: ['ADMIN', 'AUDITOR'] }),
      status: 403,
      code: 'SEPARATION_OF_DUTIES',
    },
    {
      name: 'PATCH /staff/{id} removing their own ADMIN role',
      method: 'PATCH',
      suffix: '',
      body: (version) => ({ version, roles: ['AUDITOR'] }),
      status: 409,
      code: 'SELF_LOCKOUT',
    },
    {
      name: 'POST /staff/{id}/disable',
      method: 'POST',
      suffix: '/disable',
      body: () => undefined,
      status: 409,
      code: 'SELF_LOCKOUT',
    },
    {
      name: 'POST /staff/{id}/reset-password',
      method: 'POST',
      suffix: '/reset-password',
      body: () => ({}),
      status: 403,
      code: 'OWN_PASSWORD_RESET',
    },
  ];

  async function ownRow(id: string) {
    const { rows } = await t.db.query<{
      roles: string;
      disabled_at: Date | null;
      password_hash: string;
      must_change_password: boolean;
      version: number;
    }>(`SELECT roles::text, disabled_at, password_hash, must_change_password, version FROM staff WHERE id = $1`, [id]);
    return rows[0]!;
  }

  it.each(cases)('$name with the id in capitals: $status $code, and nothing changes', async (c) => {
    const me = await account(t, ['ADMIN']);
    const browser = await loggedIn(me, new Browser(t));
    const capitals = me.id.toUpperCase();
    expect(capitals).not.toBe(me.id);
    const before = await ownRow(me.id);

    const response = await browser.send(c.method, `/staff/${capitals}${c.suffix}`, c.body(before.version));
    expect({ status: response.status, code: await errorCode(response) }).toEqual({ status: c.status, code: c.code });

    expect(await ownRow(me.id)).toEqual(before);
    // Audit subjects are text: look for the id in either case.
    const { rows } = await t.db.query(
      `SELECT action FROM audit_event WHERE lower(subject_id) = $1 AND action LIKE 'staff.%'`,
      [me.id],
    );
    expect(rows).toEqual([]);
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);
  });
});

describe('disable, enable, reset the second factor', () => {
  it('a disabled account cannot log in, and its sessions and API tokens stop working for good', async () => {
    const person = await createStaff(t, ['REVIEWER']);
    const password = 'the reviewer password';
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await knownLogin(person.id, password, secret);
    const browser = await session(person.email, password, secret);
    expect((await api('GET', '/auth/me', undefined, person.headers)).status).toBe(200);
    expect((await api('GET', '/auth/me', undefined, browser)).status).toBe(200);

    const disabled = await api('POST', `/staff/${person.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(StaffAccount.parse(await disabled.json()).disabledAt).not.toBeNull();

    const byToken = await api('GET', '/auth/me', undefined, person.headers);
    expect(byToken.status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, browser)).status).toBe(401);
    expect(await login(person.email, password)).toMatchObject({ status: 403, code: 'ACCOUNT_DISABLED' });
    // A wrong password for a disabled account still answers like any wrong password.
    expect(await login(person.email, 'not the password')).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });

    // Enabling restores access: proposed with the token, approved by another admin.
    const enabled = await approve(await api('POST', `/staff/${person.id}/enable`));
    expect(enabled.staff.disabledAt).toBeNull();
    expect((await login(person.email, password)).status).toBe(200);
    expect((await api('GET', '/auth/me', undefined, person.headers)).status).toBe(401);
    expect(await auditActions(person.id)).toEqual(expect.arrayContaining(['staff.disabled', 'staff.enabled']));
    // Failed logins carry no subject in the public log; the auditor's copy names the account and the reason.
    const { rows: failures } = await t.db.query<{ reason: string }>(
      `SELECT details->'personal'->'reason'->>'value' AS reason FROM audit_event
        WHERE action = 'auth.login_failed' AND details->'personal'->'email'->>'value' = $1`,
      [person.email],
    );
    expect(failures.map((row) => row.reason)).toContain('DISABLED');
  });

  it('enabling lifts a lockout', async () => {
    const { staff, password } = await create(['INTAKE']);
    for (let i = 0; i < 5; i++) await login(staff.email, `wrong password ${i}`);
    expect(await login(staff.email, password)).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED' });
    const listed = StaffPage.parse(await (await api('GET', `/staff?q=${encodeURIComponent(staff.email)}`)).json())
      .items[0]!;
    expect(listed.lockedUntil).not.toBeNull();
    expect(await login(staff.email, password)).toMatchObject({ status: 423 });
    await approve(await api('POST', `/staff/${staff.id}/enable`));
    expect((await login(staff.email, password)).status).toBe(200);
  });

  it('resetting the second factor ends the sessions and tokens and makes the next login enrol again', async () => {
    const person = await createStaff(t, ['APPROVER']);
    const password = 'the approver password';
    const secret = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
    await knownLogin(person.id, password, secret);
    const browser = await session(person.email, password, secret);
    const reset = await approve(await adminDesk.send('POST', `/staff/${person.id}/reset-second-factor`));
    expect(reset).toMatchObject({
      staff: { secondFactorEnrolled: false, recoveryCodesLeft: 0 },
      sessionsEnded: 1,
      tokensRevoked: 1,
    });
    expect((await api('GET', '/auth/me', undefined, browser)).status).toBe(401);
    expect((await api('GET', '/auth/me', undefined, person.headers)).status).toBe(401);
    expect(await login(person.email, password)).toMatchObject({ status: 200, next: 'ENROL_TOTP' });
    const { rows } = await t.db.query<{ totp_secret: string | null }>(`SELECT totp_secret FROM staff WHERE id = $1`, [
      person.id,
    ]);
    expect(rows[0]!.totp_secret).toBeNull();
    expect(await auditActions(person.id)).toContain('staff.second_factor_reset');
  });
});

describe('separation of duties for admins', () => {
  it('refuses ADMIN together with APPROVER, and an admin granting themselves a role', async () => {
    const t2 = t;
    const admin = await createStaff(t2, ['ADMIN']);
    const both = await fetch(`${t2.url}/staff`, {
      method: 'POST',
      headers: admin.headers,
      body: JSON.stringify({
        email: `both-${Date.now()}@writ.example`,
        displayName: 'Both',
        roles: ['ADMIN', 'APPROVER'],
      }),
    });
    expect(both.status).toBe(403);
    expect((await both.json()).error.code).toBe('SEPARATION_OF_DUTIES');

    const { rows } = await t2.db.query<{ version: number }>(`SELECT version FROM staff WHERE id = $1`, [admin.id]);
    const self = await fetch(`${t2.url}/staff/${admin.id}`, {
      method: 'PATCH',
      headers: admin.headers,
      body: JSON.stringify({ roles: ['ADMIN', 'REVIEWER'], version: rows[0]!.version }),
    });
    expect(self.status).toBe(403);
    expect((await self.json()).error.code).toBe('SEPARATION_OF_DUTIES');
    const after = await t2.db.query<{ roles: string }>(`SELECT roles::text FROM staff WHERE id = $1`, [admin.id]);
    expect(after.rows[0]!.roles).toBe('{ADMIN}');
  });
});

describe('resetting a password', () => {
  async function passwordState(id: string) {
    const { rows } = await t.db.query<{ password_hash: string; must_change_password: boolean; version: number }>(
      `SELECT password_hash, must_change_password, version FROM staff WHERE id = $1`,
      [id],
    );
    return rows[0]!;
  }

  it('sets a generated temporary password, ends the sessions and revokes the tokens, lifts a lockout, and audits without the password', async () => {
    const person = await createStaff(t, ['REVIEWER']);
    const password = 'the reviewer password';
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await knownLogin(person.id, password, secret);
    const browser = await session(person.email, password, secret);
    for (let i = 0; i < 5; i++) await login(person.email, `wrong password ${i}`);
    expect(await login(person.email, password)).toMatchObject({ status: 423 });
    const before = await passwordState(person.id);

    const proposal = await adminDesk.send('POST', `/staff/${person.id}/reset-password`, {});
    // Only proposed: nothing changed yet.
    expect(proposal.status).toBe(202);
    expect(await passwordState(person.id)).toEqual(before);
    const body = await approve(proposal);
    const temporary = body.temporaryPassword!;
    expect(temporary).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);
    expect(body.staff).toMatchObject({ passwordChangeRequired: true, lockedUntil: null, version: before.version + 1 });

    const after = await passwordState(person.id);
    expect(after.password_hash).not.toBe(before.password_hash);
    expect(after.password_hash).toMatch(/^\$argon2id\$/);
    expect((await api('GET', '/auth/me', undefined, browser)).status).toBe(401);
    expect(await login(person.email, password)).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(await login(person.email, temporary)).toMatchObject({ status: 200, next: 'TOTP' });
    // Whoever held the account may have made tokens with it: they end with the reset.
    expect((await api('GET', '/auth/me', undefined, person.headers)).status).toBe(401);

    const { rows } = await t.db.query<{ details: Record<string, unknown>; leaf: Buffer }>(
      `SELECT details, leaf FROM audit_event WHERE subject_id = $1 AND action = 'staff.password_reset'`,
      [person.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ generated: true, sessionsEnded: 1, tokensRevoked: 1, wasLocked: true });
    expect(JSON.stringify(rows[0]!.details) + rows[0]!.leaf.toString('utf8')).not.toContain(temporary);
  });

  it('never shows the temporary password to the proposer, and never stores it in the clear', async () => {
    const { staff } = await create(['AUDITOR']);
    const proposal = await adminDesk.send('POST', `/staff/${staff.id}/reset-password`, {});
    const proposed = await proposal.clone().text();
    const body = await approve(proposal);
    expect(proposed).not.toContain(body.temporaryPassword!);
    const seen = await adminDesk.send('GET', `/staff-changes/${body.change.id}`);
    expect(await seen.text()).not.toContain(body.temporaryPassword!);
    expect((await passwordState(staff.id)).password_hash).not.toContain(body.temporaryPassword!);
    expect(await login(staff.email, body.temporaryPassword!)).toMatchObject({ status: 200 });
  });

  it('refuses the admin’s own account (403 OWN_PASSWORD_RESET): they change their own password themselves', async () => {
    const me = await account(t, ['ADMIN']);
    const browser = await loggedIn(me, new Browser(t));
    const before = await passwordState(me.id);
    const response = await browser.send('POST', `/staff/${me.id}/reset-password`, {});
    expect(response.status).toBe(403);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe('OWN_PASSWORD_RESET');
    expect(body.error.message).toMatch(/^Change your own password yourself, on your account page/);
    expect(await passwordState(me.id)).toEqual(before);
  });

  it('refuses a password chosen by the proposer (400), and an unknown account (404), changing nothing', async () => {
    const { staff } = await create(['INTAKE'], { email: uniqueEmail('someone-with-a-long-name') });
    const before = await passwordState(staff.id);
    const chosen = await adminDesk.send('POST', `/staff/${staff.id}/reset-password`, { password: 'one I would know' });
    expect(chosen.status).toBe(400);
    expect(ErrorBody.parse(await chosen.json()).error.message).toMatch(/^password: is not accepted/);
    const unknown = await adminDesk.send('POST', `/staff/${randomUUID()}/reset-password`, {});
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('NOT_FOUND');
    expect(await passwordState(staff.id)).toEqual(before);
    expect(await auditActions(staff.id)).not.toContain('staff.password_reset');
    expect(
      (await t.db.query(`SELECT 1 FROM staff_change WHERE staff_id = $1 AND kind = 'RESET_PASSWORD'`, [staff.id]))
        .rowCount,
    ).toBe(0);
  });
});

describe('the resets take a logged-in admin, not an API token', () => {
  it('refuses an ADMIN bearer token on both (403 INTERACTIVE_SESSION_REQUIRED): no password handed out, nothing changed', async () => {
    // What this prevents: with a leaked admin token, reset another admin's password (the generated one comes back)
    // and second factor, log in as them, enrol an authenticator of one's own and mint fresh tokens.
    const victim = await account(t, ['ADMIN']);
    const theirs = await loggedIn(victim, new Browser(t));
    const state = async () =>
      (
        await t.db.query(
          `SELECT password_hash, totp_secret, totp_enrolled_at, recovery_code_hashes, must_change_password,
                  locked_until, version
             FROM staff WHERE id = $1`,
          [victim.id],
        )
      ).rows[0] as Record<string, unknown>;
    const before = await state();

    for (const [route, body] of [
      [`/staff/${victim.id}/reset-password`, {}],
      [`/staff/${victim.id}/reset-password`, { password: 'one the token holder chose' }],
      [`/staff/${victim.id}/reset-second-factor`, undefined],
    ] as const) {
      const response = await api('POST', route, body);
      const text = await response.text();
      expect({ route, status: response.status, code: ErrorBody.parse(JSON.parse(text)).error.code }).toEqual({
        route,
        status: 403,
        code: 'INTERACTIVE_SESSION_REQUIRED',
      });
      expect(text).not.toContain('temporaryPassword');
    }

    expect(await state()).toEqual(before);
    expect((await auditActions(victim.id)).filter((action) => action.startsWith('staff.'))).toEqual([]);
    // Their session lives on, their own password still works, and the token holder's does not.
    expect((await theirs.send('GET', '/auth/me')).status).toBe(200);
    expect(await login(victim.email, victim.password)).toMatchObject({ status: 200, next: 'TOTP' });
    expect(await login(victim.email, 'one the token holder chose')).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    });
    // The same token still does everything else an ADMIN token may.
    expect((await api('GET', `/staff?q=${encodeURIComponent(victim.email)}`)).status).toBe(200);
  });
});
