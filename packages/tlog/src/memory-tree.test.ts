import { toHex } from './bytes.js';
import { leafHash, rootFromLeafHashes } from './hash.js';
import { MemoryTree } from './memory-tree.js';
import { consistencyPlan, inclusionPlan } from './proof-plan.js';
import { inclusionProof, rootAt } from './proofs.js';
import { RootBuilder } from './root-builder.js';
import type { SubtreeRef } from './subtree.js';

// The RFC 6962 reference tree used by Certificate Transparency implementations' tests: 8 leaves and the root
// after each one. (The size-8 root is also the root in test/vectors/merkle.)
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('MemoryTree', () => {
  it('reproduces the RFC 6962 reference roots at every size', () => {
    const tree = new MemoryTree();
    const builder = new RootBuilder();
    LEAVES.forEach((leaf, i) => {
      expect(tree.appendLeaf(bytes(leaf))).toBe(i);
      builder.push(leafHash(bytes(leaf)));
      expect(toHex(tree.root())).toBe(ROOTS[i]);
      expect(toHex(builder.root())).toBe(ROOTS[i]);
    });
    ROOTS.forEach((root, i) => expect(toHex(tree.root(i + 1))).toBe(root));
  });

  it('refuses subtrees that are not complete yet, sizes it does not have, and malformed leaf hashes', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 5; i++) tree.appendLeaf(Uint8Array.of(i));
    expect(() => tree.hash(2, 0)).not.toThrow();
    expect(() => tree.hash(2, 1)).toThrow(/not complete/); // leaves 4..7, only 4 exists
    expect(() => tree.hash(0, 5)).toThrow(/not complete/);
    expect(() => tree.root(6)).toThrow(/not available/);
    expect(() => tree.inclusionProof(5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(/size1 = 0/);
    expect(() => tree.append(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('hands out copies, so callers cannot corrupt the tree', () => {
    const tree = new MemoryTree();
    tree.appendLeaf(Uint8Array.of(1));
    tree.appendLeaf(Uint8Array.of(2));
    const root = toHex(tree.root());
    tree.hash(0, 0).fill(0);
    tree.inclusionProof(1)[0]!.fill(0);
    expect(toHex(tree.root())).toBe(root);
  });
});

describe('proof plans', () => {
  it('describe each proof element as perfect subtrees, at most one element being a fold of several', () => {
    // Leaf 0 of 7: siblings are leaf 1, subtree [2,4), and the range [4,7) = subtree [4,6) + leaf 6.
    expect(inclusionPlan(0, 7)).toEqual([
      [{ level: 0, index: 1 }],
      [{ level: 1, index: 1 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
    for (let n = 1; n <= 70; n++) {
      for (let m = 0; m < n; m++) expect(inclusionPlan(m, n).filter((e) => e.length > 1).length).toBeLessThanOrEqual(1);
      for (let m = 1; m <= n; m++)
        expect(consistencyPlan(m, n).filter((e) => e.length > 1).length).toBeLessThanOrEqual(1);
    }
  });

  it('reject impossible requests', () => {
    expect(() => inclusionPlan(3, 3)).toThrow(RangeError);
    expect(() => inclusionPlan(-1, 3)).toThrow(RangeError);
    expect(() => inclusionPlan(0.5, 3)).toThrow(RangeError);
    expect(() => consistencyPlan(4, 3)).toThrow(RangeError);
  });
});

describe('SubtreeSource batch lookups', () => {
  it('fetch a whole proof, or a root, in one call when the source offers `hashes`', async () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 1000; i++) tree.appendLeaf(Uint8Array.of(i & 255, i >> 8));
    const calls: SubtreeRef[][] = [];
    const source = {
      hash: (): Uint8Array => {
        throw new Error('single lookups should not be used when a batch form exists');
      },
      hashes: async (refs: readonly SubtreeRef[]) => {
        calls.push([...refs]);
        return refs.map((r) => tree.hash(r.level, r.index));
      },
    };
    const proof = await inclusionProof(source, 777, 1000);
    expect(proof.map(toHex)).toEqual(tree.inclusionProof(777).map(toHex));
    expect(toHex(await rootAt(source, 1000))).toBe(
      toHex(rootFromLeafHashes(Array.from({ length: 1000 }, (_, i) => tree.hash(0, i)))),
    );
    expect(calls).toHaveLength(2);
  });
});
