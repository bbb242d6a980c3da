import type { PrismaService } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Connection, ConnectionWindow, SubscriberDataSource } from './subscriber-data-source.js';

/** SubscriberDataSource over subscriber_account / subscriber_connection (the demo store that ships with Writ). */
export class PostgresSubscriberData implements SubscriberDataSource {
  constructor(private readonly prisma: PrismaService) {}

  async phoneNumber(accountId: string): Promise<string | null> {
    const row = await this.prisma.subscriberAccount.findUnique({
      where: { accountId },
      select: { phoneNumber: true },
    });
    return row?.phoneNumber ?? null;
  }

  async *connections(accountId: string, window: ConnectionWindow): AsyncGenerator<readonly Connection[]> {
    if (!(window.start.getTime() <= window.end.getTime())) return;
    // The (account_id, at) index gives them in order; the cursor hands them over a batch at a time.
    const batches = this.prisma.cursor<{ at: Date; ip: string }>(
      Prisma.sql`SELECT at, ip FROM subscriber_connection
                  WHERE account_id = ${accountId} AND at >= ${window.start} AND at <= ${window.end}
                  ORDER BY at, id`,
    );
    // Copied into fresh objects so that nothing but the two fields can travel, whatever the driver adds.
    for await (const rows of batches) yield rows.map((row) => ({ at: row.at, ip: row.ip }));
  }
}
