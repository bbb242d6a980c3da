// The offence category's closed list (DSA statement categories) beside the free text: set at intake, corrected
// while editable, refused when not on the list, and the migration that moved free-text values onto it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ErrorBody, UpdateRequestRoute } from '@writ/contracts';
import { createStaff, type TestStaff } from '../support/auth';
import { callAs } from '../support/client';
import { startTestApp, type TestApp } from '../support/test-app';
import { callRaw, createAuthority, createRequest, validRequest } from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let authorityId: string;

beforeAll(async () => {
  t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  intake = await createStaff(t, ['INTAKE']);
  authorityId = await createAuthority(t);
});

afterAll(async () => {
  await t?.close();
});

it('is taken at intake and corrected while editable, with the free text beside it', async () => {
  const created = await createRequest(
    t,
    intake,
    validRequest(authorityId, { offenceCategory: 'Betrug (§ 263 StGB)', offenceCategoryCode: 'SCAMS_AND_FRAUD' }),
  );
  expect([created.offenceCategory, created.offenceCategoryCode]).toEqual(['Betrug (§ 263 StGB)', 'SCAMS_AND_FRAUD']);

  const patched = await callAs(
    t,
    UpdateRequestRoute,
    { params: { id: created.id }, body: { version: created.version, offenceCategoryCode: 'CYBER_VIOLENCE' } },
    intake,
  );
  expect(patched.status).toBe(200);
  expect(patched.body.offenceCategoryCode).toBe('CYBER_VIOLENCE');
  const { rows } = await t.db.query(
    `SELECT details->'changes'->'offenceCategoryCode' AS change FROM audit_event
     WHERE action = 'request.updated' AND subject_id = $1`,
    [created.id],
  );
  expect(rows[0]?.change).toEqual({ from: 'SCAMS_AND_FRAUD', to: 'CYBER_VIOLENCE' });

  const cleared = await callAs(
    t,
    UpdateRequestRoute,
    { params: { id: created.id }, body: { version: patched.body.version, offenceCategoryCode: null } },
    intake,
  );
  expect(cleared.body.offenceCategoryCode).toBeNull();
});

it('refuses a value that is not on the list, and writes nothing', async () => {
  const before = await t.db.query(`SELECT count(*)::int AS n FROM request`);
  // Not a code the contract knows: sent as written.
  const reply = await callRaw(t, 'POST', '/requests', {
    as: intake,
    body: validRequest(authorityId, { offenceCategoryCode: 'fraud' }),
  });
  expect(reply.status).toBe(400);
  const { error } = ErrorBody.parse(reply.body);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(JSON.stringify(error.details)).toContain('offenceCategoryCode');
  const after = await t.db.query(`SELECT count(*)::int AS n FROM request`);
  expect(after.rows[0].n).toBe(before.rows[0].n);
});

it('the migration put free-text categories on the list by their words, keeping the text', async () => {
  const migration = readFileSync(
    path.join(__dirname, '../../prisma/migrations/20261203162000_report_four_eyes/migration.sql'),
    'utf8',
  );
  const update = migration.slice(migration.indexOf('UPDATE request SET offence_category_code'));
  const cases: [string | null, string | null][] = [
    ['Computerbetrug', 'SCAMS_AND_FRAUD'],
    ['Phishing campaign', 'SCAMS_AND_FRAUD'],
    ['Child sexual abuse material', 'PROTECTION_OF_MINORS'],
    ['Terrorist financing', 'RISK_FOR_PUBLIC_SECURITY'],
    ['Stalking', 'CYBER_VIOLENCE'],
    ['Incitement to hatred', 'ILLEGAL_OR_HARMFUL_SPEECH'],
    ['Homicide', 'VIOLENCE'],
    ['Drug trafficking', 'UNSAFE_AND_PROHIBITED_PRODUCTS'],
    ['Copyright piracy', 'INTELLECTUAL_PROPERTY_INFRINGEMENTS'],
    ['Identity theft', 'DATA_PROTECTION_AND_PRIVACY_VIOLATIONS'],
    ['Tax evasion', 'NOT_SPECIFIED_ORDER'],
    ['   ', null],
    [null, null],
  ];
  const ids: string[] = [];
  for (const [text] of cases) {
    const created = await createRequest(t, intake, validRequest(authorityId));
    await t.db.query(`UPDATE request SET offence_category = $2, offence_category_code = NULL WHERE id = $1`, [
      created.id,
      text,
    ]);
    ids.push(created.id);
  }
  await t.db.query(update);
  const { rows } = await t.db.query(
    `SELECT id, offence_category, offence_category_code::text AS code FROM request WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  expect(ids.map((id) => [byId.get(id).offence_category, byId.get(id).code])).toEqual(cases);
});
