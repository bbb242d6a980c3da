import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { consistencyProof, emptyRoot, equalBytes, signCheckpoint, toBase64, verifyConsistency } from '@writ/tlog';
import { repeatInBackground } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService, TX, type Tx } from '../database/index.js';
import { INTEGRATOR_LOCK, IntegratorLockWatch } from './integrator-lock.js';
import { loadLogKeys, type LogKeys } from './log-signer.js';
import { LogStore } from './log-store.js';
import { assembleTile, TILE_WIDTH, TileFrontier } from './tiles.js';

const BATCH = 5000;

/** Why the integrator will not sign: the stored tree does not continue the last signed checkpoint. */
class LogRefusal extends Error {}

/** A continuity check of the log's database functions (the log_role migration) failed. */
const DATABASE_REFUSAL = /log_(sequence|append_tile|store_checkpoint|tree_root): [^\n`]*/;

export interface IntegratorState {
  /** ok; refusing: it will not sign a tree that contradicts the last checkpoint; stuck: it cannot get its lock. */
  status: 'ok' | 'refusing' | 'stuck';
  reason: string | null;
  since: Date | null;
}

/**
 * The single sequencer of the log (docs/TLOG.md): under a transaction-scoped advisory lock it takes committed events
 * from the pending queue, appends their leaf hashes to the tree, stores the new tile segments, and signs and
 * stores a checkpoint — all in one transaction, so the log and its checkpoints never disagree. Runs every
 * LOG_INTEGRATE_INTERVAL_MS while there is work; any number of API processes may run it, one at a time wins.
 *
 * It writes only through the log role's functions (log_sequence, log_append_tile, log_store_checkpoint), which
 * refuse anything that does not continue the log, and before signing it proves the new tree consistent with the
 * last signed checkpoint; otherwise it signs nothing, logs why at error level, and /health says so.
 */
@Injectable()
export class Integrator implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Integrator');
  private stopTimer = () => {};
  private running: Promise<number> | null = null;
  private refusal: { reason: string; since: Date } | null = null;
  private readonly lockWatch: IntegratorLockWatch;
  readonly keys: LogKeys;

  constructor(
    private readonly prisma: PrismaService,
    private readonly store: LogStore,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.keys = loadLogKeys(env);
    this.lockWatch = new IntegratorLockWatch(env.DATABASE_URL, env.LOG_LOCK_MAX_HOLD_MS, this.logger);
  }

  state(): IntegratorState {
    if (this.refusal) return { status: 'refusing', reason: this.refusal.reason, since: this.refusal.since };
    if (this.lockWatch.stuck) return { status: 'stuck', reason: this.lockWatch.stuck, since: null };
    return { status: 'ok', reason: null, since: null };
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
      await tx.$queryRaw`SELECT log_store_checkpoint(0::bigint, ${bytes(rootHash)}, ${note})::text`;
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
      const count = await this.prisma.$transaction(async (tx) => this.integrateIn(tx), TX.bulk);
      if (count > 0 && this.refusal) {
        this.logger.log(`the log continues again: ${this.refusal.reason} no longer holds`);
        this.refusal = null;
      }
      return count;
    } catch (error) {
      const refused = error instanceof LogRefusal ? error.message : DATABASE_REFUSAL.exec(String(error))?.[0];
      if (refused === undefined) throw error;
      // Every round would refuse again: say it once per reason, and leave everything as it is for a person to look.
      if (this.refusal?.reason !== refused) {
        this.logger.error(`refusing to sign a checkpoint: ${refused}`);
        this.refusal = { reason: refused, since: new Date() };
      }
      return 0;
    }
  }

  private async integrateIn(tx: Tx): Promise<number> {
    const [lock] = await tx.$queryRaw<
      { locked: boolean }[]
    >`SELECT pg_try_advisory_xact_lock(${INTEGRATOR_LOCK}) AS locked`;
    if (!lock?.locked) {
      await this.lockWatch.blocked();
      return 0;
    }
    this.lockWatch.acquired();
    const rows = await tx.$queryRaw<{ idx: bigint; event_id: bigint; leaf_hash: Uint8Array; already: boolean }[]>`
      SELECT idx, event_id, leaf_hash, already_sequenced AS already FROM log_sequence(${BATCH}::int)`;
    for (const row of rows.filter((r) => r.already)) {
      this.logger.warn(`event ${row.event_id} was queued again, but is already in the log at ${row.idx}: dequeued`);
    }
    const sequenced = rows.filter((r) => !r.already);
    if (sequenced.length === 0) return 0;

    const last = await this.store.latestCheckpoint(tx);
    const size = last ? Number(last.treeSize) : 0;
    sequenced.forEach((row, i) => {
      if (Number(row.idx) !== size + i)
        throw new LogRefusal(`entry ${row.idx} was sequenced where ${size + i} belongs`);
    });
    // From storage every time (a few rows), never from memory: the check below is of what is stored.
    const frontier = await this.loadFrontier(tx, size);
    const hasher = this.store.hasher;
    if (last && !equalBytes(frontier.root(emptyRoot()), last.rootHash)) {
      throw new LogRefusal(`the stored tree of size ${size} does not have the root of the signed checkpoint`);
    }
    const segments = frontier.append(sequenced.map((row) => row.leaf_hash));
    // Lowest level first: log_append_tile checks a higher tile's hashes against the full tiles below it.
    for (const s of [...segments].sort((a, b) => a.level - b.level)) {
      await tx.$queryRaw`SELECT log_append_tile(${s.level}::int, ${BigInt(s.index)}::bigint, ${s.width}::int, ${bytes(s.hashes)})::text`;
    }

    const newSize = size + sequenced.length;
    const rootHash = frontier.root(emptyRoot());
    if (last && size > 0) {
      // The proof comes from what is now stored, the roots from the signed checkpoint and the new tree: a tree that
      // does not extend the signed one cannot pass, whatever went wrong where.
      try {
        const proof = await consistencyProof(this.store.source(tx), size, newSize, hasher);
        verifyConsistency(size, newSize, proof, last.rootHash, rootHash, hasher);
      } catch (error) {
        throw new LogRefusal(
          `the tree of size ${newSize} (root ${toBase64(rootHash)}) is not consistent with the signed checkpoint of size ${size}: ${(error as Error).message}`,
        );
      }
    }
    const note = signCheckpoint({ origin: this.keys.origin, size: newSize, rootHash }, this.keys.signers);
    await tx.$queryRaw`SELECT log_store_checkpoint(${BigInt(newSize)}::bigint, ${bytes(rootHash)}, ${note})::text`;
    return sequenced.length;
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
