import type { AuditService } from '../audit/audit.service.js';
import type { Env } from '../config/env.js';
import type { PrismaService } from '../database/prisma.service.js';
import type { SubscriberDataSource } from '../subscriber-data/subscriber-data-source.js';
import type { SubscriberLookup } from '../subscriber-data/subscriber-lookup.js';
import type { PackageKeys } from './package-keys.js';

/** What the disclosure operations share; the service builds it once from its injected parts. */
export interface DisclosureContext {
  prisma: PrismaService;
  audit: AuditService;
  data: SubscriberDataSource;
  lookup: SubscriberLookup;
  keys: PackageKeys;
  env: Pick<Env, 'STORAGE_DIR' | 'DISCLOSURE_LINK_TTL_HOURS'>;
}
