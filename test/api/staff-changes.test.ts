// Four eyes on account administration, over real HTTP on a real PostgreSQL. What grants or restores access (a new
// account, added roles, enabling, a password or second-factor reset) is only proposed (202) and takes effect when a
// different admin approves it; the approval re-checks everything in one transaction. Rejected, cancelled and
// expired proposals leave the account as it was; disabling and removing roles still act at once.
import { randomUUID } from 'node:crypto';
import {
  ErrorBody,
  StaffAccount,
  StaffChange,
  StaffChangeApproval,
  StaffChangePage,
  type StaffRole,
} from '@writ/contracts';
import { StaffChangeExpiry } from '../../apps/api/src/staff/staff-change-expiry';
import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { untilTrue } from '../support/wait';
import { type Account, account, auditActions, Browser, errorCode, loggedIn, totp } from './auth.fixtures';

const TTL_HOURS = 5;

let t: TestApp;
/** Two admins at their desks (logged-in sessions): one proposes, the other approves. */
let a: Account;
let deskA: Browser;
let b: Account;
let deskB: Browser;
/** A third admin's API token: may propose most changes, never approve. */
let tokenAdmin: TestStaff;
beforeAll(async () => {
  // The expiry sweeper runs only when a test asks (its own test starts an app that runs it on a timer).
  t = await startTestApp({
    TRUST_PROXY: 'true',
    STAFF_CHANGE_TTL_HOURS: String(TTL_HOURS),
    STAFF_CHANGE_SWEEP_INTERVAL_MS: '0',
  });
  a = await account(t, ['ADMIN']);
  deskA = await loggedIn(a, new Browser(t));
  b = await account(t, ['ADMIN']);
  deskB = await loggedIn(b, new Browser(t));
  tokenAdmin = await createStaff(t, ['ADMIN']);
});
afterAll(async () => {
  await t.close();
});

function withToken(method: string, route: string, body?: unknown, who: TestStaff = tokenAdmin): Promise<Response> {
  return fetch(`${t.url}${route}`, {
    method,
    headers: who.headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function accepted(response: Response): Promise<StaffChange> {
  expect(response.status).toBe(202);
  return StaffChange.parse(await response.json());
}

async function approved(response: Response): Promise<StaffChangeApproval> {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status: 200 });
  return StaffChangeApproval.parse(JSON.parse(text));
}

async function row(id: string) {
  const { rows } = await t.db.query<{
    roles: string;
    display_name: string;
    disabled_at: Date | null;
    password_hash: string;
    totp_secret: string | null;
    version: number;
  }>(`SELECT roles::text, display_name, disabled_at, password_hash, totp_secret, version FROM staff WHERE id = $1`, [
    id,
  ]);
  return rows[0]!;
}

function uniqueEmail(label = 'proposed'): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.example`;
}

/** A person with a password, an authenticator, a live session and a live API token. */
async function personInUse(roles: StaffRole[] = ['REVIEWER']) {
  const person = await account(t, roles);
  const browser = await loggedIn(person, new Browser(t));
  const token = await createStaff(t, roles);
  // The token belongs to the person: move it over.
  await t.db.query(`UPDATE api_token SET staff_id = $1 WHERE staff_id = $2`, [person.id, token.id]);
  return { person, browser, headers: token.headers };
}

async function statusOfMe(headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${t.url}/auth/me`, { headers });
  await response.body?.cancel();
  return response.status;
}

describe('a new account', () => {
  it('is proposed (202, nothing created) and exists once another admin approves; the password goes only to the approver', async () => {
    const email = uniqueEmail();
    const change = await accepted(
      await deskA.send('POST', '/staff', { email, displayName: 'Paula Proposed', roles: ['INTAKE', 'REVIEWER'] }),
    );
    expect(change).toMatchObject({
      kind: 'CREATE_ACCOUNT',
      status: 'PENDING',
      staffId: null,
      proposed: { email, displayName: 'Paula Proposed', roles: ['INTAKE', 'REVIEWER'] },
      proposedBy: a.id,
      decidedBy: null,
    });
    expect(Date.parse(change.expiresAt) - Date.parse(change.proposedAt)).toBe(TTL_HOURS * 3_600_000);
    expect((await t.db.query(`SELECT 1 FROM staff WHERE email = $1`, [email])).rowCount).toBe(0);
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed']);

    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval.change).toMatchObject({ status: 'APPROVED', decidedBy: b.id, staffId: approval.staff.id });
    expect(approval.staff).toMatchObject({
      email,
      roles: ['INTAKE', 'REVIEWER'],
      passwordChangeRequired: true,
      secondFactorEnrolled: false,
    });
    expect(approval.temporaryPassword).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);
    const password = approval.temporaryPassword!;
    const login = await new Browser(t).login(email, password);
    expect(login.status).toBe(200);

    // The proposer reads the change, and the list: no password anywhere, nor in the database or the log.
    const seenByProposer = [
      await (await deskA.send('GET', `/staff-changes/${change.id}`)).text(),
      await (await deskA.send('GET', `/staff-changes?staffId=${approval.staff.id}`)).text(),
    ].join('\n');
    expect(seenByProposer).toContain(change.id);
    expect(seenByProposer).not.toContain(password);
    const stored = await t.db.query(`SELECT row_to_json(c)::text AS text FROM staff_change c WHERE id = $1`, [
      change.id,
    ]);
    expect(stored.rows[0].text).not.toContain(password);
    const audit = await t.db.query<{ full: string; published: string }>(
      `SELECT string_agg(details::text, ' ') AS full, string_agg(convert_from(leaf, 'UTF8'), ' ') AS published
         FROM audit_event WHERE subject_id IN ($1, $2)`,
      [change.id, approval.staff.id],
    );
    expect(audit.rows[0]!.full + audit.rows[0]!.published).not.toContain(password);
    // The email is personal: the published leaves carry only its commitment.
    expect(audit.rows[0]!.published).not.toContain(email);
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed', 'staff_change.approved']);
    expect(await auditActions(t, approval.staff.id)).toEqual(['staff.created', 'auth.password_accepted']);
  });

  it('refuses a password in the proposal (400): the approval generates one', async () => {
    const email = uniqueEmail();
    const response = await withToken('POST', '/staff', {
      email,
      displayName: 'Chosen',
      roles: ['INTAKE'],
      password: 'one the proposer knows',
    });
    expect(response.status).toBe(400);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['password'] }] } });
    expect(body.error.message).toMatch(/generated when another admin approves/);
    expect((await t.db.query(`SELECT 1 FROM staff_change WHERE email = $1`, [email])).rowCount).toBe(0);
  });

  it('an email taken while the proposal waited: the approval answers 409 and changes nothing', async () => {
    const email = uniqueEmail('taken');
    const change = await accepted(await withToken('POST', '/staff', { email, displayName: 'Late', roles: ['INTAKE'] }));
    // Meanwhile the address went to another account (the seed, or an import, writes straight to the table).
    await t.db.query(
      `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
       VALUES ($1, $2, 'Early', '!', '{AUDITOR}', now())`,
      [randomUUID(), email],
    );
    const response = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe('ALREADY_EXISTS');
    const { rows } = await t.db.query(`SELECT display_name, roles::text FROM staff WHERE email = $1`, [email]);
    expect(rows).toEqual([{ display_name: 'Early', roles: '{AUDITOR}' }]);
    expect(StaffChange.parse(await (await deskB.send('GET', `/staff-changes/${change.id}`)).json()).status).toBe(
      'PENDING',
    );
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed']);
  });

  it('cannot be proposed twice for one email, even at the same moment: one 202, one 409 STAFF_CHANGE_PENDING', async () => {
    const email = uniqueEmail('twice');
    const responses = await Promise.all(
      ['First', 'Second'].map((name) => withToken('POST', '/staff', { email, displayName: name, roles: ['INTAKE'] })),
    );
    const outcomes = await Promise.all(
      responses.map(async (response) => ({ status: response.status, body: await response.json() })),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([202, 409]);
    const refused = ErrorBody.parse(outcomes.find((outcome) => outcome.status === 409)!.body);
    const made = StaffChange.parse(outcomes.find((outcome) => outcome.status === 202)!.body);
    expect(refused.error).toMatchObject({ code: 'STAFF_CHANGE_PENDING', details: { changeId: made.id } });
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE email = $1`, [email]);
    expect(rows).toEqual([{ status: 'PENDING' }]);
  });
});

describe('the proposer cannot approve their own change', () => {
  it.each([
    ['as written', (id: string) => id],
    ['with the id in capitals', (id: string) => id.toUpperCase()],
  ])('409 FOUR_EYES_REQUIRED %s, and nothing changes', async (_how, spell) => {
    const target = await account(t, ['INTAKE']);
    const before = await row(target.id);
    const change = await accepted(
      await deskA.send('PATCH', `/staff/${target.id}`, { version: before.version, roles: ['INTAKE', 'REVIEWER'] }),
    );
    const response = await deskA.send('POST', `/staff-changes/${spell(change.id)}/approve`);
    expect(response.status).toBe(409);
    const body = ErrorBody.parse(await response.json());
    expect(body.error.code).toBe('FOUR_EYES_REQUIRED');
    expect(body.error.message).toMatch(/another admin must approve/);
    expect(await row(target.id)).toEqual(before);
    const reject = await deskA.send('POST', `/staff-changes/${spell(change.id)}/reject`, { reason: 'my own' });
    expect(reject.status).toBe(409);
    expect(await errorCode(reject)).toBe('FOUR_EYES_REQUIRED');
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed']);
    expect(StaffChange.parse(await (await deskA.send('GET', `/staff-changes/${change.id}`)).json()).status).toBe(
      'PENDING',
    );
  });

  it('nor can the account the change is about (403 SEPARATION_OF_DUTIES)', async () => {
    const before = await row(b.id);
    const change = await accepted(await deskA.send('POST', `/staff/${b.id}/reset-second-factor`));
    const response = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('SEPARATION_OF_DUTIES');
    expect(await row(b.id)).toEqual(before);
    expect((await deskB.send('GET', '/auth/me')).status).toBe(200);
    expect((await deskA.send('POST', `/staff-changes/${change.id}/cancel`)).status).toBe(200);
  });

  it('nor reject it (403 SEPARATION_OF_DUTIES): the change stays pending for another admin', async () => {
    const change = await accepted(await deskA.send('POST', `/staff/${b.id}/reset-second-factor`));
    const response = await deskB.send('POST', `/staff-changes/${change.id}/reject`, { reason: 'not me' });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('SEPARATION_OF_DUTIES');
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE id = $1`, [change.id]);
    expect(rows[0]).toEqual({ status: 'PENDING' });
    expect((await deskA.send('POST', `/staff-changes/${change.id}/cancel`)).status).toBe(200);
  });

  it('an approver whose ADMIN role is removed while the approval runs is refused once the removal commits', async () => {
    const target = await account(t, ['INTAKE']);
    const before = await row(target.id);
    const change = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`));
    // Another admin's role removal for B, caught mid-transaction: B's row is locked, not yet committed.
    const removal = await t.db.connect();
    try {
      await removal.query('BEGIN');
      await removal.query(`UPDATE staff SET roles = '{REVIEWER}', version = version + 1 WHERE id = $1`, [b.id]);
      const approving = deskB.send('POST', `/staff-changes/${change.id}/approve`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await removal.query('COMMIT');
      const response = await approving;
      expect(response.status).toBe(403);
      expect(await errorCode(response)).toBe('FORBIDDEN');
    } finally {
      removal.release();
      await t.db.query(`UPDATE staff SET roles = '{ADMIN}' WHERE id = $1`, [b.id]);
    }
    expect(await row(target.id)).toEqual(before);
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE id = $1`, [change.id]);
    expect(rows[0]).toEqual({ status: 'PENDING' });
    expect((await deskA.send('POST', `/staff-changes/${change.id}/cancel`)).status).toBe(200);
  });

  it('the database refuses it too: decided_by = proposed_by, or = the account itself, violates a CHECK', async () => {
    const target = await account(t, ['INTAKE']);
    const change = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`));
    await expect(
      t.db.query(
        `UPDATE staff_change SET status = 'APPROVED', decided_by = proposed_by, decided_at = now() WHERE id = $1`,
        [change.id],
      ),
    ).rejects.toThrow(/staff_change_four_eyes/);
    // Nor may the account the change is about decide it.
    await expect(
      t.db.query(
        `UPDATE staff_change SET status = 'APPROVED', decided_by = staff_id, decided_at = now() WHERE id = $1`,
        [change.id],
      ),
    ).rejects.toThrow(/staff_change_not_own_account/);
    await expect(
      t.db.query(
        `INSERT INTO staff_change (id, kind, staff_id, target_version, proposed_by, expires_at)
         VALUES ($1, 'RESET_SECOND_FACTOR', $2, 1, $3, now() + interval '1 hour')`,
        [randomUUID(), target.id, b.id],
      ),
    ).rejects.toThrow(/staff_change_one_pending_per_account/);
  });
});

describe('adding roles', () => {
  it('is proposed (202, roles unchanged) and applied when another admin approves; removing roles acts at once', async () => {
    const target = await account(t, ['INTAKE']);
    const change = await accepted(
      await withToken('PATCH', `/staff/${target.id}`, {
        version: 1,
        roles: ['INTAKE', 'REVIEWER'],
        displayName: 'Renamed Too',
      }),
    );
    expect(change).toMatchObject({
      kind: 'GRANT_ROLES',
      staffId: target.id,
      targetVersion: 1,
      proposed: { roles: ['INTAKE', 'REVIEWER'], rolesAdded: ['REVIEWER'], displayName: 'Renamed Too' },
    });
    expect(await row(target.id)).toMatchObject({ roles: '{INTAKE}', version: 1 });

    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval).toMatchObject({
      staff: { roles: ['INTAKE', 'REVIEWER'], displayName: 'Renamed Too', version: 2 },
      temporaryPassword: null,
      sessionsEnded: 0,
      tokensRevoked: 0,
    });
    expect(await auditActions(t, target.id)).toEqual(['staff.updated']);

    const removed = await withToken('PATCH', `/staff/${target.id}`, { version: 2, roles: ['REVIEWER'] });
    expect(removed.status).toBe(200);
    expect(StaffAccount.parse(await removed.json())).toMatchObject({ roles: ['REVIEWER'], version: 3 });
    const renamed = await withToken('PATCH', `/staff/${target.id}`, { version: 3, displayName: 'Only A Name' });
    expect(renamed.status).toBe(200);
    expect(await row(target.id)).toMatchObject({ roles: '{REVIEWER}', display_name: 'Only A Name', version: 4 });
  });

  it('an account changed by an admin since the proposal: 409 STAFF_CHANGE_STALE, and the grant is not applied', async () => {
    const target = await account(t, ['INTAKE', 'AUDITOR']);
    const change = await accepted(
      await withToken('PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE', 'AUDITOR', 'REVIEWER'] }),
    );
    // Meanwhile another admin takes AUDITOR away, at once: approving the old full list would give it back.
    expect((await withToken('PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE'] })).status).toBe(200);
    const response = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(response.status).toBe(409);
    const body = ErrorBody.parse(await response.json());
    expect(body.error).toMatchObject({
      code: 'STAFF_CHANGE_STALE',
      details: { proposedAgainstVersion: 1, currentVersion: 2 },
    });
    expect(await row(target.id)).toMatchObject({ roles: '{INTAKE}', version: 2 });
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed']);
  });

  it('concurrent duplicate proposals: one 202, one 409 STAFF_CHANGE_PENDING, one row', async () => {
    const target = await account(t, ['INTAKE']);
    const responses = await Promise.all([
      withToken('PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE', 'REVIEWER'] }),
      deskA.send('PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE', 'AUDITOR'] }),
    ]);
    const statuses = await Promise.all(
      responses.map(async (response) => ({
        status: response.status,
        code: response.status === 409 ? await errorCode(response) : undefined,
      })),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([202, 409]);
    expect(statuses.find((s) => s.status === 409)!.code).toBe('STAFF_CHANGE_PENDING');
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE staff_id = $1`, [target.id]);
    expect(rows).toEqual([{ status: 'PENDING' }]);
    expect((await row(target.id)).roles).toBe('{INTAKE}');
  });

  it('a PATCH that removes a role and adds another: the removal acts at once, only the addition waits', async () => {
    // A rogue admin: taking ADMIN away must not wait for anyone, even beside a role that is added.
    const target = await account(t, ['ADMIN']);
    const targetDesk = await loggedIn(target, new Browser(t));
    const before = await row(target.id);
    const change = await accepted(
      await deskA.send('PATCH', `/staff/${target.id}`, { version: before.version, roles: ['AUDITOR'] }),
    );
    expect(change).toMatchObject({
      kind: 'GRANT_ROLES',
      targetVersion: before.version + 1,
      proposed: { roles: ['AUDITOR'], rolesAdded: ['AUDITOR'] },
    });
    expect(await row(target.id)).toMatchObject({ roles: '{}', version: before.version + 1 });
    expect((await auditActions(t, target.id)).filter((action) => action.startsWith('staff.'))).toEqual([
      'staff.updated',
    ]);
    // No longer an admin: cannot reject the change that took the role away.
    const reject = await targetDesk.send('POST', `/staff-changes/${change.id}/reject`, { reason: 'mine' });
    expect(reject.status).toBe(403);
    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval.staff).toMatchObject({ roles: ['AUDITOR'], version: before.version + 2 });
  });

  it('a proposal whose proposer has since been disabled cannot be approved', async () => {
    const proposer = await account(t, ['ADMIN']);
    const desk = await loggedIn(proposer, new Browser(t));
    const target = await account(t, ['INTAKE']);
    const change = await accepted(
      await desk.send('PATCH', `/staff/${target.id}`, { version: 1, roles: ['INTAKE', 'REVIEWER'] }),
    );
    expect((await deskB.send('POST', `/staff/${proposer.id}/disable`)).status).toBe(200);
    const response = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe('STAFF_CHANGE_STALE');
    expect((await row(target.id)).roles).toBe('{INTAKE}');
  });
});

describe('rejecting, cancelling, expiring', () => {
  it('a rejected change (with its reason) leaves the account as it was and cannot be approved afterwards', async () => {
    const target = await account(t, ['INTAKE']);
    const before = await row(target.id);
    const change = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-password`, {}));
    const missing = await deskB.send('POST', `/staff-changes/${change.id}/reject`, {});
    expect(missing.status).toBe(400);
    const rejected = await deskB.send('POST', `/staff-changes/${change.id}/reject`, { reason: 'not asked by them' });
    expect(rejected.status).toBe(200);
    expect(StaffChange.parse(await rejected.json())).toMatchObject({
      status: 'REJECTED',
      decidedBy: b.id,
      reason: 'not asked by them',
    });
    const late = await withToken('POST', `/staff-changes/${change.id}/reject`, { reason: 'me too' });
    expect(late.status).toBe(409);
    expect(await errorCode(late)).toBe('STAFF_CHANGE_NOT_PENDING');
    const approve = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(approve.status).toBe(409);
    expect(await errorCode(approve)).toBe('STAFF_CHANGE_NOT_PENDING');
    expect(await row(target.id)).toEqual(before);
    expect(await auditActions(t, change.id)).toEqual(['staff_change.proposed', 'staff_change.rejected']);
    // The reason is free text: committed, not published.
    const { rows } = await t.db.query<{ leaf: Buffer }>(
      `SELECT leaf FROM audit_event WHERE subject_id = $1 AND action = 'staff_change.rejected'`,
      [change.id],
    );
    expect(rows[0]!.leaf.toString('utf8')).not.toContain('not asked by them');
  });

  it('only the proposer cancels (403 NOT_PROPOSER for others); a cancelled change leaves the account alone', async () => {
    const target = await account(t, ['INTAKE']);
    const before = await row(target.id);
    const change = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`));
    const other = await deskB.send('POST', `/staff-changes/${change.id}/cancel`, {});
    expect(other.status).toBe(403);
    expect(await errorCode(other)).toBe('NOT_PROPOSER');
    const cancelled = await deskA.send('POST', `/staff-changes/${change.id}/cancel`, { reason: 'wrong person' });
    expect(cancelled.status).toBe(200);
    expect(StaffChange.parse(await cancelled.json())).toMatchObject({
      status: 'CANCELLED',
      decidedBy: null,
      reason: 'wrong person',
    });
    const approve = await deskB.send('POST', `/staff-changes/${change.id}/approve`);
    expect(approve.status).toBe(409);
    expect(await errorCode(approve)).toBe('STAFF_CHANGE_NOT_PENDING');
    expect(await row(target.id)).toEqual(before);
    // The place is free again for a new proposal of the same kind.
    await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`));
  });

  it('a change left pending past STAFF_CHANGE_TTL_HOURS reads as EXPIRED, cannot be approved, and makes room for a new one', async () => {
    const target = await account(t, ['INTAKE']);
    const before = await row(target.id);
    const id = randomUUID();
    // Proposed TTL_HOURS + 1 hours ago (written directly: nobody waits five hours in a test).
    await t.db.query(
      `INSERT INTO staff_change (id, kind, staff_id, target_version, proposed_by, proposed_at, expires_at)
       VALUES ($1, 'RESET_PASSWORD', $2, $3, $4, now() - make_interval(hours => $5 + 1), now() - interval '1 hour')`,
      [id, target.id, before.version, a.id, TTL_HOURS],
    );
    const seen = StaffChange.parse(await (await deskB.send('GET', `/staff-changes/${id}`)).json());
    expect(seen.status).toBe('EXPIRED');
    const listedPending = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?status=PENDING&staffId=${target.id}`)).json(),
    );
    expect(listedPending.items).toEqual([]);
    const listedExpired = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?status=EXPIRED&staffId=${target.id}`)).json(),
    );
    expect(listedExpired.items.map((item) => item.id)).toEqual([id]);

    const approve = await deskB.send('POST', `/staff-changes/${id}/approve`);
    expect(approve.status).toBe(409);
    expect(await errorCode(approve)).toBe('STAFF_CHANGE_EXPIRED');
    expect(await row(target.id)).toEqual(before);
    // The refusal closed it for good, with its audit event.
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE id = $1`, [id]);
    expect(rows).toEqual([{ status: 'EXPIRED' }]);
    expect(await auditActions(t, id)).toEqual(['staff_change.expired']);

    const again = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-password`, {}));
    expect(again.id).not.toBe(id);
  });

  it('an expired PENDING row does not block a new proposal of the same kind', async () => {
    const target = await account(t, ['INTAKE']);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO staff_change (id, kind, staff_id, target_version, proposed_by, proposed_at, expires_at)
       VALUES ($1, 'RESET_SECOND_FACTOR', $2, 1, $3, now() - interval '10 hours', now() - interval '1 minute')`,
      [id, target.id, a.id],
    );
    await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`));
    const { rows } = await t.db.query(`SELECT status FROM staff_change WHERE id = $1`, [id]);
    expect(rows).toEqual([{ status: 'EXPIRED' }]);
  });
});

describe('the expiry sweeper', () => {
  async function proposedHoursAgo(hours: number): Promise<string> {
    const target = await account(t, ['INTAKE']);
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO staff_change (id, kind, staff_id, target_version, proposed_by, proposed_at, expires_at)
       VALUES ($1, 'RESET_SECOND_FACTOR', $2, 1, $3, now() - make_interval(hours => $4),
               now() - make_interval(hours => $4) + make_interval(hours => $5))`,
      [id, target.id, a.id, hours, TTL_HOURS],
    );
    return id;
  }
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string }>(`SELECT status FROM staff_change WHERE id = $1`, [id])).rows[0]!.status;

  it('closes every change past its expiry with an audit event, leaves live ones, and is then idle', async () => {
    const overdue = [await proposedHoursAgo(TTL_HOURS + 1), await proposedHoursAgo(TTL_HOURS * 3)];
    const live = await proposedHoursAgo(1);
    expect(await t.app.get(StaffChangeExpiry).sweep(1)).toBeGreaterThanOrEqual(2);
    for (const id of overdue) {
      expect(await statusOf(id)).toBe('EXPIRED');
      expect(await auditActions(t, id)).toEqual(['staff_change.expired']);
    }
    expect(await statusOf(live)).toBe('PENDING');
    expect(await t.app.get(StaffChangeExpiry).sweep()).toBe(0);

    // A change the sweeper closed answers an approval the same way as one closed by the approval itself.
    const approve = await deskB.send('POST', `/staff-changes/${overdue[0]}/approve`);
    expect(approve.status).toBe(409);
    expect(await errorCode(approve)).toBe('STAFF_CHANGE_EXPIRED');
    expect(await auditActions(t, overdue[0]!)).toEqual(['staff_change.expired']);
  });

  it('runs on its own every STAFF_CHANGE_SWEEP_INTERVAL_MS', async () => {
    const overdue = await proposedHoursAgo(TTL_HOURS + 1);
    const second = await startTestApp({ DATABASE_URL: t.databaseUrl, STAFF_CHANGE_SWEEP_INTERVAL_MS: '100' });
    try {
      await untilTrue(async () => (await statusOf(overdue)) === 'EXPIRED', 'the sweeper to close the change');
      expect(await auditActions(t, overdue)).toEqual(['staff_change.expired']);
    } finally {
      await second.close();
    }
  });
});

describe('resets, once approved, end every way into the account', () => {
  it('a password reset: token and session dead, old password dead, the approver alone holds the new one', async () => {
    const { person, browser, headers } = await personInUse(['APPROVER']);
    const change = await accepted(await deskA.send('POST', `/staff/${person.id}/reset-password`, {}));
    const proposalText = JSON.stringify(change);
    expect(proposalText).not.toMatch(/temporaryPassword/);
    // Only proposed: everything still works.
    expect(await statusOfMe(headers)).toBe(200);
    expect((await browser.send('GET', '/auth/me')).status).toBe(200);

    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1, staff: { passwordChangeRequired: true } });
    const password = approval.temporaryPassword!;
    expect(password).toMatch(/^[a-z2-9]{6}(-[a-z2-9]{6}){3}$/);

    expect(await statusOfMe(headers)).toBe(401);
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);
    expect(await errorCode(await new Browser(t).login(person.email, person.password))).toBe('INVALID_CREDENTIALS');
    const fresh = new Browser(t);
    expect((await fresh.login(person.email, password)).status).toBe(200);
    expect((await fresh.secondFactor(await totp(person.totpSecret!, 1))).status).toBe(200);

    const seen = await (await deskA.send('GET', `/staff-changes/${change.id}`)).text();
    expect(seen).not.toContain(password);
    const { rows } = await t.db.query<{ details: Record<string, unknown>; leaf: Buffer }>(
      `SELECT details, leaf FROM audit_event WHERE subject_id = $1 AND action = 'staff.password_reset'`,
      [person.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({
      generated: true,
      sessionsEnded: 1,
      tokensRevoked: 1,
      changeId: change.id,
      proposedBy: a.id,
    });
    expect(JSON.stringify(rows[0]!.details) + rows[0]!.leaf.toString('utf8')).not.toContain(password);
    const decision = await t.db.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_event WHERE subject_id = $1 AND action = 'staff_change.approved'`,
      [change.id],
    );
    expect(decision.rows).toEqual([{ actor_id: b.id }]);
  });

  it('a second-factor reset: sessions and tokens end, the next login enrols again', async () => {
    const { person, browser, headers } = await personInUse(['REVIEWER']);
    const change = await accepted(await deskA.send('POST', `/staff/${person.id}/reset-second-factor`));
    expect((await row(person.id)).totp_secret).not.toBeNull();
    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval).toMatchObject({
      sessionsEnded: 1,
      tokensRevoked: 1,
      temporaryPassword: null,
      staff: { secondFactorEnrolled: false, recoveryCodesLeft: 0 },
    });
    expect(await statusOfMe(headers)).toBe(401);
    expect((await browser.send('GET', '/auth/me')).status).toBe(401);
    const next = await new Browser(t).login(person.email, person.password);
    expect((await next.json()).next).toBe('ENROL_TOTP');
  });

  it('two admins approving at the same moment: one applies it, the other gets 409 STAFF_CHANGE_NOT_PENDING', async () => {
    const { person, headers } = await personInUse(['INTAKE']);
    const deskC = await loggedIn(await account(t, ['ADMIN']), new Browser(t));
    const change = await accepted(await deskA.send('POST', `/staff/${person.id}/reset-password`, {}));
    const responses = await Promise.all([
      deskB.send('POST', `/staff-changes/${change.id}/approve`),
      deskC.send('POST', `/staff-changes/${change.id}/approve`),
    ]);
    const outcomes = await Promise.all(
      responses.map(async (response) => ({ status: response.status, body: await response.json() })),
    );
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 409]);
    expect(ErrorBody.parse(outcomes.find((outcome) => outcome.status === 409)!.body).error.code).toBe(
      'STAFF_CHANGE_NOT_PENDING',
    );
    const winner = StaffChangeApproval.parse(outcomes.find((outcome) => outcome.status === 200)!.body);
    expect(await statusOfMe(headers)).toBe(401);
    // The one password that works is the one the winning approver was shown.
    expect((await new Browser(t).login(person.email, winner.temporaryPassword!)).status).toBe(200);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1 AND action = 'staff.password_reset'`,
      [person.id],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('the approval takes a logged-in admin: an ADMIN token gets 403 INTERACTIVE_SESSION_REQUIRED', async () => {
    const target = await account(t, ['INTAKE']);
    const change = await accepted(await deskA.send('POST', `/staff/${target.id}/reset-password`, {}));
    const response = await withToken('POST', `/staff-changes/${change.id}/approve`);
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('INTERACTIVE_SESSION_REQUIRED');
    expect(StaffChange.parse(await (await deskA.send('GET', `/staff-changes/${change.id}`)).json()).status).toBe(
      'PENDING',
    );
  });
});

describe('disable and enable', () => {
  it('disabling acts at once; enabling is proposed, and works once approved', async () => {
    const { person, headers } = await personInUse(['INTAKE']);
    const disabled = await withToken('POST', `/staff/${person.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(StaffAccount.parse(await disabled.json()).disabledAt).not.toBeNull();
    expect(await statusOfMe(headers)).toBe(401);

    const change = await accepted(await withToken('POST', `/staff/${person.id}/enable`));
    expect(change).toMatchObject({ kind: 'ENABLE_ACCOUNT', status: 'PENDING' });
    expect(await errorCode(await new Browser(t).login(person.email, person.password))).toBe('ACCOUNT_DISABLED');
    const again = await withToken('POST', `/staff/${person.id}/enable`);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('STAFF_CHANGE_PENDING');

    const approval = await approved(await deskB.send('POST', `/staff-changes/${change.id}/approve`));
    expect(approval.staff.disabledAt).toBeNull();
    expect((await new Browser(t).login(person.email, person.password)).status).toBe(200);
    // Tokens revoked by the disabling stay revoked.
    expect(await statusOfMe(headers)).toBe(401);
    expect(await auditActions(t, person.id)).toEqual(expect.arrayContaining(['staff.disabled', 'staff.enabled']));
  });

  it('disabling while an approval enables the account: the disable waits for it and still disables', async () => {
    const target = await account(t, ['INTAKE']);
    await t.db.query(`UPDATE staff SET disabled_at = now(), version = version + 1 WHERE id = $1`, [target.id]);
    // An approval of ENABLE_ACCOUNT caught mid-transaction: the row is locked and enabled, not yet committed.
    const approval = await t.db.connect();
    try {
      await approval.query('BEGIN');
      await approval.query(`SELECT id FROM staff WHERE id = $1 FOR UPDATE`, [target.id]);
      await approval.query(`UPDATE staff SET disabled_at = NULL, version = version + 1 WHERE id = $1`, [target.id]);
      const disabling = deskB.send('POST', `/staff/${target.id}/disable`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await approval.query('COMMIT');
      const response = await disabling;
      expect(response.status).toBe(200);
      expect(StaffAccount.parse(await response.json()).disabledAt).not.toBeNull();
    } finally {
      approval.release();
    }
    expect((await row(target.id)).disabled_at).not.toBeNull();
  });

  it('an account that is neither disabled nor locked has nothing to enable: 200 with the account, no proposal', async () => {
    const target = await account(t, ['INTAKE']);
    const response = await withToken('POST', `/staff/${target.id}/enable`);
    expect(response.status).toBe(200);
    expect(StaffAccount.parse(await response.json()).id).toBe(target.id);
    expect((await t.db.query(`SELECT 1 FROM staff_change WHERE staff_id = $1`, [target.id])).rowCount).toBe(0);
  });
});

describe('listing changes', () => {
  it('pages newest first with an opaque cursor, filtered by status and account', async () => {
    const target = await account(t, ['INTAKE', 'AUDITOR', 'REVIEWER']);
    const made: string[] = [];
    made.push((await accepted(await deskA.send('POST', `/staff/${target.id}/reset-password`, {}))).id);
    made.push((await accepted(await deskA.send('POST', `/staff/${target.id}/reset-second-factor`))).id);
    await t.db.query(`UPDATE staff SET disabled_at = now() WHERE id = $1`, [target.id]);
    made.push((await accepted(await deskA.send('POST', `/staff/${target.id}/enable`))).id);
    expect((await deskB.send('POST', `/staff-changes/${made[0]}/reject`, { reason: 'no' })).status).toBe(200);

    const first = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?staffId=${target.id}&limit=2`)).json(),
    );
    expect(first.items.map((item) => item.id)).toEqual([made[2], made[1]]);
    const second = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?staffId=${target.id}&limit=2&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.items.map((item) => item.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
    const pending = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?staffId=${target.id}&status=PENDING`)).json(),
    );
    expect(pending.items.map((item) => item.id)).toEqual([made[2], made[1]]);
    const rejected = StaffChangePage.parse(
      await (await deskB.send('GET', `/staff-changes?staffId=${target.id.toUpperCase()}&status=REJECTED`)).json(),
    );
    expect(rejected.items.map((item) => item.id)).toEqual([made[0]]);

    const bad = await deskB.send('GET', '/staff-changes?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe('VALIDATION_FAILED');
    const unknown = await deskB.send('GET', `/staff-changes/${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });
});
