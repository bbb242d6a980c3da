// GET /audit/events?actor=…: an auditor asked "what did alice@… do?" types the email, not a staff id. Events are
// written the way features write them (AuditService, in a transaction) by two colleagues, background jobs and the
// public, so each filter's answer can be compared with exactly what was written.
import { randomUUID } from 'node:crypto';
import { ListAuditEvents } from '@writ/contracts';
import { AuditService, type Actor } from '../../apps/api/src/audit/audit.service';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs, okAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let auditor: TestStaff;
let alice: TestStaff;
let bob: TestStaff;
/** An account whose email was stored with capitals (written by SQL, not through the contract that lower-cases). */
let carol: { id: string; email: string };
/** The ids of the events written by each actor, as text, newest first (as the list gives them). */
const written: Record<string, string[]> = {};

async function write(key: string, actor: Actor, count: number): Promise<void> {
  const prisma = t.app.get(PrismaService);
  const audit = t.app.get(AuditService);
  for (let i = 0; i < count; i++) {
    const id = await prisma.$transaction((tx) =>
      audit.record(tx, { actor, action: 'audit.event.read', subjectType: 'audit_event', subjectId: String(i + 1) }),
    );
    (written[key] ??= []).unshift(id.toString());
  }
}

const staffActor = (who: { id: string; email: string }): Actor => ({
  staffId: who.id,
  email: who.email,
  roles: ['INTAKE'],
  via: 'token',
});

async function eventIds(actor: string, extra: { actorId?: string } = {}): Promise<string[]> {
  const page = await okAs(
    t,
    ListAuditEvents,
    { query: { actor, limit: 200, action: 'audit.event.read', ...extra } },
    auditor,
  );
  return page.items.map((event) => event.id);
}

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  [auditor, alice, bob] = await Promise.all([
    createStaff(t, ['AUDITOR']),
    createStaff(t, ['INTAKE'], 'alice'),
    createStaff(t, ['INTAKE'], 'bob'),
  ]);
  carol = { id: randomUUID(), email: 'Carol.Case@Test.Example' };
  await t.db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, updated_at)
     VALUES ($1, $2, 'Carol Case', '!no-password-login', '{INTAKE}', now()),
            ($3, 'under_score@test.example', 'Una Score', '!no-password-login', '{INTAKE}', now())`,
    [carol.id, carol.email, randomUUID()],
  );
  await write('alice', staffActor(alice), 3);
  await write('bob', staffActor(bob), 2);
  await write('carol', staffActor(carol), 1);
  await write('system:auth', { system: 'auth' }, 2);
  await write('system:disclosure-expiry', { system: 'disclosure-expiry' }, 1);
  await write('public', { public: true }, 2);
});
afterAll(async () => {
  await t.close();
});

describe('the audit explorer filters by an actor named in words', () => {
  it("finds exactly a colleague's events by their email, in any case and with stray spaces", async () => {
    expect(await eventIds(alice.email)).toEqual(written.alice);
    expect(await eventIds(`  ${alice.email.toUpperCase()} `)).toEqual(written.alice);
    expect(await eventIds(bob.email)).toEqual(written.bob);
    // Stored with capitals, asked in lower case (and the other way round).
    expect(await eventIds('carol.case@test.example')).toEqual(written.carol);
    expect(await eventIds('CAROL.CASE@TEST.EXAMPLE')).toEqual(written.carol);
  });

  it('finds the public, every background job, or one job by the labels events carry', async () => {
    expect(await eventIds('public')).toEqual(written.public);
    expect(await eventIds('PUBLIC')).toEqual(written.public);
    expect(await eventIds('system:auth')).toEqual(written['system:auth']);
    const jobs = [...written['system:auth']!, ...written['system:disclosure-expiry']!];
    expect(await eventIds('system')).toEqual(jobs.sort((a, b) => Number(b) - Number(a)));
    // A job no event names: nothing, which is the answer (jobs are not accounts to look up).
    expect(await eventIds('system:never-ran')).toEqual([]);
  });

  it('says an email belongs to no account instead of answering with no events, and records no read', async () => {
    const reads = async () =>
      (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.events.read'"))
        .rows[0]!.n;
    const before = await reads();
    const typo = await callAs(t, ListAuditEvents, { query: { actor: 'alcie@test.example' } }, auditor);
    expect(typo.status).toBe(400);
    expect(typo.error.code).toBe('UNKNOWN_ACTOR');
    expect(typo.error.message).toContain('No staff account has the email "alcie@test.example"');
    expect(typo.error.message).toMatch(/spelling/);
    // "_" is a character, not a wildcard: under_score@ exists, underxscore@ does not.
    const wildcard = await callAs(t, ListAuditEvents, { query: { actor: 'underxscore@test.example' } }, auditor);
    expect(wildcard.error.code).toBe('UNKNOWN_ACTOR');
    expect(await reads()).toBe(before);
  });

  it('refuses what is neither an email nor a label, naming what it takes', async () => {
    for (const actor of [
      'alice',
      'system:',
      'system:Auth Job',
      '',
      'a\u0000b@test.example',
      `${'x'.repeat(320)}@t.example`,
    ]) {
      const reply = await callAs(t, ListAuditEvents, { query: { actor } }, auditor);
      expect(reply.status).toBe(400);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.message).toMatch(/email address, "system".*"public"/);
    }
  });

  it('combines with a staff id (both must hold) and keeps the click-a-name actorId working alone', async () => {
    expect(await eventIds(alice.email, { actorId: alice.id })).toEqual(written.alice);
    expect(await eventIds(alice.email, { actorId: bob.id })).toEqual([]);
    const byId = await okAs(t, ListAuditEvents, { query: { actorId: bob.id, action: 'audit.event.read' } }, auditor);
    expect(byId.items.map((event) => event.id)).toEqual(written.bob);
  });

  it('records that an actor filter was used, never whose: the email stays out of the event and its leaf', async () => {
    await eventIds(alice.email);
    const read = (
      await t.db.query<{ details: { filters: string[] }; leaf: Buffer }>(
        "SELECT details, leaf FROM audit_event WHERE action = 'audit.events.read' AND actor_id = $1 ORDER BY id DESC LIMIT 1",
        [auditor.id],
      )
    ).rows[0]!;
    expect(read.details.filters).toEqual(['action', 'actor']);
    expect(JSON.stringify(read.details)).not.toContain('alice');
    expect(read.leaf.toString('utf8')).not.toContain('alice');
  });
});
