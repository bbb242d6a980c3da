// API token identities are kept in memory for a few seconds (apps/api/src/auth/identity-cache.ts), over real HTTP on
// a real PostgreSQL. What must hold: a revocation, a disabling or a role taken away through the API stops the token
// from that answer on; one made with SQL around the API, as soon as the database's notification arrives; while the
// API is not listening for notifications nothing is served from memory; and without notifications an entry lives
// no longer than IDENTITY_CACHE_TTL_MS.
import { CreatedApiToken, MeResponse, StaffAccount, StaffChange, type StaffRole } from '@writ/contracts';
import { IdentityCache, type TokenIdentity } from '../../apps/api/src/auth/identity-cache';
import { createStaff } from '../support/auth';
import { changeIdentities } from '../support/identity';
import { startTestApp, type TestApp } from '../support/test-app';
import { untilTrue } from '../support/wait';
import { account, Browser, inDays, loggedIn } from './auth.fixtures';

const TTL_MS = 1_500;
const TRIGGERS = [
  ['api_token', 'api_token_identity_changed'],
  ['staff', 'staff_identity_changed'],
] as const;

let t: TestApp;
let cache: IdentityCache;
let deskA: Browser;
let deskB: Browser;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'true', IDENTITY_CACHE_TTL_MS: String(TTL_MS) });
  cache = t.app.get(IdentityCache);
  deskA = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
  deskB = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
});
afterAll(async () => {
  await t.close();
});

async function me(headers: Record<string, string>): Promise<{ status: number; roles?: StaffRole[] }> {
  const response = await fetch(`${t.url}/auth/me`, { headers });
  if (response.status !== 200) {
    await response.body?.cancel();
    return { status: response.status };
  }
  return { status: 200, roles: MeResponse.parse(await response.json()).staff.roles };
}

/** Runs `work` with the notification triggers off: only what the API does itself can keep it correct then. */
async function withoutNotifications(work: () => Promise<void>): Promise<void> {
  for (const [table, trigger] of TRIGGERS) await t.db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  try {
    await work();
  } finally {
    for (const [table, trigger] of TRIGGERS) await t.db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  }
}

describe('token identities in memory', () => {
  it('a change made with SQL takes effect when its notification arrives; without one, only after the TTL', async () => {
    const person = await createStaff(t, ['AUDITOR', 'REVIEWER']);
    expect(await me(person.headers)).toEqual({ status: 200, roles: ['AUDITOR', 'REVIEWER'] });

    await changeIdentities(t, () => t.db.query(`UPDATE staff SET roles = '{AUDITOR}' WHERE id = $1`, [person.id]));
    expect(await me(person.headers)).toEqual({ status: 200, roles: ['AUDITOR'] });

    // The same kind of change with the trigger off is not seen at once, which shows the answers come from memory
    // and that the notification is what keeps them true; the TTL still bounds it.
    await withoutNotifications(async () => {
      await t.db.query(`UPDATE api_token SET revoked_at = now() WHERE staff_id = $1`, [person.id]);
      const revokedAt = Date.now();
      expect((await me(person.headers)).status).toBe(200);
      await untilTrue(async () => (await me(person.headers)).status === 401, 'the entry to expire', 3 * TTL_MS);
      expect(Date.now() - revokedAt).toBeLessThan(TTL_MS + 1_000);
    });
  });

  it('revoking a token through the API stops it from that answer on, without waiting for a notification', async () => {
    const owner = await account(t, ['INTAKE']);
    const browser = await loggedIn(owner, new Browser(t));
    const created = await browser.send('POST', '/auth/tokens', {
      name: 'scanner',
      roles: ['INTAKE'],
      expiresAt: inDays(30),
    });
    const token = CreatedApiToken.parse(await created.json());
    const bearer = { authorization: `Bearer ${token.token}` };
    await withoutNotifications(async () => {
      expect((await me(bearer)).status).toBe(200);
      expect((await browser.send('DELETE', `/auth/tokens/${token.id}`)).status).toBe(204);
      expect((await me(bearer)).status).toBe(401);
    });
  });

  it('disabling an account or taking a role away through the API acts on its tokens from that answer on', async () => {
    const disabled = await createStaff(t, ['INTAKE']);
    const demoted = await createStaff(t, ['INTAKE', 'AUDITOR']);
    await withoutNotifications(async () => {
      expect((await me(disabled.headers)).status).toBe(200);
      expect((await me(demoted.headers)).roles).toEqual(['INTAKE', 'AUDITOR']);

      expect((await deskA.send('POST', `/staff/${disabled.id}/disable`)).status).toBe(200);
      expect((await me(disabled.headers)).status).toBe(401);

      const { rows } = await t.db.query<{ version: number }>(`SELECT version FROM staff WHERE id = $1`, [demoted.id]);
      const update = await deskA.send('PATCH', `/staff/${demoted.id}`, {
        version: rows[0]!.version,
        roles: ['INTAKE'],
      });
      expect(StaffAccount.parse(await update.json()).roles).toEqual(['INTAKE']);
      // A token that carried the removed role is revoked (a later grant must not revive it): refused at once,
      // though its identity was in memory a moment ago.
      expect((await me(demoted.headers)).status).toBe(401);
    });
  });

  it("an approved password reset revokes the account's tokens from the approval's answer on", async () => {
    const person = await createStaff(t, ['REVIEWER']);
    await withoutNotifications(async () => {
      expect((await me(person.headers)).status).toBe(200);
      const proposed = await deskA.send('POST', `/staff/${person.id}/reset-password`, {});
      const change = StaffChange.parse(await proposed.json());
      expect((await me(person.headers)).status).toBe(200);
      expect((await deskB.send('POST', `/staff-changes/${change.id}/approve`)).status).toBe(200);
      expect((await me(person.headers)).status).toBe(401);
    });
  });

  it('serves nothing from memory while not listening, and listens again after the connection is cut', async () => {
    const person = await createStaff(t, ['AUDITOR']);
    expect((await me(person.headers)).status).toBe(200);
    const { rowCount } = await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'writ-identity-listener' AND datname = current_database()`,
    );
    expect(rowCount).toBe(1);
    await untilTrue(() => !cache.isListening, 'the API to notice the lost connection');

    // Announced to no one: only reading the database can see it.
    await t.db.query(`UPDATE api_token SET revoked_at = now() WHERE staff_id = $1`, [person.id]);
    expect((await me(person.headers)).status).toBe(401);

    await untilTrue(() => cache.isListening, 'the API to listen again');
    const next = await createStaff(t, ['AUDITOR']);
    expect((await me(next.headers)).status).toBe(200);
    await changeIdentities(t, () => t.db.query(`UPDATE staff SET disabled_at = now() WHERE id = $1`, [next.id]));
    expect((await me(next.headers)).status).toBe(401);
  });

  it('a database read that raced an invalidation is not kept', () => {
    const identity: TokenIdentity = {
      tokenId: 'token',
      staffId: 'staff',
      email: 'someone@test.example',
      tokenRoles: ['INTAKE'],
      staffRoles: ['INTAKE'],
      expiresAt: new Date(Date.now() + 60_000),
      lastUsedAt: null,
    };
    const ticket = cache.ticket();
    cache.invalidate();
    cache.set('raced', identity, ticket);
    expect(cache.get('raced')).toBeUndefined();
    cache.set('fresh', identity, cache.ticket());
    expect(cache.get('fresh')).toMatchObject({ tokenId: 'token' });
    expect(cache.get('fresh', Date.now() + TTL_MS + 1)).toBeUndefined();
  });
});
