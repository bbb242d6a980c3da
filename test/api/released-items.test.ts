// The database's own line of defence (docs/POLICY.md, "Defence in depth", layer 4), tested with direct SQL as the
// database owner, i.e. without the API, the engine or the application role in the way: a released item holds
// only IP_ADDRESS or PHONE_NUMBER and points at a RELEASE decision, and decisions cannot be rewritten afterwards.
import { randomUUID } from 'node:crypto';
import { DataCategory, ReleasableCategory } from '@writ/contracts';
import type pg from 'pg';
import { createStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let requestId: string;
let targetId: string;
let disclosureId: string;
let releaseDecision: string;
let denyDecision: string;

async function decision(
  category: string,
  outcome: 'RELEASE' | 'DENY',
  staffId: string,
  target = targetId,
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO decision (id, request_id, target_id, category, outcome, reasons, policy_hash, decided_by_id)
     VALUES ($1, $2, $3, $4::"DataCategory", $5::"DecisionOutcome", $6, $7, $8)`,
    [
      id,
      requestId,
      target,
      category,
      outcome,
      JSON.stringify([{ code: outcome === 'RELEASE' ? 'ALL_CONDITIONS_MET' : 'TARGET_IS_VICTIM', message: 'test' }]),
      'f'.repeat(64),
      staffId,
    ],
  );
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  const staff = await createStaff(t, ['REVIEWER']);
  const authorityId = randomUUID();
  requestId = randomUUID();
  targetId = randomUUID();
  disclosureId = randomUUID();
  await t.db.query(
    `INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at) VALUES ($1, 'Amtsgericht SQL', 'COURT', 'DE', 'DE-BE', now())`,
    [authorityId],
  );
  await t.db.query(
    `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, search_text, created_by_id, updated_at)
     VALUES ($1, 'WR-TEST-1', 'RECORDS', 'COURT_ORDER', $2, 'DE', now(), 'DECIDED', 'wr-test-1', $3, now())`,
    [requestId, authorityId, staff.id],
  );
  await t.db.query(
    `INSERT INTO target (id, request_id, selector_type, value, role) VALUES ($1, $2, 'USERNAME', 'alice_1', 'SUSPECT')`,
    [targetId, requestId],
  );
  releaseDecision = await decision('PHONE_NUMBER', 'RELEASE', staff.id);
  denyDecision = await decision('IP_ADDRESS', 'DENY', staff.id);
  await t.db.query(
    `INSERT INTO disclosure (id, request_id, manifest, sha256, prepared_by_id) VALUES ($1, $2, '{}', $3, $4)`,
    [disclosureId, requestId, 'e'.repeat(64), staff.id],
  );
  // For the many-row INSERT; far from nextOrdinal's multiples of 1,000.
  await t.db.query(`CREATE SEQUENCE item_ordinal START 500001`);
});
afterAll(async () => {
  await t.close();
});

/** The PostgreSQL error an INSERT or UPDATE fails with: its SQLSTATE and the constraint named, if any. */
async function failure(sql: string, params: unknown[]): Promise<{ code: string; constraint?: string }> {
  try {
    await t.db.query(sql, params);
  } catch (error) {
    const { code, constraint } = error as pg.DatabaseError;
    return { code: code!, ...(constraint ? { constraint } : {}) };
  }
  throw new Error(`expected the statement to fail: ${sql}`);
}

/** Items of the test package are numbered from a sequence (a many-row INSERT below takes its ordinals from it too). */
let lastOrdinal = 0;
const nextOrdinal = () => (lastOrdinal += 1000);

const INSERT_ITEM = `INSERT INTO released_item (ordinal, disclosure_id, decision_id, decision_outcome, category, value)
                     VALUES ($1, $2, $3, $4::"DecisionOutcome", $5::"ReleasableCategory", $6)`;
const insertItem = (decisionId: string, category: string, outcome = 'RELEASE') =>
  t.db.query(INSERT_ITEM, [nextOrdinal(), disclosureId, decisionId, outcome, category, '+4915112345678']);

async function itemCount(): Promise<number> {
  const { rows } = await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM released_item`);
  return Number(rows[0]!.n);
}

describe('released_item, as the database owner', () => {
  it('accepts an item of a releasable category under a RELEASE decision', async () => {
    await insertItem(releaseDecision, 'PHONE_NUMBER');
    const { rows } = await t.db.query(`SELECT category, decision_outcome FROM released_item WHERE decision_id = $1`, [
      releaseDecision,
    ]);
    expect(rows).toEqual([{ category: 'PHONE_NUMBER', decision_outcome: 'RELEASE' }]);
  });

  it.each(DataCategory.options.filter((category) => !ReleasableCategory.safeParse(category).success))(
    'refuses %s: the column type has no such value',
    async (category) => {
      const before = await itemCount();
      // 22P02 invalid_text_representation: "invalid input value for enum ReleasableCategory".
      expect(
        await failure(INSERT_ITEM, [nextOrdinal(), disclosureId, releaseDecision, 'RELEASE', category, 'x']),
      ).toEqual({ code: '22P02' });
      expect(await itemCount()).toBe(before);
    },
  );

  it('refuses an item that points at a DENY decision, and one that says it does (CHECK)', async () => {
    const before = await itemCount();
    // Claiming RELEASE for a DENY decision.
    expect(
      await failure(INSERT_ITEM, [nextOrdinal(), disclosureId, denyDecision, 'RELEASE', 'IP_ADDRESS', '203.0.113.7']),
    ).toEqual({
      code: '23503',
      constraint: 'released_item_release_decision',
    });
    // Saying DENY to match the decision: the CHECK refuses it.
    expect(
      await failure(INSERT_ITEM, [nextOrdinal(), disclosureId, denyDecision, 'DENY', 'IP_ADDRESS', '203.0.113.7']),
    ).toEqual({
      code: '23514',
      constraint: 'released_item_decision_is_release',
    });
    // Re-pointing an existing item at a DENY decision of the same category: same check, on UPDATE.
    const staffId = (await t.db.query(`SELECT decided_by_id FROM decision LIMIT 1`)).rows[0].decided_by_id as string;
    const other = randomUUID();
    await t.db.query(
      `INSERT INTO target (id, request_id, selector_type, value, role) VALUES ($1, $2, 'USERNAME', 'dave_4', 'VICTIM')`,
      [other, requestId],
    );
    const denyPhone = await decision('PHONE_NUMBER', 'DENY', staffId, other);
    expect(
      await failure(`UPDATE released_item SET decision_id = $1 WHERE decision_id = $2`, [denyPhone, releaseDecision]),
    ).toEqual({
      code: '23503',
      constraint: 'released_item_release_decision',
    });
    expect(await itemCount()).toBe(before);
  });

  it('refuses an item whose decision or package does not exist, also as one row of many', async () => {
    const before = await itemCount();
    expect(
      await failure(INSERT_ITEM, [
        nextOrdinal(),
        disclosureId,
        randomUUID(),
        'RELEASE',
        'PHONE_NUMBER',
        '+4915112345678',
      ]),
    ).toEqual({ code: '23503', constraint: 'released_item_release_decision' });
    expect(
      await failure(INSERT_ITEM, [
        nextOrdinal(),
        randomUUID(),
        releaseDecision,
        'RELEASE',
        'PHONE_NUMBER',
        '+4915112345678',
      ]),
    ).toEqual({ code: '23503', constraint: 'released_item_disclosure_exists' });
    expect(
      await failure(
        `INSERT INTO released_item (ordinal, disclosure_id, decision_id, category, value)
         VALUES (nextval('item_ordinal'), $1, $2, 'PHONE_NUMBER', '+4915112345678'),
                (nextval('item_ordinal'), $1, $3, 'PHONE_NUMBER', '+4915112345678')`,
        [disclosureId, releaseDecision, randomUUID()],
      ),
    ).toEqual({ code: '23503', constraint: 'released_item_release_decision' });
    expect(await itemCount()).toBe(before);
  });

  it('refuses deleting or renumbering a package, so its items cannot lose it; two items cannot share a place', async () => {
    await insertItem(releaseDecision, 'PHONE_NUMBER');
    const before = await itemCount();
    expect(await failure(`DELETE FROM disclosure WHERE id = $1`, [disclosureId])).toEqual({
      code: '23001',
      constraint: 'disclosure_permanent',
    });
    expect(await failure(`UPDATE disclosure SET id = $1 WHERE id = $2`, [randomUUID(), disclosureId])).toEqual({
      code: '23001',
      constraint: 'disclosure_permanent',
    });
    expect(await failure(`TRUNCATE disclosure CASCADE`, [])).toEqual({
      code: '23001',
      constraint: 'disclosure_permanent',
    });
    const client = await t.db.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await expect(client.query(`DELETE FROM disclosure WHERE id = $1`, [disclosureId])).rejects.toMatchObject({
        code: '23001',
      });
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    expect(
      await failure(INSERT_ITEM, [
        lastOrdinal,
        disclosureId,
        releaseDecision,
        'RELEASE',
        'PHONE_NUMBER',
        '+4915112345678',
      ]),
    ).toEqual({ code: '23505', constraint: 'released_item_pkey' });
    expect(await itemCount()).toBe(before);
  });

  it("refuses an IP connection outside its decision's window, or without a time; both ends are inside", async () => {
    const staffId = (await t.db.query(`SELECT decided_by_id FROM decision LIMIT 1`)).rows[0].decided_by_id as string;
    const eve = randomUUID();
    await t.db.query(
      `INSERT INTO target (id, request_id, selector_type, value, role, window_start, window_end)
       VALUES ($1, $2, 'USERNAME', 'eve_5', 'SUSPECT', '2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      [eve, requestId],
    );
    const ipDecision = await decision('IP_ADDRESS', 'RELEASE', staffId, eve);
    const INSERT_IP = `INSERT INTO released_item (ordinal, disclosure_id, decision_id, category, value, observed_at)
                       VALUES ($1, $2, $3, 'IP_ADDRESS', '192.0.2.1', $4)`;
    const before = await itemCount();
    for (const at of ['2025-12-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']) {
      await t.db.query(INSERT_IP, [nextOrdinal(), disclosureId, ipDecision, at]);
    }
    expect(await itemCount()).toBe(before + 2);
    for (const at of ['2025-11-30T23:59:59.999Z', '2026-01-01T00:00:00.001Z', null]) {
      expect(await failure(INSERT_IP, [nextOrdinal(), disclosureId, ipDecision, at])).toEqual({
        code: '23514',
        constraint: 'released_item_inside_window',
      });
    }
    // One bad row in a many-row statement (how preparation inserts) refuses the whole statement.
    expect(
      await failure(
        `INSERT INTO released_item (ordinal, disclosure_id, decision_id, category, value, observed_at)
         VALUES (nextval('item_ordinal'), $1, $2, 'IP_ADDRESS', '192.0.2.2', '2025-12-10T00:00:00Z'),
                (nextval('item_ordinal'), $1, $2, 'IP_ADDRESS', '192.0.2.3', '2026-02-01T00:00:00Z')`,
        [disclosureId, ipDecision],
      ),
    ).toEqual({ code: '23514', constraint: 'released_item_inside_window' });
    // Moving a stored connection out of the window afterwards: refused too.
    expect(
      await failure(`UPDATE released_item SET observed_at = '2024-01-01T00:00:00Z' WHERE decision_id = $1`, [
        ipDecision,
      ]),
    ).toEqual({ code: '23514', constraint: 'released_item_inside_window' });
    expect(await itemCount()).toBe(before + 2);
  });

  it('refuses rewriting a decision: a DENY cannot become a RELEASE, a released decision cannot become a DENY', async () => {
    // decision_immutable (migration 20261126062300): without it, one UPDATE would turn a DENY into a row the
    // foreign key accepts.
    expect(await failure(`UPDATE decision SET outcome = 'RELEASE' WHERE id = $1`, [denyDecision])).toEqual({
      code: '42501',
    });
    expect(await failure(`UPDATE decision SET outcome = 'DENY' WHERE id = $1`, [releaseDecision])).toEqual({
      code: '42501',
    });
    expect(await failure(`UPDATE decision SET reasons = '[]' WHERE id = $1`, [denyDecision])).toEqual({
      code: '42501',
    });
    // Even with replication-role tricks that switch ordinary triggers off.
    const client = await t.db.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await expect(
        client.query(`UPDATE decision SET outcome = 'RELEASE' WHERE id = $1`, [denyDecision]),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
    const { rows } = await t.db.query(`SELECT id, outcome FROM decision WHERE id = ANY($1) ORDER BY outcome`, [
      [denyDecision, releaseDecision],
    ]);
    expect(rows).toEqual([
      { id: releaseDecision, outcome: 'RELEASE' },
      { id: denyDecision, outcome: 'DENY' },
    ]);
  });

  it('holds one decision per target and category', async () => {
    expect(
      await failure(
        `INSERT INTO decision (id, request_id, target_id, category, outcome, reasons, policy_hash, decided_by_id)
         SELECT $1, request_id, target_id, category, 'RELEASE', reasons, policy_hash, decided_by_id FROM decision WHERE id = $2`,
        [randomUUID(), denyDecision],
      ),
    ).toEqual({ code: '23505', constraint: 'decision_target_id_category_key' });
  });

  it('keeps refusing other categories with its CHECK even if someone widens the enum type', async () => {
    // Outside a transaction, as ALTER TYPE … ADD VALUE requires; this suite's database is its own copy. The
    // consistency trigger would refuse the item first (its decision is PHONE_NUMBER): switch it off to see the CHECK.
    await t.db.query(`ALTER TYPE "ReleasableCategory" ADD VALUE IF NOT EXISTS 'MESSAGE_CONTENT'`);
    await t.db.query(`ALTER TABLE released_item DISABLE TRIGGER released_item_consistent`);
    const before = await itemCount();
    expect(
      await failure(INSERT_ITEM, [nextOrdinal(), disclosureId, releaseDecision, 'RELEASE', 'MESSAGE_CONTENT', 'hello']),
    ).toEqual({
      code: '23514',
      constraint: 'released_item_category_releasable',
    });
    expect(await itemCount()).toBe(before);
    await t.db.query(`ALTER TABLE released_item ENABLE ALWAYS TRIGGER released_item_consistent`);
  });

  it('refuses a RELEASE decision for a category that is never releasable', async () => {
    const staffId = (await t.db.query(`SELECT decided_by_id FROM decision LIMIT 1`)).rows[0].decided_by_id as string;
    const victim = randomUUID();
    await t.db.query(
      `INSERT INTO target (id, request_id, selector_type, value, role) VALUES ($1, $2, 'USERNAME', 'bob_2', 'SUSPECT')`,
      [victim, requestId],
    );
    await expect(decision('MESSAGE_CONTENT', 'RELEASE', staffId, victim)).rejects.toMatchObject({
      code: '23514',
      constraint: 'decision_release_only_releasable',
    });
    await expect(decision('MESSAGE_CONTENT', 'DENY', staffId, victim)).resolves.toMatch(/-/);
  });

  it('refuses deleting a decision, so a DENY cannot be deleted and re-inserted as RELEASE', async () => {
    expect(await failure(`DELETE FROM decision WHERE id = $1`, [denyDecision])).toEqual({ code: '42501' });
    const client = await t.db.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await expect(client.query(`DELETE FROM decision WHERE id = $1`, [denyDecision])).rejects.toMatchObject({
        code: '42501',
      });
    } finally {
      await client.query(`RESET session_replication_role`);
      client.release();
    }
  });

  it.each([
    ['PHONE_NUMBER', 'hi bob, the drop is at 9pm'],
    ['PHONE_NUMBER', '015112345678'],
    ['IP_ADDRESS', 'see attached chat log'],
  ])('refuses a %s item whose value is not one: %s', async (category, value) => {
    const decisionId = category === 'PHONE_NUMBER' ? releaseDecision : await ipReleaseDecision();
    const before = await itemCount();
    expect(await failure(INSERT_ITEM, [nextOrdinal(), disclosureId, decisionId, 'RELEASE', category, value])).toEqual({
      code: '23514',
      constraint: 'released_item_value_shape',
    });
    expect(await itemCount()).toBe(before);
  });

  it('refuses an item whose category differs from its decision, or whose decision is of another request', async () => {
    const before = await itemCount();
    expect(
      await failure(INSERT_ITEM, [
        nextOrdinal(),
        disclosureId,
        releaseDecision,
        'RELEASE',
        'IP_ADDRESS',
        '203.0.113.9',
      ]),
    ).toEqual({ code: '23514', constraint: 'released_item_matches_decision' });

    const otherRequest = randomUUID();
    const otherDisclosure = randomUUID();
    await t.db.query(
      `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, search_text, created_by_id, updated_at)
       SELECT $1, 'WR-TEST-2', type, legal_process, authority_id, country, received_at, status, 'wr-test-2', created_by_id, now()
         FROM request WHERE id = $2`,
      [otherRequest, requestId],
    );
    await t.db.query(
      `INSERT INTO disclosure (id, request_id, manifest, sha256, prepared_by_id)
       SELECT $1, $2, '{}', sha256, prepared_by_id FROM disclosure WHERE id = $3`,
      [otherDisclosure, otherRequest, disclosureId],
    );
    expect(
      await failure(INSERT_ITEM, [
        nextOrdinal(),
        otherDisclosure,
        releaseDecision,
        'RELEASE',
        'PHONE_NUMBER',
        '+4915112345678',
      ]),
    ).toEqual({ code: '23514', constraint: 'released_item_same_request' });
    expect(await itemCount()).toBe(before);
  });
});

let ipDecision: string | undefined;
async function ipReleaseDecision(): Promise<string> {
  if (ipDecision) return ipDecision;
  const staffId = (await t.db.query(`SELECT decided_by_id FROM decision LIMIT 1`)).rows[0].decided_by_id as string;
  const target = randomUUID();
  await t.db.query(
    `INSERT INTO target (id, request_id, selector_type, value, role) VALUES ($1, $2, 'USERNAME', 'carol_3', 'SUSPECT')`,
    [target, requestId],
  );
  ipDecision = await decision('IP_ADDRESS', 'RELEASE', staffId, target);
  return ipDecision;
}
