// The subscriber-data source disclosure reads from (docs/POLICY.md, "Defence in depth", layer 2) and the target lookup,
// against the PostgreSQL store that ships with Writ, through the providers the API itself uses.
import { SUBSCRIBER_DATA, type SubscriberDataSource } from '../../apps/api/src/subscriber-data/subscriber-data-source';
import { SUBSCRIBER_LOOKUP, type SubscriberLookup } from '../../apps/api/src/subscriber-data/subscriber-lookup';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let data: SubscriberDataSource;
let lookup: SubscriberLookup;

beforeAll(async () => {
  t = await startTestApp();
  data = t.app.get(SUBSCRIBER_DATA);
  lookup = t.app.get(SUBSCRIBER_LOOKUP);
  await t.db.query(
    `INSERT INTO subscriber_account (account_id, username, phone_number) VALUES
       ('acct_alice', 'alice_1', '+4915112345678'), ('acct_nophone', 'quiet', NULL), ('acct_bob', 'bob_2', '+4915199999999')`,
  );
  await t.db.query(
    `INSERT INTO subscriber_connection (account_id, at, ip) VALUES
       ('acct_alice', '2025-11-30T23:59:59.999Z', '198.51.100.1'),
       ('acct_alice', '2025-12-01T00:00:00Z', '198.51.100.2'),
       ('acct_alice', '2025-12-15T12:00:00Z', '2001:db8::1'),
       ('acct_alice', '2026-01-01T00:00:00Z', '198.51.100.3'),
       ('acct_alice', '2026-01-01T00:00:00.001Z', '198.51.100.4'),
       ('acct_bob', '2025-12-10T00:00:00Z', '203.0.113.9')`,
  );
});
afterAll(async () => {
  await t.close();
});

async function all<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}

const WINDOW = { start: new Date('2025-12-01T00:00:00Z'), end: new Date('2026-01-01T00:00:00Z') };

describe('SUBSCRIBER_DATA (PostgreSQL)', () => {
  it('exposes exactly phoneNumber and connections', () => {
    const methods = new Set<string>();
    for (
      let proto = Object.getPrototypeOf(data);
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') methods.add(name);
    }
    expect([...methods].sort()).toEqual(['connections', 'phoneNumber']);
    expect(
      Object.keys(data).filter((key) => typeof (data as unknown as Record<string, unknown>)[key] === 'function'),
    ).toEqual([]);
  });

  it('reads the registered phone number, or null', async () => {
    expect(await data.phoneNumber('acct_alice')).toBe('+4915112345678');
    expect(await data.phoneNumber('acct_nophone')).toBeNull();
    expect(await data.phoneNumber('acct_nobody')).toBeNull();
  });

  it('reads the connections of one account inside the window (both ends included), oldest first', async () => {
    const connections = await all(data.connections('acct_alice', WINDOW));
    expect(connections.map((c) => [c.at.toISOString(), c.ip])).toEqual([
      ['2025-12-01T00:00:00.000Z', '198.51.100.2'],
      ['2025-12-15T12:00:00.000Z', '2001:db8::1'],
      ['2026-01-01T00:00:00.000Z', '198.51.100.3'],
    ]);
    expect(connections.every((c) => Object.keys(c).sort().join() === 'at,ip')).toBe(true);
    expect(await all(data.connections('acct_alice', { start: WINDOW.end, end: WINDOW.start }))).toEqual([]);
    expect(await all(data.connections('acct_nobody', WINDOW))).toEqual([]);
  });
});

describe('SUBSCRIBER_LOOKUP (PostgreSQL)', () => {
  it.each([
    [
      { type: 'ACCOUNT_ID', value: 'acct_alice' },
      { result: 'FOUND', accountId: 'acct_alice' },
    ],
    [
      { type: 'USERNAME', value: 'alice_1' },
      { result: 'FOUND', accountId: 'acct_alice' },
    ],
    [
      { type: 'PHONE_NUMBER', value: '+4915199999999' },
      { result: 'FOUND', accountId: 'acct_bob' },
    ],
    [
      { type: 'USERNAME', value: 'Alice_1' },
      { result: 'NOT_FOUND', accountId: null },
    ],
    [
      { type: 'ACCOUNT_ID', value: 'acct_nobody' },
      { result: 'NOT_FOUND', accountId: null },
    ],
    [
      { type: 'USERNAME', value: '@alice_1' },
      { result: 'INVALID', accountId: null },
    ],
    [
      { type: 'PHONE_NUMBER', value: '0151 1234' },
      { result: 'INVALID', accountId: null },
    ],
  ] as const)('%j → %j', async (selector, expected) => {
    expect(await lookup.resolve(selector)).toEqual(expected);
  });
});
