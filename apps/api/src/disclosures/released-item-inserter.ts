import type { RawQuery } from '../database/index.js';

/** Released items go to the database this many at a time: one statement, one run of its statement-level check. */
const INSERT_BATCH = 5_000;
/** Batches queued for the database at most: enough to keep it busy while the caller writes files, and no more. */
const MAX_QUEUED = 2;

/**
 * Writes a package's items into released_item, numbered 1, 2, … in the order they were handed in (the order of
 * data.json and data.csv). It takes the items as their data.json lines (packageItemJson), so an item is serialised
 * once, and the database reads back the very text the authority receives. Batches queue on the transaction's
 * connection while the caller goes on reading connections and writing the files, so the database and Node work
 * at the same time (bench/disclosure.bench.ts: preparation spent most of its time waiting for inserts before this).
 * At most MAX_QUEUED batches wait, so memory stays flat. Statements run one after another, in order; after a
 * failure the rest of the queue does not run, and the failure is thrown by the next add, or by finish.
 */
export class ReleasedItemInserter {
  private lines: string[] = [];
  /** Ordinal of the last item queued. */
  private queued = 0;
  /** Each entry settles after the one before it (a chain): the last one settling means all have. */
  private queue: Array<Promise<void>> = [];

  constructor(
    /** The preparation transaction's own connection (PrismaService.transactionWithDriver). */
    private readonly sql: RawQuery,
    private readonly disclosureId: string,
  ) {}

  async add(lines: readonly string[]): Promise<void> {
    for (const line of lines) {
      this.lines.push(line);
      if (this.lines.length >= INSERT_BATCH) await this.enqueue();
    }
  }

  /** Sends what is left and waits until every item is in; throws the first failure (a CHECK, a lost connection). */
  async finish(): Promise<void> {
    await this.enqueue();
    await this.queue.at(-1);
    this.queue = [];
  }

  /** After a failure elsewhere: waits until no statement runs (so the transaction is idle), ignoring results. */
  async settle(): Promise<void> {
    await this.queue.at(-1)?.catch(() => undefined);
    this.queue = [];
  }

  private async enqueue(): Promise<void> {
    if (this.lines.length > 0) {
      const rows = `[${this.lines.join(',')}]`;
      const before = this.queued;
      this.queued += this.lines.length;
      this.lines = [];
      const previous = this.queue.at(-1) ?? Promise.resolve();
      const next = previous.then(() => this.insert(before, rows));
      // Awaited later (backpressure below, finish or settle); this only keeps Node from calling it unhandled.
      next.catch(() => undefined);
      this.queue.push(next);
    }
    while (this.queue.length > MAX_QUEUED) await this.queue.shift();
  }

  /** `before`: the ordinal of the item just before this batch's first. */
  private async insert(before: number, rows: string): Promise<void> {
    await this.sql`
      INSERT INTO released_item (disclosure_id, ordinal, decision_id, category, value, observed_at)
      SELECT ${this.disclosureId}::uuid, ${before}::int + x.n::int, x."decisionId", x.category::"ReleasableCategory",
             x.value, x."observedAt"
        FROM ROWS FROM (jsonb_to_recordset(${rows}::jsonb)
               AS ("decisionId" uuid, category text, value text, "observedAt" timestamptz))
             WITH ORDINALITY AS x("decisionId", category, value, "observedAt", n)`;
  }
}
