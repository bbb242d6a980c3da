import { Module } from '@nestjs/common';
import { PrismaService } from '../database/index.js';
import { PostgresSubscriberData } from './postgres-subscriber-data.js';
import { PostgresSubscriberLookup } from './postgres-subscriber-lookup.js';
import { SUBSCRIBER_DATA, type SubscriberDataSource } from './subscriber-data-source.js';
import { SUBSCRIBER_LOOKUP, type SubscriberLookup } from './subscriber-lookup.js';

/**
 * The platform's subscriber data, read-only to Writ. A platform with its own account store overrides these two
 * providers (SUBSCRIBER_DATA for disclosure, SUBSCRIBER_LOOKUP for resolving targets); nothing else changes.
 */
@Module({
  providers: [
    {
      provide: SUBSCRIBER_DATA,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService): SubscriberDataSource => new PostgresSubscriberData(prisma),
    },
    {
      provide: SUBSCRIBER_LOOKUP,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService): SubscriberLookup => new PostgresSubscriberLookup(prisma),
    },
  ],
  exports: [SUBSCRIBER_DATA, SUBSCRIBER_LOOKUP],
})
export class SubscriberDataModule {}
