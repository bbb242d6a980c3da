import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { consistencyProof, emptyRoot, inclusionProof, MemoryTree, nobleHasher } from '@writ/tlog';
import { assembleTile, locate, perfectRoot, TileFrontier, type TileSegment } from './tiles.js';

/** A subtree source over stored segments, exactly as the database-backed one reads them. */
function sourceOver(segments: TileSegment[]) {
  return {
    hash(level: number, index: number) {
      const at = locate(level, index);
      const tile = assembleTile(segments.filter((s) => s.level === at.tileLevel && s.index === at.tileIndex));
      return perfectRoot(tile.slice(at.start, at.start + at.count), nobleHasher);
    },
  };
}

describe('tile storage', () => {
  it('stores every leaf hash once and tracks the reference root, however appends are batched', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), (batches) => {
        const reference = new MemoryTree();
        const frontier = new TileFrontier([], 0, nobleHasher);
        const segments: TileSegment[] = [];
        for (const count of batches) {
          const leaves = Array.from({ length: count }, () => nobleHasher.leaf(randomBytes(8)));
          leaves.forEach((leaf) => reference.append(leaf));
          segments.push(...frontier.append(leaves));
          expect(Buffer.from(frontier.root(emptyRoot()))).toEqual(Buffer.from(reference.root()));
        }
        const total = reference.size;
        const level0 = segments.filter((s) => s.level === 0).reduce((n, s) => n + s.hashes.length / 32, 0);
        expect(level0).toBe(total);
      }),
      { numRuns: 40 },
    );
  });

  it('answers proofs from segments identical to the in-memory reference', async () => {
    const reference = new MemoryTree();
    const frontier = new TileFrontier([], 0, nobleHasher);
    const segments: TileSegment[] = [];
    for (const count of [1, 255, 3, 300, 70000 - 559]) {
      const leaves = Array.from({ length: count }, (_, i) => nobleHasher.leaf(Buffer.from(`${reference.size + i}`)));
      leaves.forEach((leaf) => reference.append(leaf));
      segments.push(...frontier.append(leaves));
    }
    expect(reference.size).toBe(70000);
    expect(segments.some((s) => s.level === 2)).toBe(true);
    const source = sourceOver(segments);
    for (const [index, size] of [
      [0, 1],
      [5, 256],
      [65535, 65537],
      [69999, 70000],
      [12345, 65536],
    ] as const) {
      const mine = await inclusionProof(source, index, size);
      const theirs = await inclusionProof(reference, index, size);
      expect(mine.map((h) => Buffer.from(h).toString('hex'))).toEqual(
        theirs.map((h) => Buffer.from(h).toString('hex')),
      );
    }
    const a = await consistencyProof(source, 257, 70000);
    const b = await consistencyProof(reference, 257, 70000);
    expect(a.map((h) => Buffer.from(h).toString('hex'))).toEqual(b.map((h) => Buffer.from(h).toString('hex')));
  });

  it('rejects a tile with a missing segment instead of answering a wrong hash', () => {
    const frontier = new TileFrontier([], 0, nobleHasher);
    const first = frontier.append([nobleHasher.leaf(Buffer.from('a'))]);
    const second = frontier.append([nobleHasher.leaf(Buffer.from('b')), nobleHasher.leaf(Buffer.from('c'))]);
    expect(assembleTile([...first, ...second])).toHaveLength(3);
    expect(() => assembleTile(second)).toThrow(/gap/);
  });
});
