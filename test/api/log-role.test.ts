// Security issue 11, items 3–5: what the API's own database login can do to the log, and what it can become.
// Every attack runs as the API logs in (writ_api, acting as writ_app), on a real PostgreSQL; the integrator then
// has to carry on, and every checkpoint it signs has to be the root of the stored leaves.
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { HealthResponse, InclusionProofResponse, type HealthResponse as Health } from '@writ/contracts';
import { emptyRoot, fromBase64, leafHash, parseCheckpoint, rootFromLeafHashes, verifyInclusion } from '@writ/tlog';
import pg from 'pg';
import { checkLoginRole } from '../../apps/api/src/database/login-role';
import { PrismaService } from '../../apps/api/src/database/prisma.service';
import { LogStore } from '../../apps/api/src/transparency-log/log-store';
import { integrate, writeEvents } from '../support/log';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const LOCK = 2003986804; // INTEGRATOR_LOCK

/** A session as the API's login role, acting as writ_app like the API's own connections. */
async function asApiLogin(t: TestApp): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.apiDatabaseUrl, options: '-c role=writ_app' });
  client.on('error', () => undefined); // the integrator may end it
  await client.connect();
  return client;
}

async function checkpoint(t: TestApp) {
  return parseCheckpoint((await (await fetch(`${t.url}/log/checkpoint`)).text()).split('\n\n')[0]! + '\n');
}

/** The latest checkpoint's root is the root of the stored leaves (what `writ-verify audit` recomputes). */
async function expectCheckpointMatchesLeaves(t: TestApp): Promise<number> {
  const { size, rootHash } = await checkpoint(t);
  const leaves = await t.app.get(LogStore).leaves(0, size);
  expect(leaves).toHaveLength(size);
  const root = size === 0 ? emptyRoot() : rootFromLeafHashes(leaves.map((leaf) => leafHash(leaf)));
  expect(Buffer.from(root).toString('base64')).toBe(Buffer.from(rootHash).toString('base64'));
  return size;
}

async function pendingCount(t: TestApp): Promise<number> {
  return (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM log_pending')).rows[0]!.n;
}

/** Integrates until something was sequenced or `ms` passed; returns how many events it sequenced. */
async function integrateWithin(t: TestApp, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const count = await integrate(t);
    if (count > 0 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the API's database login", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is no superuser, cannot create roles and is not the owner, on the connections the API itself uses', async () => {
    const prisma = t.app.get(PrismaService);
    const [login] = await prisma.$queryRaw<
      { superuser: boolean; createrole: boolean; owner_member: boolean; owner: string }[]
    >`SELECT r.rolsuper AS superuser, r.rolcreaterole AS createrole,
             pg_has_role(session_user, c.relowner, 'MEMBER') AS owner_member, pg_get_userbyid(c.relowner) AS owner
        FROM pg_roles r, pg_class c WHERE r.rolname = session_user AND c.oid = 'public.audit_event'::regclass`;
    expect(login).toMatchObject({ superuser: false, createrole: false, owner_member: false });
    // The old set-up logged in as the owner and only SET ROLE writ_app: any statement could switch back.
    for (const role of [login!.owner, 'postgres']) {
      await expect(prisma.$transaction((tx) => tx.$executeRawUnsafe(`SET LOCAL ROLE "${role}"`))).rejects.toThrow(
        /permission denied/,
      );
    }
  });

  it('in production, the API refuses to start on a login that can become the owner', async () => {
    const logger = new Logger('test');
    const owner = new pg.Pool({ connectionString: t.databaseUrl, max: 1 });
    const api = new pg.Pool({ connectionString: t.apiDatabaseUrl, max: 1 });
    try {
      await expect(checkLoginRole(owner, true, logger)).rejects.toThrow(/DATABASE_URL logs in as .*superuser|owner/);
      await expect(checkLoginRole(api, true, logger)).resolves.toBeUndefined();
      // A login that may act as writ_log could write the log's tables past the functions that check continuity.
      // A role of its own (roles are per server, and other suites log in as writ_api meanwhile).
      const probe = `writ_log_probe_${randomBytes(4).toString('hex')}`;
      await t.db.query(`CREATE ROLE ${probe} LOGIN PASSWORD 'probe' IN ROLE writ_app, writ_log`);
      const url = new URL(t.databaseUrl);
      url.username = probe;
      url.password = 'probe';
      const member = new pg.Pool({ connectionString: url.toString(), max: 1 });
      try {
        await expect(checkLoginRole(member, true, logger)).rejects.toThrow(/"writ_log"/);
      } finally {
        await member.end();
        await t.db.query(`DROP ROLE ${probe}`);
      }
    } finally {
      await Promise.all([owner.end(), api.end()]);
    }
  });
});

describe("the application's role cannot keep an event out of the signed log", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0', LOG_LOCK_MAX_HOLD_MS: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a session holding the integrator lock is ended after LOG_LOCK_MAX_HOLD_MS, and integration goes on', async () => {
    await writeEvents(t, 2);
    await integrate(t);
    const before = (await checkpoint(t)).size;
    const holder = await asApiLogin(t);
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK]);
    const [event] = await writeEvents(t, 3);
    expect(await integrate(t)).toBe(0); // held: nothing happens yet…
    // …and its DELETE of a pending event, the attack the lock was for, is refused outright.
    await expect(holder.query('DELETE FROM log_pending WHERE event_id = $1', [String(event)])).rejects.toThrow(
      /permission denied/,
    );
    expect(await integrateWithin(t, 10_000)).toBe(3);
    await expect(holder.query('SELECT 1')).rejects.toThrow();
    await holder.end().catch(() => undefined);
    expect((await checkpoint(t)).size).toBe(before + 3);
    expect(await pendingCount(t)).toBe(0);
    await expectCheckpointMatchesLeaves(t);
  });

  it('so does a transaction that took the lock through the log functions and sits idle', async () => {
    const holder = await asApiLogin(t);
    await holder.query('BEGIN');
    await holder.query('SELECT * FROM log_sequence(10)');
    await writeEvents(t, 2);
    expect(await integrateWithin(t, 10_000)).toBe(2);
    await holder.end().catch(() => undefined);
    await expectCheckpointMatchesLeaves(t);
  });

  it('cannot queue an event twice, nor sequence, tile or sign anything that does not continue the log', async () => {
    const [event] = await writeEvents(t, 1);
    await integrate(t);
    const { size, rootHash } = await checkpoint(t);
    const attacker = await asApiLogin(t);
    try {
      await expect(attacker.query('INSERT INTO log_pending VALUES ($1)', [String(event)])).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        attacker.query('INSERT INTO log_entry (index, event_id, leaf_hash) VALUES ($1, $2, $3)', [
          size,
          String(event),
          Buffer.alloc(32, 7),
        ]),
      ).rejects.toThrow(/permission denied/);
      // Through the functions, with the lock (they take it): a wrong leaf hash, a wrong root, a shrinking log.
      await attacker.query('BEGIN');
      await expect(
        attacker.query('SELECT log_append_tile(0, $1::bigint, $2::int, $3)', [
          Math.floor(size / 256),
          (size % 256) + 1,
          Buffer.alloc(32, 7),
        ]),
      ).rejects.toThrow(/log_append_tile: /);
      await attacker.query('ROLLBACK');
      await expect(
        attacker.query('SELECT log_store_checkpoint($1::bigint, $2, $3)', [
          size,
          Buffer.alloc(32, 7),
          `writ.example/log\n${size}\n${Buffer.alloc(32, 7).toString('base64')}\n\n— x\n`,
        ]),
      ).rejects.toThrow(/log_store_checkpoint: /);
      await expect(
        attacker.query('SELECT log_store_checkpoint(0::bigint, $1, $2)', [
          Buffer.from(emptyRoot()),
          `writ.example/log\n0\n${Buffer.from(emptyRoot()).toString('base64')}\n\n— x\n`,
        ]),
      ).rejects.toThrow(/log_store_checkpoint: size 0 is below/);
    } finally {
      await attacker.end();
    }
    expect(Buffer.from((await checkpoint(t)).rootHash)).toEqual(Buffer.from(rootHash));
    await writeEvents(t, 2);
    expect(await integrate(t)).toBe(2);
    const newSize = await expectCheckpointMatchesLeaves(t);
    // Proofs answer, and verify against the signed root.
    const response = await fetch(`${t.url}/log/proof/inclusion?index=${newSize - 1}`);
    expect(response.status).toBe(200);
    const proof = InclusionProofResponse.parse(await response.json());
    const signed = await checkpoint(t);
    expect(proof.size).toBe(signed.size);
    expect(() =>
      verifyInclusion(
        fromBase64(proof.leafHash)!,
        proof.index,
        proof.size,
        proof.proof.map((p) => fromBase64(p)!),
        signed.rootHash,
      ),
    ).not.toThrow();
  });
});

describe('a stored tree that does not continue the last signed checkpoint', () => {
  it('is not signed: the integrator logs why at error level and /health reports it', async () => {
    const lines: { level: number; context?: string; msg?: string }[] = [];
    const t = await startTestApp(
      { LOG_INTEGRATE_INTERVAL_MS: '0', LOG_LEVEL: 'warn' },
      { logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) } },
    );
    try {
      await writeEvents(t, 5);
      await integrate(t);
      const before = await checkpoint(t);
      // As the owner with the append-only trigger off for a moment: one stored hash of the tree's right edge changed.
      const client = await t.db.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE log_tile DISABLE TRIGGER log_tile_append_only');
        await client.query(
          `UPDATE log_tile SET hashes = overlay(hashes PLACING $1 FROM 1 FOR 32)
            WHERE level = 0 AND index = 0 AND width = (SELECT max(width) FROM log_tile WHERE level = 0 AND index = 0)`,
          [Buffer.alloc(32, 0xee)],
        );
        await client.query('ALTER TABLE log_tile ENABLE ALWAYS TRIGGER log_tile_append_only');
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const health = async (): Promise<Health> => HealthResponse.parse(await (await fetch(`${t.url}/health`)).json());
      expect((await health()).log.status).toBe('ok');

      await writeEvents(t, 2);
      expect(await integrate(t)).toBe(0);
      expect(await integrate(t)).toBe(0);
      expect((await checkpoint(t)).size).toBe(before.size);
      expect(await pendingCount(t)).toBe(2); // nothing skipped: still queued for when the tree is repaired
      const refusals = lines.filter((line) => line.level === 50 && /refusing to sign/.test(line.msg ?? ''));
      expect(refusals).toHaveLength(1); // once per reason, not every round
      const now = await health();
      expect(now.status).toBe('degraded');
      expect(now.log.status).toBe('refusing');
      expect(now.log.reason).toMatch(/size 5/);
    } finally {
      await t.close();
    }
  });
});

describe('a pending row for an event already in the log', () => {
  it('(queued again by the owner) is taken off the queue with a warning, and does not stall integration', async () => {
    const lines: { level: number; msg?: string }[] = [];
    const t = await startTestApp(
      { LOG_INTEGRATE_INTERVAL_MS: '0', LOG_LEVEL: 'warn' },
      { logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) } },
    );
    try {
      const [event] = await writeEvents(t, 1);
      await integrate(t);
      await t.db.query('INSERT INTO log_pending VALUES ($1)', [String(event)]);
      await writeEvents(t, 2);
      expect(await integrate(t)).toBe(2);
      expect(await pendingCount(t)).toBe(0);
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 40,
          msg: expect.stringMatching(new RegExp(`event ${event} was queued again`)),
        }),
      );
      expect(await expectCheckpointMatchesLeaves(t)).toBe(3);
    } finally {
      await t.close();
    }
  });
});
