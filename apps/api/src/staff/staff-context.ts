import type { AuditService } from '../audit/index.js';
import type { IdentityCache } from '../auth/index.js';
import type { PrismaService } from '../database/index.js';

/** What every staff operation may use; StaffService builds it once. */
export interface StaffContext {
  prisma: PrismaService;
  audit: AuditService;
  /** Forgets cached identities once a write that changes who a token speaks for has settled. */
  identities: IdentityCache;
  /** How long a proposed change waits for a second admin (STAFF_CHANGE_TTL_HOURS). */
  changeTtlMs: number;
}
