import type { Logger } from '@nestjs/common';
import pg from 'pg';

/** Any fixed number; every Writ process sequencing this database's log takes the same advisory lock. */
export const INTEGRATOR_LOCK = 0x77726974; // "writ"; log_require_lock() in the log_role migration names it too

interface Holder {
  pid: number;
  /** Which hold this is: the same session in a new transaction is a new hold. */
  key: string;
  since: number;
}

/**
 * Time-boxes the integrator's lock. Any session of the application's role can take an advisory lock and keep it,
 * idle, for as long as it likes, and an advisory lock cannot be forbidden to a role. So when the integrator finds
 * the lock taken, it notes which session holds it since when (a hold = that session's current transaction, or
 * the session itself when it holds the lock idle), and once one hold has lasted LOG_LOCK_MAX_HOLD_MS it ends that
 * session. A real integrator's transaction ends within 60 s, so only a stuck or hostile holder reaches the limit.
 *
 * It looks and ends through a connection of its own, as the login role itself: the pool's connections act as
 * DB_APP_ROLE, which may neither see another session's transaction nor signal it.
 */
export class IntegratorLockWatch {
  private holder: Holder | null = null;
  /** Why the lock could not be freed, while that lasts (reported by /health). */
  stuck: string | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly maxHoldMs: number,
    private readonly logger: Logger,
  ) {}

  /** The integrator got the lock: whoever held it before is gone. */
  acquired(): void {
    this.holder = null;
    this.stuck = null;
  }

  /** The integrator did not get the lock: note the holder, and end its session once it has held it too long. */
  async blocked(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number; hold: string | null; role: string | null }>(
        `SELECT l.pid, coalesce(a.xact_start::text, 'session ' || a.backend_start::text) AS hold, a.usename AS role
           FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          LIMIT 1`,
        [INTEGRATOR_LOCK],
      );
      const row = rows[0];
      if (!row) {
        this.holder = null; // released meanwhile
        return;
      }
      const key = `${row.pid} ${row.hold ?? ''}`;
      const now = Date.now();
      if (this.holder?.key !== key) {
        this.holder = { pid: row.pid, key, since: now };
        return;
      }
      const heldMs = now - this.holder.since;
      if (heldMs < this.maxHoldMs) return;
      const seconds = Math.round(heldMs / 1000);
      try {
        const ended = await client.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [row.pid]);
        if (!ended.rows[0]?.ok) throw new Error('the session was not ended');
        this.logger.error(
          `ended database session ${row.pid} (role ${row.role ?? 'unknown'}): it held the log integrator's lock for ${seconds} s, longer than LOG_LOCK_MAX_HOLD_MS`,
        );
        this.holder = null;
        this.stuck = null;
      } catch (error) {
        const reason = `database session ${row.pid} (role ${row.role ?? 'unknown'}) has held the log integrator's lock for ${seconds} s and cannot be ended: ${(error as Error).message}`;
        if (this.stuck === null) this.logger.error(reason);
        this.stuck = reason;
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
