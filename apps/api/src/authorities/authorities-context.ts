import type { AuditService } from '../audit/index.js';
import type { PrismaService } from '../database/index.js';

/** What every operation on the registry may use; AuthoritiesService builds it once. */
export interface AuthoritiesContext {
  prisma: PrismaService;
  audit: AuditService;
  /** How long a proposed registry change waits for a second admin (REGISTRY_CHANGE_TTL_HOURS). */
  changeTtlMs: number;
}
