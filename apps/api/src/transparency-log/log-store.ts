import { Injectable } from '@nestjs/common';
import { type Hasher, type SubtreeRef, type SubtreeSource } from '@writ/tlog';
import { nodeHasher } from '@writ/tlog/node';
import { PrismaService, type Tx } from '../database/index.js';
import { assembleTile, locate, perfectRoot, TILE_WIDTH, type TileSegment } from './tiles.js';

type Db = PrismaService | Tx;

/** Full tiles never change, so they are cached; a proof at any size then costs a query only for partial tiles. */
const FULL_TILE_CACHE_LIMIT = 4096;

/** Reads the stored tree: size, leaves, and subtree hashes for proofs. */
@Injectable()
export class LogStore {
  private readonly fullTiles = new Map<string, Uint8Array[]>();
  readonly hasher: Hasher = nodeHasher;

  constructor(private readonly prisma: PrismaService) {}

  async size(db: Db = this.prisma): Promise<number> {
    const last = await db.logEntry.findFirst({ orderBy: { index: 'desc' }, select: { index: true } });
    return last ? Number(last.index) + 1 : 0;
  }

  async latestCheckpoint(db: Db = this.prisma) {
    return db.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' } });
  }

  /** Segments of the given tiles, as rows in insertion order. */
  async segments(db: Db, tiles: readonly { level: number; index: number }[]): Promise<TileSegment[]> {
    if (tiles.length === 0) return [];
    const rows = await db.logTile.findMany({
      where: { OR: tiles.map((tile) => ({ level: tile.level, index: BigInt(tile.index) })) },
      orderBy: { width: 'asc' },
    });
    return rows.map((row) => ({ level: row.level, index: Number(row.index), width: row.width, hashes: row.hashes }));
  }

  /** A SubtreeSource over the tiles: one query per proof, whatever its size. */
  source(db: Db = this.prisma): SubtreeSource {
    return {
      hash: async (level, index) => (await this.lookup(db, [{ level, index }]))[0]!,
      hashes: (refs) => this.lookup(db, refs),
    };
  }

  private async lookup(db: Db, refs: readonly SubtreeRef[]): Promise<Uint8Array[]> {
    const located = refs.map((ref) => locate(ref.level, ref.index));
    const keyOf = (tile: { tileLevel: number; tileIndex: number }) => `${tile.tileLevel}/${tile.tileIndex}`;
    const tiles = new Map<string, Uint8Array[]>();
    const missing = new Map<string, { level: number; index: number }>();
    for (const at of located) {
      const key = keyOf(at);
      const cached = this.fullTiles.get(key);
      if (cached) tiles.set(key, cached);
      else missing.set(key, { level: at.tileLevel, index: at.tileIndex });
    }
    const segments = await this.segments(db, [...missing.values()]);
    for (const [key, tile] of missing) {
      const hashes = assembleTile(segments.filter((s) => s.level === tile.level && s.index === tile.index));
      tiles.set(key, hashes);
      if (hashes.length === TILE_WIDTH && this.fullTiles.size < FULL_TILE_CACHE_LIMIT) this.fullTiles.set(key, hashes);
    }
    return located.map((at, i) => {
      const tile = tiles.get(keyOf(at))!;
      if (tile.length < at.start + at.count) {
        throw new Error(`subtree (${refs[i]!.level}, ${refs[i]!.index}) is not in the stored tree`);
      }
      return perfectRoot(tile.slice(at.start, at.start + at.count), this.hasher);
    });
  }

  /** Leaf bytes of entries [start, end), in order. */
  async leaves(start: number, end: number): Promise<Uint8Array[]> {
    const rows = await this.prisma.$queryRaw<{ leaf: Uint8Array }[]>`
      SELECT e.leaf FROM log_entry l JOIN audit_event e ON e.id = l.event_id
       WHERE l.index >= ${BigInt(start)} AND l.index < ${BigInt(end)} ORDER BY l.index`;
    return rows.map((row) => row.leaf);
  }
}
