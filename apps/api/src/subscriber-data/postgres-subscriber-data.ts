import type { PrismaService } from '../database/prisma.service.js';
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

  async connections(accountId: string, window: ConnectionWindow): Promise<readonly Connection[]> {
    if (!(window.start.getTime() <= window.end.getTime())) return [];
    const rows = await this.prisma.subscriberConnection.findMany({
      where: { accountId, at: { gte: window.start, lte: window.end } },
      select: { at: true, ip: true },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => ({ at: row.at, ip: row.ip }));
  }
}
