import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { emptyRoot, signCheckpoint } from '@writ/tlog';
import { repeatInBackground } from '../common/repeat-in-background.js';
import type { Env } from '../config/env.js';
import { ENV } from '../config/env.module.js';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { loadLogKeys, type LogKeys } from './log-signer.js';
import { LogStore } from './log-store.js';
import { assembleTile, TILE_WIDTH, TileFrontier } from './tiles.js';

/** Any fixed number; every Writ process sequencing this database's log takes the same advisory lock. */
const INTEGRATOR_LOCK = 0x77726974; // "writ"
const BATCH = 5000;

/**
 * The single sequencer of the log (docs/TLOG.md): under a transaction-scoped advisory lock it takes committed events
 * from the pending queue, appends their leaf hashes to the tree, stores the new tile segments, and signs and
 * stores a checkpoint — all in one transaction, so the log and its checkpoints never disagree. Runs every
 * LOG_INTEGRATE_INTERVAL_MS while there is work; any number of API processes may run it, one at a time wins.
 */
@Injectable()
export class Integrator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Integrator');
  private frontier: TileFrontier | null = null;
  private stopTimer = () => {};
  private running: Promise<number> | null = null;
  readonly keys: LogKeys;

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: LogStore,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.keys = loadLogKeys(env);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.signEmptyTreeOnce();
    this.stopTimer = repeatInBackground(this.env.LOG_INTEGRATE_INTERVAL_MS, this.logger, () => this.integrate());
  }

  // Before the database pool closes (PrismaService disconnects at onApplicationShutdown), so work in flight ends.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopTimer();
    await this.running?.catch(() => undefined);
  }

  /**
   * A brand-new log publishes a signed checkpoint of the empty tree, so that "nothing has happened yet" is itself
   * a signed statement rather than an error, and later checkpoints can be checked against it.
   */
  private async signEmptyTreeOnce(): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${INTEGRATOR_LOCK}) AS locked`;
      if (!lock?.locked || (await tx.logCheckpoint.count()) > 0) return;
      const rootHash = emptyRoot();
      const note = signCheckpoint({ origin: this.keys.origin, size: 0, rootHash }, this.keys.signers);
      await tx.logCheckpoint.create({ data: { treeSize: 0n, rootHash: bytes(rootHash), note } });
    });
  }

  /** Integrates everything pending (in batches); returns how many events it sequenced. */
  async integrate(): Promise<number> {
    // One run at a time in this process; the advisory lock handles other processes.
    while (this.running) await this.running.catch(() => undefined);
    let total = 0;
    try {
      for (;;) {
        this.running = this.integrateBatch();
        const count = await this.running;
        total += count;
        if (count < BATCH) return total;
      }
    } finally {
      this.running = null;
    }
  }

  private async integrateBatch(): Promise<number> {
    try {
      return await this.prisma.$transaction(async (tx) => this.integrateIn(tx), { timeout: 60_000 });
    } catch (error) {
      // The in-memory frontier may now be ahead of the database: rebuild it from storage next time.
      this.frontier = null;
      throw error;
    }
  }

  private async integrateIn(tx: Tx): Promise<number> {
    const [lock] = await tx.$queryRaw<
      { locked: boolean }[]
    >`SELECT pg_try_advisory_xact_lock(${INTEGRATOR_LOCK}) AS locked`;
    if (!lock?.locked) return 0;
    const pending = await tx.$queryRaw<{ id: bigint; leaf: Uint8Array }[]>`
      SELECT e.id, e.leaf FROM log_pending p JOIN audit_event e ON e.id = p.event_id ORDER BY p.event_id LIMIT ${BATCH}`;
    if (pending.length === 0) return 0;

    const size = await this.store.size(tx);
    if (!this.frontier || this.frontier.size !== size) this.frontier = await this.loadFrontier(tx, size);
    const hasher = this.store.hasher;
    const leafHashes = pending.map((row) => hasher.leaf(row.leaf));
    const segments = this.frontier.append(leafHashes);

    await tx.logEntry.createMany({
      data: pending.map((row, i) => ({ index: BigInt(size + i), eventId: row.id, leafHash: bytes(leafHashes[i]!) })),
    });
    await tx.logTile.createMany({
      data: segments.map((s) => ({ level: s.level, index: BigInt(s.index), width: s.width, hashes: bytes(s.hashes) })),
    });
    await tx.logPending.deleteMany({ where: { eventId: { in: pending.map((row) => row.id) } } });

    const newSize = size + pending.length;
    const rootHash = this.frontier.root(emptyRoot());
    const note = signCheckpoint({ origin: this.keys.origin, size: newSize, rootHash }, this.keys.signers);
    await tx.logCheckpoint.create({ data: { treeSize: BigInt(newSize), rootHash: bytes(rootHash), note } });
    return pending.length;
  }

  /** Rebuilds the right edge of the tree (the partial tile of every tile level) from storage. */
  private async loadFrontier(tx: Tx, size: number): Promise<TileFrontier> {
    const partial: Uint8Array[][] = [];
    const tiles: { level: number; index: number }[] = [];
    for (let level = 0, span = 1; span <= size; level++, span *= TILE_WIDTH) {
      tiles.push({ level, index: Math.floor(size / (span * TILE_WIDTH)) });
    }
    const segments = await this.store.segments(tx, tiles);
    for (const tile of tiles) {
      partial[tile.level] = assembleTile(segments.filter((s) => s.level === tile.level && s.index === tile.index));
    }
    return new TileFrontier(partial, size, this.store.hasher);
  }
}

/** Prisma's Bytes want a Uint8Array over a plain ArrayBuffer. */
function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view);
}
