import type { AuditService } from '../audit/index.js';
import type { Env } from '../config/index.js';
import type { PrismaService } from '../database/index.js';
import type { SubscriberDataSource, SubscriberLookup } from '../subscriber-data/index.js';
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
