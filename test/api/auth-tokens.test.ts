// API tokens over real HTTP on a real PostgreSQL: only a logged-in person mints them (never another token),
// each carries some of its owner's roles and an expiry no further ahead than API_TOKEN_MAX_DAYS, and a revoked or
// expired token is worth nothing.
import { ApiTokenList, CreatedApiToken, ErrorBody, MeResponse } from '@writ/contracts';
import { createStaff } from '../support/auth';
import { changeIdentities } from '../support/identity';
import { startTestApp, type TestApp } from '../support/test-app';
import { account, auditActions, Browser, errorCode, inDays, loggedIn } from './auth.fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await t.close();
});

const tokenRows = async (staffId: string) =>
  (await t.db.query(`SELECT 1 FROM api_token WHERE staff_id = $1`, [staffId])).rowCount;

describe('API tokens', () => {
  it('issues a token with fewer roles than its owner; the token can do only that much', async () => {
    const person = await account(t, ['ADMIN', 'AUDITOR']);
    const browser = await loggedIn(person, new Browser(t));
    const created = await browser.send('POST', '/auth/tokens', {
      name: 'reporting job',
      roles: ['AUDITOR'],
      expiresAt: inDays(30),
    });
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
    expect(await auditActions(t, token.id)).toEqual(['auth.token_created']);
  });

  it('refuses a token with a role its owner does not hold, and an expiry in the past', async () => {
    const person = await account(t, ['REVIEWER']);
    const browser = await loggedIn(person, new Browser(t));
    const escalation = await browser.send('POST', '/auth/tokens', {
      name: 'sneaky',
      roles: ['REVIEWER', 'ADMIN'],
      expiresAt: inDays(30),
    });
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
    const owner = await loggedIn(await account(t, ['INTAKE']), new Browser(t));
    const other = await loggedIn(await account(t, ['INTAKE']), new Browser(t));
    const token = CreatedApiToken.parse(
      await (
        await owner.send('POST', '/auth/tokens', { name: 'scanner', roles: ['INTAKE'], expiresAt: inDays(30) })
      ).json(),
    );
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(200);

    expect((await other.send('DELETE', `/auth/tokens/${token.id}`)).status).toBe(404);
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(200);

    expect((await owner.send('DELETE', `/auth/tokens/${token.id}`)).status).toBe(204);
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(401);
    const listed = ApiTokenList.parse(await (await owner.send('GET', '/auth/tokens')).json());
    expect(listed.items[0]!.revokedAt).not.toBeNull();
    expect(await auditActions(t, token.id)).toEqual(['auth.token_created', 'auth.token_revoked']);
  });

  it('cannot take part in the interactive login', async () => {
    const token = CreatedApiToken.parse(
      await (
        await (
          await loggedIn(await account(t, ['INTAKE']), new Browser(t))
        ).send('POST', '/auth/tokens', { name: 'x', roles: ['INTAKE'], expiresAt: inDays(30) })
      ).json(),
    );
    const response = await fetch(`${t.url}/auth/totp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '123456' }),
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('INTERACTIVE_SESSION_REQUIRED');
  });
});

describe('tokens when the owner loses a role', () => {
  it('revokes the tokens that carry a removed role, so a later re-grant does not bring it back on them', async () => {
    const person = await account(t, ['INTAKE', 'AUDITOR']);
    const browser = await loggedIn(person, new Browser(t));
    const mint = async (name: string, roles: string[]) =>
      CreatedApiToken.parse(
        await (await browser.send('POST', '/auth/tokens', { name, roles, expiresAt: inDays(30) })).json(),
      );
    const auditing = await mint('auditing', ['AUDITOR']);
    const intake = await mint('intake', ['INTAKE']);
    const me = (token: string) => fetch(`${t.url}/auth/me`, { headers: { authorization: `Bearer ${token}` } });

    const admin = await createStaff(t, ['ADMIN']);
    const { rows } = await t.db.query<{ version: number }>(`SELECT version FROM staff WHERE id = $1`, [person.id]);
    const narrowed = await fetch(`${t.url}/staff/${person.id}`, {
      method: 'PATCH',
      headers: admin.headers,
      body: JSON.stringify({ version: rows[0]!.version, roles: ['INTAKE'] }),
    });
    expect(narrowed.status).toBe(200);
    expect((await me(auditing.token)).status).toBe(401);
    expect((await me(intake.token)).status).toBe(200);
    const revoked = await t.db.query<{ id: string }>(
      `SELECT id FROM api_token WHERE staff_id = $1 AND revoked_at IS NOT NULL`,
      [person.id],
    );
    expect(revoked.rows.map((row) => row.id)).toEqual([auditing.id]);
    const { rows: events } = await t.db.query<{ details: { tokensRevoked?: number } }>(
      `SELECT details FROM audit_event WHERE action = 'staff.updated' AND subject_id = $1`,
      [person.id],
    );
    expect(events.map((event) => event.details.tokensRevoked)).toEqual([1]);

    // The role comes back (as an approved GRANT_ROLES writes it): the old token stays revoked.
    await changeIdentities(t, () =>
      t.db.query(`UPDATE staff SET roles = '{INTAKE,AUDITOR}', version = version + 1 WHERE id = $1`, [person.id]),
    );
    expect((await me(auditing.token)).status).toBe(401);
    const intakeMe = MeResponse.parse(await (await me(intake.token)).json());
    expect(intakeMe.staff.roles).toEqual(['INTAKE']);
  });
});

describe('who may mint a token', () => {
  it('refuses a bearer token that tries to mint another: 403 INTERACTIVE_SESSION_REQUIRED, nothing written', async () => {
    const person = await account(t, ['INTAKE', 'REVIEWER']);
    const browser = await loggedIn(person, new Browser(t));
    const first = CreatedApiToken.parse(
      await (
        await browser.send('POST', '/auth/tokens', { name: 'parent', roles: ['INTAKE'], expiresAt: inDays(30) })
      ).json(),
    );
    const minted = await fetch(`${t.url}/auth/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'child', roles: ['INTAKE'], expiresAt: inDays(30) }),
    });
    expect(minted.status).toBe(403);
    const body = ErrorBody.parse(await minted.json());
    expect(body.error.code).toBe('INTERACTIVE_SESSION_REQUIRED');
    expect(body.error.message).toMatch(/not an API token/);
    expect(await tokenRows(person.id)).toBe(1);
    // The token still does what it was made for, and can list its owner's tokens.
    expect((await fetch(`${t.url}/auth/tokens`, { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(
      200,
    );
  });
});

describe('token lifetimes', () => {
  it('requires an expiry: without one, 400 VALIDATION_FAILED naming expiresAt, and nothing written', async () => {
    const person = await account(t, ['AUDITOR']);
    const browser = await loggedIn(person, new Browser(t));
    const response = await browser.send('POST', '/auth/tokens', { name: 'forever', roles: ['AUDITOR'] });
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/^expiresAt: /);
    expect(await tokenRows(person.id)).toBe(0);
  });

  it('refuses an expiry more than API_TOKEN_MAX_DAYS (90) ahead, naming the field and the limit; accepts 90', async () => {
    const person = await account(t, ['AUDITOR']);
    const browser = await loggedIn(person, new Browser(t));
    const tooLong = await browser.send('POST', '/auth/tokens', {
      name: 'long',
      roles: ['AUDITOR'],
      expiresAt: inDays(91),
    });
    expect(tooLong.status).toBe(400);
    const body = ErrorBody.parse(await tooLong.json());
    expect(body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['expiresAt'] }], maxDays: 90 },
    });
    expect(body.error.message).toMatch(/^expiresAt: must be at most 90 days ahead/);
    expect(await tokenRows(person.id)).toBe(0);

    const justInside = inDays(90 - 1 / 24);
    const created = await browser.send('POST', '/auth/tokens', {
      name: 'ok',
      roles: ['AUDITOR'],
      expiresAt: justInside,
    });
    expect(created.status).toBe(201);
    expect(CreatedApiToken.parse(await created.json()).expiresAt).toBe(justInside);
  });

  it('takes its cap from API_TOKEN_MAX_DAYS', async () => {
    // A second API on the same database (and data folder, so the TOTP key is the same), configured for 7 days.
    const strict = await startTestApp({
      DATABASE_URL: t.databaseUrl,
      STORAGE_DIR: t.env.STORAGE_DIR,
      TRUST_PROXY: 'true',
      API_TOKEN_MAX_DAYS: '7',
    });
    try {
      const person = await account(strict, ['INTAKE']);
      const browser = await loggedIn(person, new Browser(strict));
      const eight = await browser.send('POST', '/auth/tokens', { name: 'x', roles: ['INTAKE'], expiresAt: inDays(8) });
      expect(eight.status).toBe(400);
      expect(ErrorBody.parse(await eight.json()).error.message).toMatch(/at most 7 days ahead/);
      const six = await browser.send('POST', '/auth/tokens', { name: 'x', roles: ['INTAKE'], expiresAt: inDays(6) });
      expect(six.status).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('answers 401 to a token once it has expired, as to an unknown one', async () => {
    const person = await account(t, ['INTAKE']);
    const browser = await loggedIn(person, new Browser(t));
    const token = CreatedApiToken.parse(
      await (
        await browser.send('POST', '/auth/tokens', { name: 'short', roles: ['INTAKE'], expiresAt: inDays(1) })
      ).json(),
    );
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await fetch(`${t.url}/auth/me`, { headers: bearer })).status).toBe(200);
    await changeIdentities(t, () =>
      t.db.query(`UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.id]),
    );
    const expired = await fetch(`${t.url}/auth/me`, { headers: bearer });
    expect(expired.status).toBe(401);
    expect(await errorCode(expired)).toBe('UNAUTHENTICATED');
    const listed = ApiTokenList.parse(await (await browser.send('GET', '/auth/tokens')).json());
    expect(listed.items[0]).toMatchObject({ id: token.id, revokedAt: null });
  });
});
