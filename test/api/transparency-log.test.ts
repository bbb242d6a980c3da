import {
  decodeEntryBundle,
  emptyRoot,
  generateSignerKey,
  nobleHasher,
  fromBase64,
  openCheckpoint,
  parseVerifierKey,
  RootBuilder,
  toHex,
  verifyConsistency,
  verifyInclusion,
  verifyReceipt,
  verifierKeyFromSigner,
} from '@writ/tlog';
import {
  AuditEvent,
  CheckpointPage,
  ConsistencyProofResponse,
  ErrorBody,
  InclusionProofResponse,
  LogKeyResponse,
  Page,
} from '@writ/contracts';
import pg from 'pg';
import { createStaff, type TestStaff } from '../support/auth';
import { integrate, writeEvents } from '../support/log';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let auditor: TestStaff;
let verifiers: ReturnType<typeof parseVerifierKey>[];

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  auditor = await createStaff(t, ['AUDITOR']);
  const key = LogKeyResponse.parse(await (await fetch(`${t.url}/log/key`)).json());
  verifiers = key.keys.map(parseVerifierKey);
});
afterAll(async () => {
  await t.close();
});

async function checkpoint(path = '/log/checkpoint') {
  const response = await fetch(`${t.url}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const note = await response.text();
  return { note, ...openCheckpoint(note, verifiers).checkpoint };
}

describe('transparency log over HTTP', () => {
  it('starts with a signed checkpoint of the empty tree', async () => {
    const cp = await checkpoint();
    expect(cp.size).toBe(0);
    expect(toHex(cp.rootHash)).toBe(toHex(emptyRoot()));
  });

  it('sequences committed events, signs a checkpoint, and serves leaves that recompute its root', async () => {
    await writeEvents(t, 300);
    expect(await integrate(t)).toBe(300);
    const cp = await checkpoint();
    expect(cp.size).toBe(300);
    expect(cp.origin).toBe(t.env.LOG_ORIGIN);

    const bundle = new Uint8Array(await (await fetch(`${t.url}/log/entries?start=0&end=300`)).arrayBuffer());
    const leaves = decodeEntryBundle(bundle);
    expect(leaves).toHaveLength(300);
    const builder = new RootBuilder();
    for (const leaf of leaves) builder.push(nobleHasher.leaf(leaf));
    expect(toHex(builder.root())).toBe(toHex(cp.rootHash));

    // Leaves are the public view: the phone number is only a commitment.
    const first = JSON.parse(Buffer.from(leaves[0]!).toString('utf8')) as {
      commitments: Record<string, string>;
      details: unknown;
    };
    expect(first.commitments.accountId).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(leaves[0]!).toString('utf8')).not.toContain('+4915');
  });

  it('proves a later checkpoint extends an earlier one', async () => {
    const before = await checkpoint();
    await writeEvents(t, 70);
    await integrate(t);
    const after = await checkpoint();
    expect(after.size).toBe(370);
    const old = await checkpoint(`/log/checkpoints/${before.size}`);
    expect(old.note).toBe(before.note);
    const proof = ConsistencyProofResponse.parse(
      await (await fetch(`${t.url}/log/proof/consistency?first=${before.size}&second=${after.size}`)).json(),
    );
    expect(() =>
      verifyConsistency(
        before.size,
        after.size,
        proof.proof.map((p) => fromBase64(p)!),
        before.rootHash,
        after.rootHash,
      ),
    ).not.toThrow();
    // ...and the same proof does not fit a different old root.
    expect(() =>
      verifyConsistency(
        before.size,
        after.size,
        proof.proof.map((p) => fromBase64(p)!),
        after.rootHash,
        after.rootHash,
      ),
    ).toThrow();
  });

  it('lists the signed checkpoints largest first, page by page, each matching its signed note', async () => {
    const latest = await checkpoint();
    const seen: CheckpointPage['items'] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(`${t.url}/log/checkpoints?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = CheckpointPage.parse(await response.json());
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    // The empty tree, 300 and 370 at least: what the tests above had signed.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[0]!.size).toBe(latest.size);
    expect(seen.map((item) => item.size)).toEqual([...seen.map((item) => item.size)].sort((a, b) => b - a));
    for (const item of seen.slice(0, 3)) {
      const signed = await checkpoint(`/log/checkpoints/${item.size}`);
      expect(fromBase64(item.rootHash)).toEqual(signed.rootHash);
    }
    const forged = await fetch(`${t.url}/log/checkpoints?cursor=${Buffer.from('abc').toString('base64url')}`);
    expect(forged.status).toBe(400);
    expect(ErrorBody.parse(await forged.json()).error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses proofs beyond the signed tree', async () => {
    const response = await fetch(`${t.url}/log/proof/consistency?first=1&second=100000`);
    expect(response.status).toBe(400);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('VALIDATION_FAILED');
  });

  it('gives auditors inclusion proofs and offline receipts that verify', async () => {
    const cp = await checkpoint();
    // Public: the leaves are public, so anyone may ask for the path of one.
    const proof = InclusionProofResponse.parse(await (await fetch(`${t.url}/log/proof/inclusion?index=123`)).json());
    expect(proof.size).toBe(cp.size);
    expect(() =>
      verifyInclusion(
        fromBase64(proof.leafHash)!,
        123,
        cp.size,
        proof.proof.map((p) => fromBase64(p)!),
        cp.rootHash,
      ),
    ).not.toThrow();

    const events = Page(AuditEvent).parse(
      await (await fetch(`${t.url}/audit/events?action=target.looked_up&limit=1`, { headers: auditor.headers })).json(),
    );
    const event = events.items[0]!;
    expect(event.logIndex).not.toBeNull();
    const receipt = await (
      await fetch(`${t.url}/audit/events/${event.id}/receipt`, { headers: auditor.headers })
    ).text();
    const verified = verifyReceipt(receipt, { data: Buffer.from(event.leaf, 'base64') }, verifiers);
    expect(verified.index).toBe(event.logIndex);
    expect(() => verifyReceipt(receipt, { data: Buffer.from('{"forged":true}') }, verifiers)).toThrow();
  });

  it('leaves out the events that only record a read when asked (withoutReads=true), and nothing else', async () => {
    const list = async (query: string) => {
      const reply = await fetch(`${t.url}/audit/events?limit=200&${query}`, { headers: auditor.headers });
      expect(reply.status).toBe(200);
      return Page(AuditEvent).parse(await reply.json()).items;
    };
    // Each listing is itself a read (audit.events.read), so reads are there to leave out.
    const all = await list('withoutReads=false');
    const changes = await list('withoutReads=true');
    expect(all.some((event) => event.action.endsWith('.read'))).toBe(true);
    expect(changes.some((event) => event.action.endsWith('.read'))).toBe(false);
    // The same events otherwise: every one that is not a read (the listing between them added only a read).
    const notReads = all.filter((event) => !event.action.endsWith('.read')).map((event) => event.id);
    expect(changes.map((event) => event.id).slice(0, notReads.length)).toEqual(notReads);
    const refused = await fetch(`${t.url}/audit/events?withoutReads=yes`, { headers: auditor.headers });
    expect(refused.status).toBe(400);
  });

  it('shows auditors the full event, whose salted commitment they can recompute', async () => {
    const events = Page(AuditEvent).parse(
      await (await fetch(`${t.url}/audit/events?action=target.looked_up&limit=2`, { headers: auditor.headers })).json(),
    );
    expect(events.items).toHaveLength(2);
    expect(events.nextCursor).not.toBeNull();
    const event = events.items[0]!;
    const opening = (event.details.personal as Record<string, { salt: string; value: string }>).accountId!;
    const leaf = JSON.parse(Buffer.from(event.leaf, 'base64').toString('utf8')) as {
      commitments: { accountId: string };
    };
    const { createHash } = await import('node:crypto');
    const recomputed = createHash('sha256')
      .update(Buffer.from(opening.salt, 'hex'))
      .update(opening.value)
      .digest('hex');
    expect(recomputed).toBe(leaf.commitments.accountId);
    const next = Page(AuditEvent).parse(
      await (
        await fetch(`${t.url}/audit/events?action=target.looked_up&limit=2&cursor=${events.nextCursor}`, {
          headers: auditor.headers,
        })
      ).json(),
    );
    expect(next.items[0]!.id).not.toBe(event.id);
    // Reading full events is itself audited.
    const reads = await t.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.events.read'`);
    expect(reads.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('lets two API processes integrate at once without sequencing any event twice', async () => {
    // A second app on the same database, same signing key: its integrator competes for the advisory lock.
    const second = await startTestApp({
      LOG_INTEGRATE_INTERVAL_MS: '0',
      DATABASE_URL: t.databaseUrl,
      STORAGE_DIR: t.env.STORAGE_DIR,
    });
    try {
      await Promise.all([
        writeEvents(t, 50),
        integrate(t),
        integrate(second),
        writeEvents(second, 50),
        integrate(second),
        integrate(t),
      ]);
      await integrate(t);
      await integrate(second);
      const { rows } = await t.db.query(
        `SELECT (SELECT count(*)::int FROM audit_event) AS events, count(*)::int AS n,
                count(DISTINCT event_id)::int AS distinct_events, max(index)::int + 1 AS size,
                (SELECT count(*)::int FROM log_pending) AS pending
           FROM log_entry`,
      );
      const state = rows[0] as { events: number; n: number; distinct_events: number; size: number; pending: number };
      // Every event sequenced exactly once, at consecutive indices, and nothing left waiting.
      expect(state.events).toBeGreaterThanOrEqual(470);
      expect(state).toEqual({
        events: state.events,
        n: state.events,
        distinct_events: state.events,
        size: state.events,
        pending: 0,
      });
      expect((await checkpoint()).size).toBe(state.events);
    } finally {
      await second.close();
    }
  });
});

describe('log tables are append-only', () => {
  const asApp = async (sql: string) => {
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('SET ROLE writ_app');
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };

  it.each([
    ['UPDATE audit_event SET action = $$x$$'],
    ['DELETE FROM audit_event'],
    ['TRUNCATE audit_event CASCADE'],
    ['UPDATE log_entry SET event_id = event_id'],
    ['DELETE FROM log_tile'],
    ['DELETE FROM log_checkpoint'],
    // Only the log role's functions write the log and its queue (security issue 11, items 3 and 4).
    ['INSERT INTO log_pending VALUES (1)'],
    ['DELETE FROM log_pending'],
    ["INSERT INTO log_entry VALUES (1000000, 1, '\\x00')"],
    ["INSERT INTO log_tile VALUES (0, 1000000, 1, '\\x00')"],
    ["INSERT INTO log_checkpoint (tree_size, root_hash, note) VALUES (1000000, '\\x00', 'x')"],
  ])('the application role cannot run: %s', async (sql) => {
    await expect(asApp(sql)).rejects.toThrow(/permission denied/);
  });

  it.each([['UPDATE audit_event SET action = $$x$$'], ['DELETE FROM log_entry'], ['TRUNCATE log_checkpoint']])(
    'even the owner is stopped by the triggers, with replication role set: %s',
    async (sql) => {
      const client = new pg.Client({ connectionString: t.databaseUrl });
      await client.connect();
      try {
        await client.query('SET session_replication_role = replica');
        await expect(client.query(sql)).rejects.toThrow(/append-only/);
      } finally {
        await client.end();
      }
    },
  );

  it('the application role may still read the log and its queue', async () => {
    await expect(asApp('SELECT count(*) FROM log_pending')).resolves.toBeTruthy();
    await expect(asApp('SELECT count(*) FROM log_entry')).resolves.toBeTruthy();
  });
});

describe('key rotation', () => {
  it('signs with old and new key during the overlap; either alone verifies', async () => {
    const oldKey = generateSignerKey('writ.example/log');
    const newKey = generateSignerKey('writ.example/log');
    const rotating = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0', LOG_SIGNING_KEYS: `${oldKey},${newKey}` });
    try {
      await writeEvents(rotating, 3);
      await integrate(rotating);
      const note = await (await fetch(`${rotating.url}/log/checkpoint`)).text();
      expect(
        note
          .trim()
          .split('\n')
          .filter((line) => line.startsWith('— ')),
      ).toHaveLength(2);
      expect(openCheckpoint(note, [parseVerifierKey(verifierKeyFromSigner(oldKey))]).checkpoint.size).toBe(3);
      expect(openCheckpoint(note, [parseVerifierKey(verifierKeyFromSigner(newKey))]).checkpoint.size).toBe(3);
      const key = LogKeyResponse.parse(await (await fetch(`${rotating.url}/log/key`)).json());
      expect(key.keys).toEqual([verifierKeyFromSigner(oldKey), verifierKeyFromSigner(newKey)]);
    } finally {
      await rotating.close();
    }
  });
});
