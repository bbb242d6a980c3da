import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AuthorityDetail,
  AuthorityKey,
  AuthorityPage,
  type ContactChannel,
  ErrorBody,
  RegistryChange,
  type StaffRole,
} from '@writ/contracts';
import fc from 'fast-check';
import { AuthoritiesService } from '../../apps/api/src/authorities/authorities.service';
import { createStaff, type TestStaff } from '../support/auth';
import { approvePendingRegistryChanges } from '../support/registry';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: TestStaff;
let intake: TestStaff;
beforeAll(async () => {
  t = await startTestApp();
  admin = await createStaff(t, ['ADMIN']);
  intake = await createStaff(t, ['INTAKE']);
});
afterAll(async () => {
  await t.close();
});

async function callRaw(method: string, url: string, who: TestStaff | null, body?: unknown) {
  const response = await fetch(`${t.url}${url}`, {
    method,
    headers: who ? who.headers : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const errorCode = (body: unknown) => ErrorBody.parse(body).error.code;
let sequence = 0;
const unique = (prefix: string) => `${prefix} ${++sequence} ${randomUUID().slice(0, 6)}`;

/** Registered and, by a second admin, activated (four eyes; test/api/registry-changes.test.ts). */
async function createAuthority(overrides: Record<string, unknown> = {}) {
  const response = await callRaw('POST', '/authorities', admin, {
    name: unique('Amtsgericht'),
    kind: 'COURT',
    country: 'DE',
    jurisdiction: 'Berlin',
    ...overrides,
  });
  expect(response.status).toBe(201);
  const created = AuthorityDetail.parse(response.body);
  const [activation] = await approvePendingRegistryChanges(t, created.id);
  return activation!.authority;
}

/** Proposes (202) and has a second admin approve; answers the approval's result. */
async function proposed(response: { status: number; body: unknown }, authorityId: string) {
  expect({ status: response.status, body: response.body }).toMatchObject({ status: 202 });
  const change = RegistryChange.parse(response.body);
  const approvals = await approvePendingRegistryChanges(t, authorityId);
  const approval = approvals.find((a) => a.change.id === change.id)!;
  return { change: approval.change, authority: approval.authority };
}

async function addChannel(authorityId: string, body: Record<string, unknown>): Promise<ContactChannel> {
  const { change, authority } = await proposed(
    await callRaw('POST', `/authorities/${authorityId}/channels`, admin, body),
    authorityId,
  );
  return authority.channels.find((c) => c.id === change.channelId)!;
}

async function addKey(authorityId: string, body: Record<string, unknown>): Promise<AuthorityKey> {
  const { change, authority } = await proposed(
    await callRaw('POST', `/authorities/${authorityId}/keys`, admin, body),
    authorityId,
  );
  return authority.keys.find((k) => k.id === change.keyId)!;
}

async function counts() {
  const { rows } = await t.db.query<{ authorities: string; events: string; channels: string; keys: string }>(
    `SELECT (SELECT count(*) FROM authority) AS authorities, (SELECT count(*) FROM audit_event) AS events,
            (SELECT count(*) FROM authority_contact_channel) AS channels, (SELECT count(*) FROM authority_key) AS keys`,
  );
  return rows[0]!;
}

async function events(subjectId: string) {
  const { rows } = await t.db.query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
    `SELECT action, actor_id, details FROM audit_event WHERE subject_type = 'authority' AND subject_id = $1 ORDER BY id`,
    [subjectId],
  );
  return rows;
}

async function insertRequest(authorityId: string, creator: TestStaff, status = 'RECEIVED'): Promise<string> {
  const id = randomUUID();
  const reference = `WR-TEST-${id.slice(0, 8)}`;
  await t.db.query(
    `INSERT INTO request (id, reference, type, legal_process, authority_id, country, received_at, status, search_text, created_by_id, updated_at)
     VALUES ($1, $2, 'RECORDS', 'COURT_ORDER', $3, 'DE', now(), $4::"RequestStatus", lower($2), $5, now())`,
    [id, reference, authorityId, status, creator.id],
  );
  return id;
}

describe('POST /authorities', () => {
  it('registers an authority SUSPENDED, answers 201 with it, records authority.created and proposes its activation', async () => {
    const name = unique('Landgericht München I');
    const response = await callRaw('POST', '/authorities', admin, {
      name,
      kind: 'COURT',
      country: 'DE',
      jurisdiction: 'Bavaria',
    });
    expect(response.status).toBe(201);
    const body = AuthorityDetail.parse(response.body);
    expect(body).toMatchObject({
      name,
      kind: 'COURT',
      country: 'DE',
      jurisdiction: 'Bavaria',
      status: 'SUSPENDED',
      version: 1,
    });
    expect(body.channels).toEqual([]);
    expect(body.keys).toEqual([]);
    const recorded = await events(body.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ action: 'authority.created', actor_id: admin.id });
    expect(recorded[0]!.details).toMatchObject({ name, kind: 'COURT', country: 'DE', status: 'SUSPENDED' });
    const { rows } = await t.db.query(`SELECT kind, status, proposed_by FROM registry_change WHERE authority_id = $1`, [
      body.id,
    ]);
    expect(rows).toEqual([{ kind: 'ACTIVATE_AUTHORITY', status: 'PENDING', proposed_by: admin.id }]);
  });

  it('collapses runs of white space in the name', async () => {
    const body = await createAuthority({ name: '  Tribunal   judiciaire  de Paris ', country: 'FR' });
    expect(body.name).toBe('Tribunal judiciaire de Paris');
  });

  it.each([
    ['XX', 'UNKNOWN_COUNTRY'],
    ['UK', 'UNKNOWN_COUNTRY'],
    ['EU', 'UNKNOWN_COUNTRY'],
    ['de', 'VALIDATION_FAILED'],
    ['DEU', 'VALIDATION_FAILED'],
    ['', 'VALIDATION_FAILED'],
  ])('refuses country %j with 400 %s and writes nothing', async (country, code) => {
    const before = await counts();
    const response = await callRaw('POST', '/authorities', admin, {
      name: unique('Court'),
      kind: 'COURT',
      country,
      jurisdiction: 'x',
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('tells a person that the United Kingdom is GB', async () => {
    const response = await callRaw('POST', '/authorities', admin, {
      name: unique('Court'),
      kind: 'COURT',
      country: 'UK',
      jurisdiction: 'x',
    });
    expect(ErrorBody.parse(response.body).error.message).toContain('"GB"');
  });

  it.each([
    ['an unknown field', { extra: true }],
    ['an unknown kind', { kind: 'ARMY' }],
    ['a one-letter name', { name: 'A' }],
    ['a name with a NUL', { name: 'Court\u0000of Appeal' }],
    ['a name with a right-to-left override', { name: 'Court \u202Eof Appeal' }],
    ['an empty jurisdiction', { jurisdiction: '   ' }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_name, change) => {
    const before = await counts();
    const response = await callRaw('POST', '/authorities', admin, {
      name: unique('Court'),
      kind: 'COURT',
      country: 'DE',
      jurisdiction: 'x',
      ...change,
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it('refuses the same name in the same country, in any case, with 409 ALREADY_EXISTS', async () => {
    const first = await createAuthority({ name: unique('Tribunal de commerce'), country: 'FR' });
    const before = await counts();
    for (const name of [first.name, first.name.toUpperCase()]) {
      const response = await callRaw('POST', '/authorities', admin, {
        name,
        kind: 'COURT',
        country: 'FR',
        jurisdiction: 'x',
      });
      expect(response.status).toBe(409);
      expect(errorCode(response.body)).toBe('ALREADY_EXISTS');
    }
    expect(await counts()).toEqual(before);
    await createAuthority({ name: first.name, country: 'BE' });
  });

  it('keeps one of two concurrent identical registrations', async () => {
    const name = unique('Rechtbank Amsterdam');
    const payload = { name, kind: 'COURT', country: 'NL', jurisdiction: 'Amsterdam' };
    const results = await Promise.all([1, 2, 3].map(() => callRaw('POST', '/authorities', admin, payload)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const { rows } = await t.db.query(`SELECT id FROM authority WHERE name = $1`, [name]);
    expect(rows).toHaveLength(1);
  });

  it.each<StaffRole[]>([['INTAKE'], ['REVIEWER'], ['APPROVER'], ['AUDITOR']])(
    'is refused to %s with 403, writing nothing',
    async (role) => {
      const person = await createStaff(t, [role]);
      const before = await counts();
      const response = await callRaw('POST', '/authorities', person, {
        name: unique('Court'),
        kind: 'COURT',
        country: 'DE',
        jurisdiction: 'x',
      });
      expect(response.status).toBe(403);
      expect(await counts()).toEqual(before);
    },
  );

  it('never answers 5xx and never writes half an authority, whatever the payload (property)', async () => {
    const plausible = fc.stringMatching(/^[A-Z][a-z]{1,12}( [A-Z]?[a-z]{1,12}){0,3}$/);
    const text = fc.oneof(
      { weight: 4, arbitrary: plausible },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 2, maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constant('x'.repeat(300)) },
    );
    const payload = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record(
          {
            name: text,
            kind: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('COURT', 'PROSECUTOR', 'POLICE', 'ADMINISTRATIVE', 'OTHER') },
              { weight: 1, arbitrary: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
            ),
            country: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('DE', 'FR', 'US', 'NL', 'BR') },
              { weight: 2, arbitrary: fc.constantFrom('XX', 'UK', 'de', 'DEU', '', 'ZZ') },
              { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null)) },
            ),
            jurisdiction: text,
            // Usually absent; when present, the strict contract must refuse it.
            extra: fc.option(fc.jsonValue(), { freq: 5, nil: undefined }),
          },
          { requiredKeys: ['name', 'kind', 'country', 'jurisdiction'] },
        ),
      },
      { weight: 1, arbitrary: fc.record({ name: text, kind: fc.string() }, { requiredKeys: [] }) },
      { weight: 1, arbitrary: fc.jsonValue() },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        const before = await counts();
        const response = await callRaw('POST', '/authorities', admin, body);
        const after = await counts();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        if (response.status === 201) {
          expect(Number(after.authorities)).toBe(Number(before.authorities) + 1);
          // authority.created and registry_change.proposed (its activation).
          expect(Number(after.events)).toBe(Number(before.events) + 2);
          AuthorityDetail.parse(response.body);
        } else {
          expect(response.status).toBeGreaterThanOrEqual(400);
          ErrorBody.parse(response.body);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    // The property is only worth something if both sides were exercised.
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
    // Each registration now also proposes its activation: more statements per run than the default 30 s allows on
    // a loaded machine.
  }, 120_000);
});

describe('GET /authorities', () => {
  let court: AuthorityDetail;
  let police: AuthorityDetail;
  const tag = randomUUID().slice(0, 8);
  beforeAll(async () => {
    court = await createAuthority({ name: `Listing ${tag} Court A`, country: 'AT' });
    police = await createAuthority({ name: `Listing ${tag} Police B`, kind: 'POLICE', country: 'AT' });
    await createAuthority({ name: `Listing ${tag} Court C`, country: 'CH' });
    await createAuthority({ name: `Listing ${tag} Court D`, country: 'AT' });
    await callRaw('POST', `/authorities/${police.id}/suspend`, admin, { reason: 'test' });
  });

  it('is open to intake staff (they pick the authority) and filters by kind, country, status and name', async () => {
    const byName = await callRaw('GET', `/authorities?q=${encodeURIComponent(`listing ${tag}`)}`, intake);
    expect(byName.status).toBe(200);
    expect(AuthorityPage.parse(byName.body).items.map((a) => a.name)).toEqual([
      `Listing ${tag} Court A`,
      `Listing ${tag} Court C`,
      `Listing ${tag} Court D`,
      `Listing ${tag} Police B`,
    ]);
    const filtered = await callRaw('GET', `/authorities?q=${tag}&kind=COURT&country=AT`, intake);
    expect(AuthorityPage.parse(filtered.body).items.map((a) => a.name)).toEqual([
      `Listing ${tag} Court A`,
      `Listing ${tag} Court D`,
    ]);
    const suspended = await callRaw('GET', `/authorities?q=${tag}&status=SUSPENDED`, intake);
    expect(AuthorityPage.parse(suspended.body).items.map((a) => a.id)).toEqual([police.id]);
  });

  it('pages with a cursor, each authority exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `q=${tag}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = AuthorityPage.parse((await callRaw('GET', `/authorities?${query}`, intake)).body);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(seen[0]).toBe(court.id);
  });

  it('treats % and _ in the search as text, not wildcards', async () => {
    const page = AuthorityPage.parse(
      (await callRaw('GET', `/authorities?q=${encodeURIComponent(`${tag}%Court`)}`, intake)).body,
    );
    expect(page.items).toEqual([]);
    const literal = await createAuthority({ name: `Sonder_${tag} 100% Gericht` });
    const found = AuthorityPage.parse(
      (await callRaw('GET', `/authorities?q=${encodeURIComponent(`_${tag} 100%`)}`, intake)).body,
    );
    expect(found.items.map((a) => a.id)).toEqual([literal.id]);
  });

  it('refuses a forged cursor and an unassigned country filter with 400', async () => {
    const forged = await callRaw('GET', '/authorities?cursor=bm90LWEtY3Vyc29y', intake);
    expect(forged.status).toBe(400);
    expect(errorCode(forged.body)).toBe('VALIDATION_FAILED');
    const country = await callRaw('GET', '/authorities?country=XX', intake);
    expect(country.status).toBe(400);
    expect(errorCode(country.body)).toBe('UNKNOWN_COUNTRY');
  });
});

describe('GET /authorities/{id}', () => {
  it('answers the authority with its channels and keys, and 404 for an unknown id', async () => {
    const authority = await createAuthority();
    await addChannel(authority.id, { kind: 'EMAIL', value: 'registry@court.example' });
    const response = await callRaw('GET', `/authorities/${authority.id}`, intake);
    expect(response.status).toBe(200);
    const body = AuthorityDetail.parse(response.body);
    expect(body.channels.map((c) => c.value)).toEqual(['registry@court.example']);
    const missing = await callRaw('GET', `/authorities/${randomUUID()}`, intake);
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toBe('NOT_FOUND');
  });
});

describe('PATCH /authorities/{id}', () => {
  it('changes what it names, bumps the version and records the change', async () => {
    const authority = await createAuthority();
    const response = await callRaw('PATCH', `/authorities/${authority.id}`, admin, {
      version: 2,
      jurisdiction: 'Brandenburg',
      kind: 'COURT',
    });
    expect(response.status).toBe(200);
    const body = AuthorityDetail.parse(response.body);
    expect(body).toMatchObject({ jurisdiction: 'Brandenburg', version: 3 });
    const recorded = await events(authority.id);
    expect(recorded.map((e) => e.action)).toEqual(['authority.created', 'authority.activated', 'authority.updated']);
    expect(recorded[2]!.details).toMatchObject({
      changes: { jurisdiction: { from: 'Berlin', to: 'Brandenburg' } },
      version: 3,
    });
  });

  it('refuses a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const authority = await createAuthority();
    expect(
      (await callRaw('PATCH', `/authorities/${authority.id}`, admin, { version: 2, jurisdiction: 'First' })).status,
    ).toBe(200);
    const stale = await callRaw('PATCH', `/authorities/${authority.id}`, admin, { version: 2, jurisdiction: 'Second' });
    expect(stale.status).toBe(409);
    expect(ErrorBody.parse(stale.body).error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: 3 },
    });
    const now = AuthorityDetail.parse((await callRaw('GET', `/authorities/${authority.id}`, admin)).body);
    expect(now).toMatchObject({ jurisdiction: 'First', version: 3 });
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const authority = await createAuthority();
    const results = await Promise.all(
      ['A', 'B'].map((j) => callRaw('PATCH', `/authorities/${authority.id}`, admin, { version: 2, jurisdiction: j })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('refuses a rename onto another authority, an unassigned country and an empty change', async () => {
    const taken = await createAuthority();
    const authority = await createAuthority();
    const rename = await callRaw('PATCH', `/authorities/${authority.id}`, admin, {
      version: 2,
      name: taken.name.toLowerCase(),
    });
    expect(rename.status).toBe(409);
    expect(errorCode(rename.body)).toBe('ALREADY_EXISTS');
    const country = await callRaw('PATCH', `/authorities/${authority.id}`, admin, { version: 2, country: 'XX' });
    expect(errorCode(country.body)).toBe('UNKNOWN_COUNTRY');
    const empty = await callRaw('PATCH', `/authorities/${authority.id}`, admin, { version: 2 });
    expect(empty.status).toBe(400);
    expect((await events(authority.id)).map((e) => e.action)).toEqual(['authority.created', 'authority.activated']);
  });
});

describe('suspend and activate', () => {
  it('suspends at once and reactivates on approval, each recorded, and refuses to repeat a transition', async () => {
    const authority = await createAuthority();
    const suspended = await callRaw('POST', `/authorities/${authority.id}/suspend`, admin, {
      reason: 'signing key reported lost',
    });
    expect(suspended.status).toBe(200);
    expect(AuthorityDetail.parse(suspended.body)).toMatchObject({ status: 'SUSPENDED', version: 3 });
    const again = await callRaw('POST', `/authorities/${authority.id}/suspend`, admin, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('ILLEGAL_TRANSITION');
    const { authority: active } = await proposed(
      await callRaw('POST', `/authorities/${authority.id}/activate`, admin, {}),
      authority.id,
    );
    expect(active).toMatchObject({ status: 'ACTIVE', version: 4 });
    const twice = await callRaw('POST', `/authorities/${authority.id}/activate`, admin, {});
    expect(twice.status).toBe(409);
    expect(errorCode(twice.body)).toBe('ILLEGAL_TRANSITION');
    const recorded = await events(authority.id);
    expect(recorded.map((e) => e.action)).toEqual([
      'authority.created',
      'authority.activated',
      'authority.suspended',
      'authority.activated',
    ]);
    // The free-text reason is personal data as far as the public log is concerned: auditors only.
    expect(recorded[2]!.details).toMatchObject({
      from: 'ACTIVE',
      to: 'SUSPENDED',
      personal: { reason: { value: 'signing key reported lost' } },
    });
  });

  it('needs a reason to suspend', async () => {
    const authority = await createAuthority();
    const response = await callRaw('POST', `/authorities/${authority.id}/suspend`, admin, {});
    expect(response.status).toBe(400);
  });
});

describe('DELETE /authorities/{id}', () => {
  it('deletes an authority no request refers to, with its channels and keys', async () => {
    const authority = await createAuthority();
    await addChannel(authority.id, { kind: 'PHONE', value: '+493012345678' });
    const response = await callRaw('DELETE', `/authorities/${authority.id}`, admin);
    expect(response.status).toBe(204);
    expect((await callRaw('GET', `/authorities/${authority.id}`, admin)).status).toBe(404);
    expect((await events(authority.id)).map((e) => e.action)).toContain('authority.deleted');
  });

  it('refuses with 409 CONFLICT when requests refer to it (suspend it instead)', async () => {
    const authority = await createAuthority();
    await insertRequest(authority.id, intake);
    const response = await callRaw('DELETE', `/authorities/${authority.id}`, admin);
    expect(response.status).toBe(409);
    expect(ErrorBody.parse(response.body).error.message).toContain('suspend');
    expect((await callRaw('GET', `/authorities/${authority.id}`, admin)).status).toBe(200);
  });
});

describe('contact channels', () => {
  it.each([
    ['EMAIL', 'registry@court.example', 'registry@court.example'],
    ['PHONE', '+33140000000', '+33140000000'],
    ['PORTAL', 'https://e-justice.court.example/inbox', 'https://e-justice.court.example/inbox'],
    ['POST', 'Court registry\r\nMain street 1\r\n10115 Berlin', 'Court registry\nMain street 1\n10115 Berlin'],
  ])('adds a verified %s channel once a second admin approves it', async (kind, value, stored) => {
    const authority = await createAuthority();
    const verifiedAt = '2026-01-15T10:00:00+01:00';
    const channel = await addChannel(authority.id, { kind, value, verifiedAt, label: 'Registry' });
    expect(channel).toMatchObject({ kind, value: stored, label: 'Registry', verifiedAt: '2026-01-15T09:00:00.000Z' });
    const recorded = await events(authority.id);
    // Applied by the approving admin, naming the proposer.
    expect(recorded.at(-1)).toMatchObject({ action: 'authority.channel.added' });
    expect(recorded.at(-1)!.actor_id).not.toBe(admin.id);
    expect(recorded.at(-1)!.details).toMatchObject({ channelId: channel.id, kind, proposedBy: admin.id });
  });

  it.each([
    ['EMAIL', 'not-an-address'],
    ['PHONE', '030 1234567'],
    ['PHONE', '+0301234567'],
    ['PORTAL', 'http://court.example/'],
    ['PORTAL', 'https://clerk:secret@court.example/'],
    ['PORTAL', 'javascript:alert(1)'],
    ['POST', 'x'],
    ['FAX', '+493012345678'],
  ])('refuses a %s channel %j with 400', async (kind, value) => {
    const authority = await createAuthority();
    const before = await counts();
    const response = await callRaw('POST', `/authorities/${authority.id}/channels`, admin, { kind, value });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it('defaults verifiedAt to now, refuses a future one, and refuses a duplicate', async () => {
    const authority = await createAuthority();
    const added = await addChannel(authority.id, { kind: 'EMAIL', value: 'a@court.example' });
    expect(Math.abs(Date.parse(added.verifiedAt) - Date.now())).toBeLessThan(60_000);
    const future = await callRaw('POST', `/authorities/${authority.id}/channels`, admin, {
      kind: 'EMAIL',
      value: 'b@court.example',
      verifiedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.status).toBe(400);
    const duplicate = await callRaw('POST', `/authorities/${authority.id}/channels`, admin, {
      kind: 'EMAIL',
      value: 'A@Court.example',
    });
    expect(duplicate.status).toBe(409);
    expect(errorCode(duplicate.body)).toBe('ALREADY_EXISTS');
  });

  it('removes an unused channel, and keeps one a verification used as evidence', async () => {
    const authority = await createAuthority();
    const unused = await addChannel(authority.id, { kind: 'PHONE', value: '+493011111111' });
    const used = await addChannel(authority.id, { kind: 'PHONE', value: '+493022222222' });
    const requestId = await insertRequest(authority.id, intake);
    await t.db.query(
      `INSERT INTO verification (id, request_id, method, result, contact_channel_id, recorded_by_id) VALUES ($1, $2, 'OUT_OF_BAND', 'CONFIRMED', $3, $4)`,
      [randomUUID(), requestId, used.id, intake.id],
    );
    expect((await callRaw('DELETE', `/authorities/${authority.id}/channels/${unused.id}`, admin)).status).toBe(204);
    const refused = await callRaw('DELETE', `/authorities/${authority.id}/channels/${used.id}`, admin);
    expect(refused.status).toBe(409);
    expect(errorCode(refused.body)).toBe('CONFLICT');
    const detail = AuthorityDetail.parse((await callRaw('GET', `/authorities/${authority.id}`, admin)).body);
    expect(detail.channels.map((c) => c.id)).toEqual([used.id]);
    expect((await events(authority.id)).map((e) => e.action)).toContain('authority.channel.removed');
    // A channel of another authority is not found through this one.
    const other = await createAuthority();
    expect((await callRaw('DELETE', `/authorities/${other.id}/channels/${used.id}`, admin)).status).toBe(404);
  });
});

describe('signing keys and certificates', () => {
  let certificatePem: string;
  let certificateDer: Buffer;
  let privateKeyPem: string;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-authority-cert-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'court.key',
        '-out',
        'court.pem',
        '-subj',
        '/C=DE/O=Amtsgericht Test/CN=Court signing',
        '-days',
        '30',
      ],
      { cwd: dir, stdio: 'pipe' },
    );
    certificatePem = readFileSync(path.join(dir, 'court.pem'), 'utf8');
    privateKeyPem = readFileSync(path.join(dir, 'court.key'), 'utf8');
    certificateDer = Buffer.from(certificatePem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');
  });

  it('registers an Ed25519 key with its fingerprint and window, and revokes it once', async () => {
    const authority = await createAuthority();
    const raw = rawEd25519Key();
    const key = await addKey(authority.id, {
      kind: 'ED25519',
      publicKey: raw.toString('base64'),
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2028-01-01T00:00:00Z',
    });
    expect(key).toMatchObject({
      kind: 'ED25519',
      material: raw.toString('base64'),
      fingerprint: createHash('sha256').update(raw).digest('hex'),
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2028-01-01T00:00:00.000Z',
      revokedAt: null,
      certificate: null,
    });
    const revoked = await callRaw('POST', `/authorities/${authority.id}/keys/${key.id}/revoke`, admin, {
      reason: 'rotated',
    });
    expect(revoked.status).toBe(200);
    expect(AuthorityKey.parse(revoked.body).revokedAt).not.toBeNull();
    const again = await callRaw('POST', `/authorities/${authority.id}/keys/${key.id}/revoke`, admin, {
      reason: 'again',
    });
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('ILLEGAL_TRANSITION');
    expect((await events(authority.id)).map((e) => e.action)).toEqual([
      'authority.created',
      'authority.activated',
      'authority.key.added',
      'authority.key.revoked',
    ]);
  });

  it('registers an X.509 certificate with the window and fingerprint taken from the certificate', async () => {
    const authority = await createAuthority();
    const key = await addKey(authority.id, { kind: 'X509', certificate: certificatePem });
    expect(key.fingerprint).toBe(createHash('sha256').update(certificateDer).digest('hex'));
    expect(key.certificate?.subject).toContain('CN=Court signing');
    const days = (Date.parse(key.validTo) - Date.parse(key.validFrom)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    expect(Math.abs(Date.parse(key.validFrom) - Date.now())).toBeLessThan(10 * 60_000);
    const duplicate = await callRaw('POST', `/authorities/${authority.id}/keys`, admin, {
      kind: 'X509',
      certificate: certificatePem,
    });
    expect(duplicate.status).toBe(409);
    expect(errorCode(duplicate.body)).toBe('ALREADY_EXISTS');
  });

  it.each([
    ['garbage', () => 'not a certificate', /PEM certificate/],
    ['a truncated body', () => certificatePem.replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END'), /certificate/],
    [
      'bytes that are not a certificate',
      () => `-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n`,
      /certificate/,
    ],
    ['a private key', () => privateKeyPem, /private key/],
    ['two certificates', () => certificatePem + certificatePem, /one certificate/],
  ])('refuses %s as a certificate with 400 and a clear message', async (_name, make, message) => {
    const authority = await createAuthority();
    const before = await counts();
    const response = await callRaw('POST', `/authorities/${authority.id}/keys`, admin, {
      kind: 'X509',
      certificate: make(),
    });
    expect(response.status).toBe(400);
    const error = ErrorBody.parse(response.body).error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['not base64', 'this is not a key'],
    ['31 bytes', Buffer.alloc(31, 7).toString('base64')],
    ['the all-zero key', Buffer.alloc(32).toString('base64')],
  ])('refuses an Ed25519 key that is %s', async (_name, publicKey) => {
    const authority = await createAuthority();
    const response = await callRaw('POST', `/authorities/${authority.id}/keys`, admin, {
      kind: 'ED25519',
      publicKey,
      validFrom: '2026-01-01T00:00:00Z',
      validTo: '2027-01-01T00:00:00Z',
    });
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('VALIDATION_FAILED');
  });

  it('refuses an Ed25519 window that ends before it starts, and a window on a certificate', async () => {
    const authority = await createAuthority();
    const backwards = await callRaw('POST', `/authorities/${authority.id}/keys`, admin, {
      kind: 'ED25519',
      publicKey: rawEd25519Key().toString('base64'),
      validFrom: '2027-01-01T00:00:00Z',
      validTo: '2026-01-01T00:00:00Z',
    });
    expect(backwards.status).toBe(400);
    const windowed = await callRaw('POST', `/authorities/${authority.id}/keys`, admin, {
      kind: 'X509',
      certificate: certificatePem,
      validFrom: '2026-01-01T00:00:00Z',
    });
    expect(windowed.status).toBe(400);
  });
});

describe('AuthoritiesService.registryFor', () => {
  it('gives verification the authority, its unrevoked keys (raw bytes included) and its channels', async () => {
    const authority = await createAuthority();
    const keys = [rawEd25519Key(), rawEd25519Key()];
    const added: AuthorityKey[] = [];
    for (const [i, raw] of keys.entries()) {
      added.push(
        await addKey(authority.id, {
          kind: 'ED25519',
          publicKey: raw.toString('base64url'),
          validFrom: i === 0 ? '2020-01-01T00:00:00Z' : '2030-01-01T00:00:00Z',
          validTo: i === 0 ? '2099-01-01T00:00:00Z' : '2031-01-01T00:00:00Z',
        }),
      );
    }
    const revokedRaw = rawEd25519Key();
    const revoked = await addKey(authority.id, {
      kind: 'ED25519',
      publicKey: revokedRaw.toString('base64'),
      validFrom: '2020-01-01T00:00:00Z',
      validTo: '2099-01-01T00:00:00Z',
    });
    await callRaw('POST', `/authorities/${authority.id}/keys/${revoked.id}/revoke`, admin, { reason: 'lost' });
    await addChannel(authority.id, { kind: 'EMAIL', value: 'registry@court.example' });

    const registry = t.app.get(AuthoritiesService);
    const entry = await registry.registryFor(authority.id);
    expect(entry).toMatchObject({
      id: authority.id,
      name: authority.name,
      kind: 'COURT',
      country: 'DE',
      status: 'ACTIVE',
    });
    expect(entry.keys.map((k) => k.id).sort()).toEqual(added.map((k) => k.id).sort());
    const first = entry.keys.find((k) => k.id === added[0]!.id)!;
    expect(Buffer.from(first.bytes)).toEqual(keys[0]);
    expect(first.validFrom).toBeInstanceOf(Date);
    expect(entry.channels.map((c) => c.value)).toEqual(['registry@court.example']);

    const now = await registry.registryFor(authority.id, { at: new Date('2026-06-01T00:00:00Z') });
    expect(now.keys.map((k) => k.id)).toEqual([added[0]!.id]);
    await expect(registry.registryFor(randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

function rawEd25519Key(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}
