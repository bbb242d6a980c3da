import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { repeatInBackground } from './repeat-in-background.js';

/**
 * A background job that works through a backlog in batches, each its own short transaction (the Idempotency-Key
 * sweeper, the staff-change expiry): every `intervalMs` (0: never in this process), and on demand through `sweep`.
 * A call while a sweep runs in this process joins it; shutdown lets the batch in flight finish and starts no other.
 */
export abstract class BatchSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private stopTimer = () => {};
  private running: Promise<number> | null = null;
  private stopping = false;

  protected constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly defaultBatchSize: number,
  ) {
    this.logger = new Logger(name);
  }

  /** Handles at most `batchSize` items in one transaction; returns how many it handled. */
  protected abstract sweepBatch(batchSize: number): Promise<number>;

  onApplicationBootstrap(): void {
    this.stopTimer = repeatInBackground(this.intervalMs, this.logger, () => this.sweep());
  }

  // Before the database pool closes (PrismaService disconnects at onApplicationShutdown), so work in flight ends.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stopTimer();
    await this.running?.catch(() => undefined);
  }

  /** Works through the whole backlog, batch by batch; returns how many items it handled. */
  sweep(batchSize = this.defaultBatchSize): Promise<number> {
    this.running ??= this.sweepAll(batchSize).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweepAll(batchSize: number): Promise<number> {
    let total = 0;
    while (!this.stopping) {
      const handled = await this.sweepBatch(batchSize);
      total += handled;
      if (handled < batchSize) break;
    }
    return total;
  }
}
