import type { CompiledPolicy } from '@writ/policy';
import type { AuditService } from '../audit/index.js';
import type { AuthoritiesService } from '../authorities/index.js';
import type { PrismaService } from '../database/index.js';
import type { DocumentStorage } from '../storage/index.js';

/** What every verification operation may use; VerificationService builds it once. */
export interface VerificationContext {
  prisma: PrismaService;
  audit: AuditService;
  /** The registry an order's signature and call-back channel are checked against. */
  authorities: AuthoritiesService;
  /** The order's bytes and its detached signature. */
  storage: DocumentStorage;
  /** The policy in force: the one definition of "verified". */
  policy: CompiledPolicy;
}
