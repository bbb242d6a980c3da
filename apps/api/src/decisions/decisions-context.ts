import type { Logger } from '@nestjs/common';
import type { CompiledPolicy } from '@writ/policy';
import type { AuditService } from '../audit/index.js';
import type { Env } from '../config/index.js';
import type { PrismaService } from '../database/index.js';
import type { SubscriberLookup } from '../subscriber-data/index.js';

/** What every decisions operation may use; DecisionsService builds it once. */
export interface DecisionsContext {
  prisma: PrismaService;
  audit: AuditService;
  /** The policy in force, compiled at boot. */
  policy: CompiledPolicy;
  /** Which account a target designates, asked only for targets something may be released for. */
  lookup: SubscriberLookup;
  env: Pick<Env, 'REGISTRY_KEY_MIN_AGE_HOURS'>;
  logger: Logger;
}
