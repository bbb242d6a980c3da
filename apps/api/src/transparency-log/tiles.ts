import { HASH_SIZE, type Hasher } from '@writ/tlog';

/**
 * Storage layout of the Merkle tree (C2SP tlog-tiles geometry): tiles of height 8, so tile level L holds the
 * hashes of Merkle level 8L, 256 to a tile. Any perfect-subtree hash at Merkle level 8L + r (r < 8) is the
 * root of 2^r consecutive hashes inside one tile, so every proof needs at most a few tiles, never a scan.
 *
 * Rows are only ever inserted: a tile grows by segments, each row holding the hashes appended to the tile by
 * one integration and ending at position `width`. Once full (width 256) a tile never changes again.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 1 << TILE_HEIGHT;

export interface TileSegment {
  level: number;
  index: number;
  /** Position just past the last hash of this segment. */
  width: number;
  hashes: Uint8Array;
}

/** Which tile, and which run of positions in it, holds the perfect subtree (level, index). */
export function locate(
  level: number,
  index: number,
): { tileLevel: number; tileIndex: number; start: number; count: number } {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const r = level % TILE_HEIGHT;
  const count = 2 ** r;
  const first = index * count;
  return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), start: first % TILE_WIDTH, count };
}

/** Root of a perfect run of hashes (its length a power of two). */
export function perfectRoot(hashes: readonly Uint8Array[], hasher: Hasher): Uint8Array {
  let layer = hashes.slice();
  while (layer.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(hasher.node(layer[i]!, layer[i + 1]!));
    layer = next;
  }
  const root = layer[0];
  if (!root) throw new Error('empty run of hashes');
  return root;
}

/** Reassembles a tile's hashes (positions 0 … width-1) from its segments. */
export function assembleTile(segments: readonly TileSegment[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const segment of [...segments].sort((a, b) => a.width - b.width)) {
    const count = segment.hashes.length / HASH_SIZE;
    const start = segment.width - count;
    if (start !== out.length)
      throw new Error(`tile ${segment.level}/${segment.index} has a gap or overlap at ${out.length}`);
    for (let i = 0; i < count; i++) out.push(segment.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  }
  return out;
}

/**
 * Appends leaf hashes to the rightmost (partial) tile of every tile level, completing tiles as they fill,
 * and reports the new segments to store. Memory: at most 255 hashes per tile level.
 */
export class TileFrontier {
  /** partial[L] = hashes in the current, incomplete tile of tile level L */
  constructor(
    readonly partial: Uint8Array[][],
    public size: number,
    private readonly hasher: Hasher,
  ) {}

  append(leafHashes: readonly Uint8Array[]): TileSegment[] {
    const added = new Map<string, { level: number; index: number; startWidth: number; hashes: Uint8Array[] }>();
    const record = (level: number, hash: Uint8Array) => {
      const tile = (this.partial[level] ??= []);
      const tileIndex = Math.floor(this.countAtLevel(level) / TILE_WIDTH);
      const key = `${level}/${tileIndex}`;
      let entry = added.get(key);
      if (!entry) added.set(key, (entry = { level, index: tileIndex, startWidth: tile.length, hashes: [] }));
      entry.hashes.push(hash);
      tile.push(hash);
      if (tile.length === TILE_WIDTH) {
        const full = this.partial[level]!;
        this.partial[level] = [];
        record(level + 1, perfectRoot(full, this.hasher));
      }
    };
    for (const leaf of leafHashes) {
      record(0, leaf);
      this.size += 1;
    }
    return [...added.values()].map((entry) => ({
      level: entry.level,
      index: entry.index,
      width: entry.startWidth + entry.hashes.length,
      hashes: concat(entry.hashes),
    }));
  }

  /** Number of hashes stored so far at tile level `level` (Merkle level 8·level). */
  private countAtLevel(level: number): number {
    return Math.floor(this.size / TILE_WIDTH ** level);
  }

  /** Root of the whole tree: every perfect subtree of the size lies in a partial tile (see module comment). */
  root(emptyRoot: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = [];
    // Largest subtrees first: walk tile levels from the top down, each partial tile by the binary digits of its length.
    for (let level = this.partial.length - 1; level >= 0; level--) {
      const tile = this.partial[level] ?? [];
      let position = 0;
      for (let bit = TILE_HEIGHT - 1; bit >= 0; bit--) {
        const run = 2 ** bit;
        if (tile.length - position >= run) {
          parts.push(perfectRoot(tile.slice(position, position + run), this.hasher));
          position += run;
        }
      }
    }
    if (parts.length === 0) return emptyRoot;
    let acc = parts[parts.length - 1]!;
    for (let i = parts.length - 2; i >= 0; i--) acc = this.hasher.node(parts[i]!, acc);
    return acc;
  }
}

function concat(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((hash, i) => out.set(hash, i * HASH_SIZE));
  return out;
}
