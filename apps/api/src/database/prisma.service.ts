import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Env } from '../config/env.js';
import { ENV } from '../config/env.module.js';
import { PrismaClient } from '../generated/prisma/client.js';

const logger = new Logger('Database');

const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `writ_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    // Ad-hoc SQL (IN lists of varying length) would grow this without bound; keep the common ones.
    if (names.size < 5000) names.set(sql, name);
  }
  return name;
}

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(ENV) env: Env) {
    // Every connection starts as the application role, which may only append to the log tables (TLOG.md): even
    // with an owner's connection string, the application itself cannot rewrite history.
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.DB_POOL_SIZE,
      ...(env.DB_APP_ROLE ? { options: `-c role=${env.DB_APP_ROLE}` } : {}),
    });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the process: the pool
    // discards it and opens a new one on the next query.
    pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
    super({
      adapter: new PrismaPg(pool, {
        disposeExternalPool: true,
        // Named statements are prepared once per connection and their plans reused: the same SQL text always gets
        // the same name. Halves PostgreSQL's CPU per intake (bench/intake.bench.ts).
        statementNameGenerator: (query) => statementName(query.sql),
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
