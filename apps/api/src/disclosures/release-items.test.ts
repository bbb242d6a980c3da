// The property behind every package: whatever decisions, windows and connections there are, and even when the
// subscriber-data source answers more than it was asked (a platform's own source may be wrong), no released item
// falls outside its decision's category, account or window, and everything inside is released.
import { mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PackageItem } from '@writ/contracts';
import fc from 'fast-check';
import type { Connection, ConnectionWindow, SubscriberDataSource } from '../subscriber-data/subscriber-data-source.js';
import { PackageFilesWriter, sealedPath } from './package-files.js';
import { releaseItems, type ReleasePlan } from './release-items.js';
import { openSealedFile } from './sealed-file.js';

const NUM_RUNS = Math.min(Number(process.env.FC_NUM_RUNS ?? 200), 1000);
const ACCOUNTS = ['acct_a', 'acct_b', 'acct_c'] as const;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const SPAN = 30 * 86_400_000;

/** Answers every connection of the account, ignoring the window, in pages of random sizes; and the phone number. */
class CarelessSource implements SubscriberDataSource {
  readonly asked: Array<{ accountId: string; window?: ConnectionWindow }> = [];
  constructor(
    private readonly phones: Record<string, string | null>,
    private readonly connectionsOf: Record<string, Connection[]>,
    private readonly pageSizes: readonly number[],
  ) {}
  async phoneNumber(accountId: string): Promise<string | null> {
    this.asked.push({ accountId });
    return this.phones[accountId] ?? null;
  }
  async *connections(accountId: string, window: ConnectionWindow): AsyncGenerator<readonly Connection[]> {
    this.asked.push({ accountId, window });
    const all = this.connectionsOf[accountId] ?? [];
    for (let i = 0, page = 0; i < all.length; page += 1) {
      const size = this.pageSizes[page % this.pageSizes.length]!;
      yield all.slice(i, i + size); // a size of 0 yields an empty page, which a source may do
      i += size;
    }
  }
}

const instant = fc.integer({ min: T0, max: T0 + SPAN });
const ip = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom('not-an-ip', '', '999.1.1.1'));
const phone = fc.option(fc.oneof(fc.stringMatching(/^\+[1-9][0-9]{6,14}$/), fc.constantFrom('0151 1234', '+0')), {
  nil: null,
});
const plan = fc.record({
  category: fc.constantFrom('IP_ADDRESS', 'PHONE_NUMBER') as fc.Arbitrary<'IP_ADDRESS' | 'PHONE_NUMBER'>,
  accountId: fc.option(fc.constantFrom(...ACCOUNTS, 'acct_missing'), { nil: null }),
  window: fc.option(fc.tuple(instant, instant), { nil: null }),
});
const world = fc.record({
  plans: fc.array(plan, { maxLength: 6 }),
  // Sizes in turn; a 0 is an empty page, which a source may send; at least one size moves on.
  pageSizes: fc
    .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 })
    .filter((sizes) => sizes.some((n) => n > 0)),
  phones: fc.record(Object.fromEntries(ACCOUNTS.map((a) => [a, phone])) as Record<string, fc.Arbitrary<string | null>>),
  connections: fc.record(
    Object.fromEntries(ACCOUNTS.map((a) => [a, fc.array(fc.record({ at: instant, ip }), { maxLength: 12 })])) as Record<
      string,
      fc.Arbitrary<Array<{ at: number; ip: string }>>
    >,
  ),
});

const isIp = (value: string) => isIP(value) !== 0;

describe('releaseItems', () => {
  it('releases only inside each decision’s category, account and window, and all of it', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ plans: drawn, phones, connections, pageSizes }) => {
        const connectionsOf = Object.fromEntries(
          Object.entries(connections).map(([account, list]) => [
            account,
            list.map((c) => ({ at: new Date(c.at), ip: c.ip })),
          ]),
        );
        const source = new CarelessSource(phones, connectionsOf, pageSizes);
        const plans: ReleasePlan[] = drawn.map((p, i) => ({
          decisionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          targetId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
          category: p.category,
          accountId: p.accountId,
          window:
            p.category === 'IP_ADDRESS' && p.window
              ? { start: new Date(p.window[0]), end: new Date(p.window[1]) }
              : null,
        }));
        const items: PackageItem[] = [];
        await releaseItems(source, plans, async (page) => {
          expect(page.length).toBeGreaterThan(0);
          for (const item of page) items.push(PackageItem.parse(item));
        });

        // Only the plans' own accounts were asked about.
        const accounts = new Set(plans.map((p) => p.accountId));
        expect(source.asked.every((a) => accounts.has(a.accountId))).toBe(true);

        for (const p of plans) {
          const mine = items.filter((item) => item.decisionId === p.decisionId);
          expect(mine.every((item) => item.category === p.category && item.targetId === p.targetId)).toBe(true);
          if (p.accountId === null) {
            expect(mine).toEqual([]);
            continue;
          }
          if (p.category === 'PHONE_NUMBER') {
            const number = phones[p.accountId] ?? null;
            const expected = number !== null && /^\+[1-9][0-9]{6,14}$/.test(number) ? [number] : [];
            expect(mine.map((item) => item.value)).toEqual(expected);
            expect(mine.every((item) => item.observedAt === null)).toBe(true);
            continue;
          }
          const w = p.window;
          const expected =
            w === null || w.start > w.end
              ? []
              : (connectionsOf[p.accountId] ?? [])
                  .filter((c) => c.at >= w.start && c.at <= w.end && isIp(c.ip))
                  .map((c) => [c.ip, c.at.toISOString()]);
          expect(mine.map((item) => [item.value, item.observedAt])).toEqual(expected);
        }
        expect(items.length).toBe(
          plans.reduce((n, p) => n + items.filter((i) => i.decisionId === p.decisionId).length, 0),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('PackageFilesWriter', () => {
  it('writes sealed data.json and data.csv whose plaintext hashes are the ones it reports', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-package-unit-'));
    try {
      const key = randomBytes(32);
      const id = '11111111-2222-4333-8444-555555555555';
      const writer = await PackageFilesWriter.open(dir, key, id);
      const item = {
        decisionId: '00000000-0000-4000-8000-000000000001',
        targetId: '00000000-0000-4000-9000-000000000001',
        category: 'IP_ADDRESS' as const,
        value: '2001:db8::1',
        observedAt: '2025-12-15T12:00:00.000Z',
      };
      await writer.add([item]);
      const files = await writer.close();
      for (const file of files) {
        const chunks: Buffer[] = [];
        for await (const chunk of await openSealedFile(sealedPath(dir, id, file.name), key, id, file.name)) {
          chunks.push(chunk as Buffer);
        }
        const plain = Buffer.concat(chunks);
        expect(plain.length).toBe(file.size);
        expect(createHash('sha256').update(plain).digest('hex')).toBe(file.sha256);
        if (file.name === 'data.json') expect(JSON.parse(plain.toString('utf8'))).toEqual([item]);
      }
      // Under another package's id (or another key) the file does not open.
      const wrong = await openSealedFile(
        sealedPath(dir, id, 'data.json'),
        key,
        '99999999-2222-4333-8444-555555555555',
        'data.json',
      );
      await expect(
        (async () => {
          for await (const chunk of wrong) void chunk;
        })(),
      ).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
