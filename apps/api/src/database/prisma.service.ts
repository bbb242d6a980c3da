import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Env, ENV } from '../config/index.js';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { sha256Hex } from '../common/index.js';
import { TX } from './db-helpers.js';
import { checkLoginRole } from './login-role.js';

const logger = new Logger('Database');

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `writ_${sha256Hex(sql).slice(0, 24)}`;
    // Ad-hoc SQL (IN lists of varying length) would grow this without bound; keep the common ones.
    if (names.size < 5000) names.set(sql, name);
  }
  return name;
}

/** No single statement of a driver transaction may wait longer than this (a lock held elsewhere). */
const TRANSACTION_STATEMENT_TIMEOUT_MS = 15_000;

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** A tagged-template query: rows as the driver returns them. */
export type RawQuery = <T>(strings: TemplateStringsArray, ...values: unknown[]) => Promise<T[]>;

type Plan = 'reuse' | 'per-call';

/** Set inside `transactionWithDriver`: the pool connection Prisma checks out for that transaction lands here. */
const claim = new AsyncLocalStorage<{ client?: pg.PoolClient }>();

/** One statement on a pool or a checked-out client; named (plan reused) or unnamed (planned per call). */
async function run<T>(db: pg.Pool | pg.PoolClient, query: Prisma.Sql, plan: Plan): Promise<T[]> {
  const result = await db.query({
    ...(plan === 'reuse' ? { name: statementName(query.text) } : {}),
    text: query.text,
    values: query.values,
  });
  return result.rows as T[];
}

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private readonly pool: pg.Pool;

  constructor(@Inject(ENV) private readonly env: Env) {
    // Every connection acts as the application role, which may not write the log's tables (docs/TLOG.md). The login
    // itself must be no more than that (login-role.ts): a session can always switch back to the role it logged
    // in as.
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.DB_POOL_SIZE,
      ...(env.DB_APP_ROLE ? { options: `-c role=${env.DB_APP_ROLE}` } : {}),
    });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the process: the pool
    // discards it and opens a new one on the next query.
    pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
    // Prisma's adapter checks a connection out with connect() (the promise form) to start an interactive
    // transaction; inside transactionWithDriver that connection is handed to the caller as well. pg's own
    // pool.query uses the callback form and is left alone.
    const connect = pool.connect.bind(pool);
    pool.connect = ((callback?: Parameters<pg.Pool['connect']>[0]) => {
      if (callback) return connect(callback);
      return connect().then((client) => {
        const slot = claim.getStore();
        if (slot && slot.client === undefined) slot.client = client;
        return client;
      });
    }) as pg.Pool['connect'];
    super({
      adapter: new PrismaPg(pool, {
        disposeExternalPool: true,
        // Named statements are prepared once per connection and their plans reused: the same SQL text always gets
        // the same name. Halves PostgreSQL's CPU per intake (bench/intake.bench.ts).
        statementNameGenerator: (query) => statementName(query.sql),
      }),
    });
    this.pool = pool;
  }

  /**
   * One statement straight on the driver, for the few hot paths where Prisma's per-query machinery is most of the
   * cost (bench/intake.bench.ts). Same pool, same application role; a single statement is its own transaction.
   * Rows come back as node-postgres parses them (timestamptz → Date, int8 → string), so select only what the
   * caller reads and cast where it matters.
   *
   * `plan`: 'reuse' runs it as a named prepared statement, parsed and planned once per connection (PostgreSQL may
   * then settle on a generic plan); 'per-call' plans it with the actual values every time, for queries whose best
   * plan depends on them — a search whose matches range from none to most of the table.
   */
  query<T>(query: Prisma.Sql, plan: Plan = 'reuse'): Promise<T[]> {
    return run<T>(this.pool, query, plan);
  }

  /** `query` as a tagged template: prisma.sql`SELECT … WHERE id = ${id}`. */
  readonly sql: RawQuery = (strings, ...values) => this.query(Prisma.sql(strings, ...values));

  /**
   * A transaction on one driver connection, for hot paths that need more than one statement (an idempotent
   * intake): BEGIN, the work, COMMIT — or ROLLBACK if the work throws. Statements are named as in `query`.
   */
  transaction<T>(work: (sql: RawQuery) => Promise<T>): Promise<T> {
    // The timeout, like Prisma's for interactive transactions, frees the connection from a statement stuck behind a
    // lock.
    return this.onOwnConnection(
      `BEGIN; SET LOCAL statement_timeout = ${TRANSACTION_STATEMENT_TIMEOUT_MS}`,
      'reuse',
      work,
    );
  }

  /**
   * Read-only work on a second connection that sees exactly what an open REPEATABLE READ transaction sees, so that a
   * long count can use a second core (a transparency report's two counts, bench/reports.bench.ts). `snapshot` is
   * what `SELECT pg_export_snapshot()` gave in that transaction, which must stay open until this returns.
   */
  async inSnapshot<T>(snapshot: string, work: (sql: RawQuery) => Promise<T>): Promise<T> {
    // Not a bind parameter in SET TRANSACTION SNAPSHOT: checked to be the form PostgreSQL gives ("00000003-0000001B-1").
    if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshot)) throw new Error(`not an exported snapshot: ${snapshot}`);
    return this.onOwnConnection(
      `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshot}'; ` +
        `SET LOCAL statement_timeout = ${TX.bulk.timeout}`,
      'per-call',
      work,
    );
  }

  /** `begin` (one round trip), the work, COMMIT — or ROLLBACK if the work throws — on a connection of its own. */
  private async onOwnConnection<T>(begin: string, plan: Plan, work: (sql: RawQuery) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no listener of the pool's: without one, a connection dropped mid-transaction
    // (restart, failover, pg_terminate_backend) is an unhandled 'error' event that ends the process.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const sql: RawQuery = (strings, ...values) => run(client, Prisma.sql(strings, ...values), plan);
    try {
      await client.query(begin);
      const result = await work(sql);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is gone: hand it back as broken so the pool drops it.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * A Prisma interactive transaction whose work also gets the transaction's own driver connection, for bulk
   * statements where Prisma's per-statement cost is most of the time (a package's released items,
   * bench/disclosure.bench.ts). `sql` runs on the same connection, inside the same transaction; use it only between
   * Prisma calls, never concurrently with one. A check at the start proves the two are one session, so a change in
   * Prisma's adapter fails loudly instead of writing outside the transaction.
   */
  async transactionWithDriver<T>(
    work: (tx: Tx, sql: RawQuery) => Promise<T>,
    options: { maxWait?: number; timeout?: number },
  ): Promise<T> {
    const slot: { client?: pg.PoolClient } = {};
    return claim.run(slot, () =>
      this.$transaction(async (tx) => {
        const client = slot.client;
        const [mine] = await tx.$queryRaw<{ pid: number; xid: string }[]>`
          SELECT pg_backend_pid() AS pid, txid_current()::text AS xid`;
        const theirs =
          client &&
          (
            await client.query<{ pid: number; xid: string }>(
              'SELECT pg_backend_pid() AS pid, txid_current()::text AS xid',
            )
          ).rows[0];
        if (!client || !theirs || theirs.pid !== mine!.pid || theirs.xid !== mine!.xid) {
          throw new Error('transactionWithDriver: the driver connection is not the transaction’s');
        }
        const sql: RawQuery = (strings, ...values) => run(client, Prisma.sql(strings, ...values), 'reuse');
        return work(tx, sql);
      }, options),
    );
  }

  /**
   * The rows of one query in batches, through a server-side cursor on a connection of its own: memory stays flat
   * however many rows match (a disclosure package of a million connections). The connection goes back to the pool
   * when the iteration ends, also when the caller stops early or throws.
   */
  async *cursor<T>(query: Prisma.Sql, batchSize = 5000): AsyncGenerator<T[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const cursor = client.query(new Cursor<T>(query.text, query.values as unknown[]));
    try {
      for (;;) {
        const rows = await cursor.read(batchSize);
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      await cursor.close().catch((error: unknown) => {
        broken ??= error instanceof Error ? error : new Error(String(error));
      });
      client.off('error', onError);
      client.release(broken);
    }
  }

  async onModuleInit(): Promise<void> {
    await checkLoginRole(this.pool, this.env.NODE_ENV === 'production', logger);
  }

  // Last of the shutdown hooks: the background workers stop (beforeApplicationShutdown) while the pool is open.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
