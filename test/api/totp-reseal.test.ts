// `npm run totp:reseal` (scripts/totp/reseal.ts) as an operator runs it: a child process against a real database
// holding plain, v1, previous-key, current and unopenable TOTP secrets. What it prints, its exit code, the rows
// afterwards, its audit event, and that it never overwrites a secret a login changed while it ran.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecret } from 'otplib';
import pg from 'pg';
import { totpKeyId, TotpSecretBox } from '../../apps/api/src/auth/totp-secret-box';
import { integrate } from '../support/log';
import { ROOT } from '../support/postgres';
import { createTestDatabase, dropTestDatabase, startTestApp } from '../support/test-app';
import { tsx } from '../support/tsx';
import { sealV1 } from './auth.fixtures';

const CURRENT = randomBytes(32);
const PREVIOUS = randomBytes(32);
const LOST = randomBytes(32); // sealed some rows, then was lost: configured nowhere
const CURRENT_ID = totpKeyId(CURRENT);
const PREVIOUS_ID = totpKeyId(PREVIOUS);
const LOST_ID = totpKeyId(LOST);
const KEYS = {
  TOTP_ENCRYPTION_KEY: CURRENT.toString('base64'),
  TOTP_ENCRYPTION_KEYS_PREVIOUS: PREVIOUS.toString('base64'),
};

let databaseUrl: string;
let db: pg.Pool;
beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
});
afterAll(async () => {
  await db.end();
  await dropTestDatabase(databaseUrl);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function reseal(args: string[] = [], env: Record<string, string> = KEYS): Promise<Run> {
  const child = spawn(...tsx('scripts/totp/reseal.ts', ...args), {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      // No key file to fall back on: the keys come from the variables or not at all.
      STORAGE_DIR: mkdtempSync(path.join(os.tmpdir(), 'writ-reseal-')),
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Person {
  id: string;
  email: string;
  secret: string;
}

async function person(seal: ((id: string, secret: string) => string) | null): Promise<Person> {
  const id = randomUUID();
  const email = `reseal-${id.slice(0, 8)}@test.example`;
  const secret = generateSecret();
  await db.query(
    `INSERT INTO staff (id, email, display_name, password_hash, roles, totp_secret, totp_enrolled_at, updated_at)
     VALUES ($1, $2, 'Reseal test', '!no-password-login', '{REVIEWER}', $3, now(), now() - interval '1 day')`,
    [id, email, seal ? seal(id, secret) : null],
  );
  return { id, email, secret };
}

type StaffRow = { id: string; totp_secret: string | null; updated_at: Date; version: number };
async function staffRows(): Promise<Map<string, StaffRow>> {
  const { rows } = await db.query<StaffRow>(`SELECT id, totp_secret, updated_at, version FROM staff ORDER BY id`);
  return new Map(rows.map((row) => [row.id, row]));
}

async function runEvents(): Promise<
  { actor_id: string | null; actor_label: string; details: Record<string, unknown> }[]
> {
  const { rows } = await db.query(
    `SELECT actor_id, actor_label, details FROM audit_event WHERE action = 'auth.totp_secrets_resealed' ORDER BY id`,
  );
  return rows;
}

/** The summary's count on the line starting with `label`. */
function counted(stdout: string, label: string): number {
  const line = stdout.split('\n').find((text) => text.trimStart().startsWith(label));
  if (!line) throw new Error(`no "${label}" line in:\n${stdout}`);
  return Number(line.slice(line.lastIndexOf(':') + 1));
}

const previous = new TotpSecretBox(PREVIOUS);
const current = new TotpSecretBox(CURRENT);
const lost = new TotpSecretBox(LOST);

describe('npm run totp:reseal', () => {
  let people: Record<string, Person>;

  beforeAll(async () => {
    people = {
      plain: await person((_, secret) => secret),
      plainToo: await person((_, secret) => secret),
      v1Previous: await person((id, secret) => sealV1(PREVIOUS, id, secret)),
      v1Current: await person((id, secret) => sealV1(CURRENT, id, secret)),
      previous: await person((id, secret) => previous.seal(id, secret)),
      previousToo: await person((id, secret) => previous.seal(id, secret)),
      current: await person((id, secret) => current.seal(id, secret)),
      lostKey: await person((id, secret) => lost.seal(id, secret)),
      v1Lost: await person((id, secret) => sealV1(LOST, id, secret)),
      noAuthenticator: await person(null),
    };
  });

  it('explains itself with --help, and refuses a bad configuration before touching the database', async () => {
    const help = await reseal(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Seals every staff TOTP secret under the current TOTP_ENCRYPTION_KEY/);
    expect(help.stdout).toMatch(/--dry-run/);

    const same = await reseal([], { ...KEYS, TOTP_ENCRYPTION_KEYS_PREVIOUS: KEYS.TOTP_ENCRYPTION_KEY });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/TOTP_ENCRYPTION_KEYS_PREVIOUS: entry 1 is TOTP_ENCRYPTION_KEY itself/);
    expect(same.stderr).not.toContain(KEYS.TOTP_ENCRYPTION_KEY);
    const noKey = await reseal([], {});
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/TOTP_ENCRYPTION_KEY is not set/);
    expect((await reseal(['--batch-size', '0'])).code).toBe(2);
    expect(await runEvents()).toEqual([]);
  }, 60_000);

  it('with --dry-run, counts what it would do and changes nothing', async () => {
    const before = await staffRows();
    const run = await reseal(['--dry-run']);
    expect(run.code).toBe(1); // two secrets cannot be opened, dry run or not
    expect(run.stdout).toMatch(/^Dry run, nothing changed/);
    expect(counted(run.stdout, 'plain, to be sealed')).toBe(2);
    expect(counted(run.stdout, 'older key, to be resealed')).toBe(4);
    expect(counted(run.stdout, 'failed')).toBe(2);
    expect(await staffRows()).toEqual(before);
    const { rows } = await db.query(`SELECT action FROM audit_event WHERE actor_label = 'system:totp-reseal'`);
    expect(rows).toEqual([]);
  }, 30_000);

  it('seals plain secrets and reseals old-key ones under the current key, in batches, and reports what it cannot open', async () => {
    const before = await staffRows();
    const { rows: last } = await db.query<{ id: string }>('SELECT coalesce(max(id), 0) AS id FROM audit_event');
    const run = await reseal(['--batch-size', '3']);
    expect(run.code).toBe(1);
    expect(counted(run.stdout, 'read')).toBe(9);
    expect(counted(run.stdout, 'plain, now sealed')).toBe(2);
    expect(counted(run.stdout, 'older key, resealed')).toBe(4);
    expect(counted(run.stdout, `v1 format, under key ${PREVIOUS_ID}`)).toBe(1);
    expect(counted(run.stdout, `v1 format, under key ${CURRENT_ID}`)).toBe(1);
    expect(counted(run.stdout, `key ${PREVIOUS_ID}`)).toBe(2);
    expect(counted(run.stdout, 'already current')).toBe(1);
    expect(counted(run.stdout, 'changed meanwhile')).toBe(0);
    expect(counted(run.stdout, 'failed')).toBe(2);
    expect(counted(run.stdout, `sealed under key ${LOST_ID}, which is not configured`)).toBe(1);
    expect(counted(run.stdout, 'v1 format (names no key)')).toBe(1);
    // The accounts an admin must reset (or the key to bring back), by id.
    expect(run.stdout).toContain(people.lostKey!.id);
    expect(run.stdout).toContain(people.v1Lost!.id);
    // Progress per batch of 3 on stderr: 9 rows, so 4 batches (the last one finds nothing more).
    expect(run.stderr.match(/^batch \d+:/gm)).toHaveLength(4);

    // Nothing personal or secret in the output: no email, no TOTP secret, no key.
    const output = run.stdout + run.stderr;
    for (const someone of Object.values(people)) {
      expect(output).not.toContain(someone.email);
      expect(output).not.toContain(someone.secret);
    }
    for (const key of [CURRENT, PREVIOUS, LOST]) expect(output).not.toContain(key.toString('base64'));

    const after = await staffRows();
    for (const name of ['plain', 'plainToo', 'v1Previous', 'v1Current', 'previous', 'previousToo']) {
      const { id, secret } = people[name]!;
      const row = after.get(id)!;
      expect({ name, prefix: row.totp_secret!.slice(0, 12) }).toEqual({ name, prefix: `v2:${CURRENT_ID}:` });
      // The current key alone opens every one of them now.
      expect(current.open(id, row.totp_secret!)).toEqual({ secret, state: 'current', keyId: CURRENT_ID });
      // No admin's change: updated_at and version stay.
      expect({ ...row, totp_secret: null }).toEqual({ ...before.get(id)!, totp_secret: null });
    }
    for (const name of ['current', 'lostKey', 'v1Lost', 'noAuthenticator']) {
      expect({ name, row: after.get(people[name]!.id) }).toEqual({ name, row: before.get(people[name]!.id) });
    }

    const events = await runEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor_id: null,
      actor_label: 'system:totp-reseal',
      details: {
        completed: true,
        keyId: CURRENT_ID,
        previousKeyIds: [PREVIOUS_ID],
        read: 9,
        plainSealed: 2,
        resealed: 4,
        resealedFrom: { [PREVIOUS_ID]: 2, [`v1/${PREVIOUS_ID}`]: 1, [`v1/${CURRENT_ID}`]: 1 },
        alreadyCurrent: 1,
        changedMeanwhile: 0,
        failed: 2,
        failedBy: { [LOST_ID]: 1, v1: 1 },
      },
    });
    // Each batch that rewrote rows recorded, in its own transaction, whose secrets it sealed anew: together exactly
    // the six rewritten accounts, once each.
    const { rows: batches } = await db.query<{ details: { keyId: string; staffIds: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'auth.totp_secret_batch_resealed' AND id > $1 ORDER BY id`,
      [last[0]!.id],
    );
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.every((batch) => batch.details.keyId === CURRENT_ID)).toBe(true);
    const rewritten = ['plain', 'plainToo', 'v1Previous', 'v1Current', 'previous', 'previousToo'];
    expect(batches.flatMap((batch) => batch.details.staffIds).sort()).toEqual(
      rewritten.map((name) => people[name]!.id).sort(),
    );
  }, 30_000);

  it('changes nothing when run again, and exits 0 once every secret opens', async () => {
    const before = await staffRows();
    const again = await reseal();
    expect(again.code).toBe(1);
    expect(counted(again.stdout, 'plain, now sealed')).toBe(0);
    expect(counted(again.stdout, 'older key, resealed')).toBe(0);
    expect(counted(again.stdout, 'already current')).toBe(7);
    expect(counted(again.stdout, 'failed')).toBe(2);
    expect(await staffRows()).toEqual(before);

    // An admin resets the two accounts (the API clears the secret); then all is done.
    await db.query(`UPDATE staff SET totp_secret = NULL, totp_enrolled_at = NULL WHERE id = ANY($1::uuid[])`, [
      [people.lostKey!.id, people.v1Lost!.id],
    ]);
    const done = await reseal();
    expect(done.code).toBe(0);
    expect(counted(done.stdout, 'already current')).toBe(7);
    expect(counted(done.stdout, 'failed')).toBe(0);
    // One event per run that was not a dry run.
    expect((await runEvents()).map((event) => event.details.failed)).toEqual([2, 2, 0]);
  }, 60_000);

  it('leaves alone a secret that a login changed between its read and its write', async () => {
    const someone = await person((id, secret) => previous.seal(id, secret));
    const byLogin = current.seal(someone.id, someone.secret);
    // A "login" holds the row while the command runs: the command reads the old value (MVCC), then its write
    // waits for the row, finds it changed, and skips it.
    const login = await db.connect();
    try {
      await login.query('BEGIN');
      await login.query(`UPDATE staff SET totp_secret = $2 WHERE id = $1`, [someone.id, byLogin]);
      const running = reseal();
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE staff AS s%'`,
        );
        if (rows[0]!.n > 0) break;
        if (Date.now() > deadline) throw new Error('the command never reached its write');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await login.query('COMMIT');
      const run = await running;
      expect(run.code).toBe(0);
      expect(counted(run.stdout, 'older key, resealed')).toBe(0);
      expect(counted(run.stdout, 'changed meanwhile')).toBe(1);
    } finally {
      login.release();
    }
    expect((await db.query(`SELECT totp_secret FROM staff WHERE id = $1`, [someone.id])).rows[0].totp_secret).toBe(
      byLogin,
    );
  }, 60_000);

  it("writes audit events the API's integrator takes into the transparency log", async () => {
    const api = await startTestApp({ DATABASE_URL: databaseUrl, LOG_INTEGRATE_INTERVAL_MS: '0', ...KEYS });
    try {
      await integrate(api);
      const { rows } = await db.query<{ logged: boolean }>(
        `SELECT l.event_id IS NOT NULL AS logged
           FROM audit_event e LEFT JOIN log_entry l ON l.event_id = e.id
          WHERE e.action = 'auth.totp_secrets_resealed'`,
      );
      expect(rows.map((row) => row.logged)).toEqual([true, true, true, true]);
    } finally {
      await api.close();
    }
  }, 60_000);
});
