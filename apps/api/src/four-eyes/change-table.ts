import type { ErrorCode } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { PrismaService, Tx } from '../database/index.js';

/** The statuses both change tables share (StaffChangeStatus, RegistryChangeStatus). */
export type ChangeStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED' | 'EXPIRED';

/** The columns staff_change and registry_change share: everything the four-eyes steps read or write. */
export interface ChangeRow {
  id: string;
  kind: string;
  status: ChangeStatus;
  targetVersion: number | null;
  proposedById: string;
  proposedAt: Date;
  expiresAt: Date;
  decidedById: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

/**
 * One table of proposals under four eyes, as the shared steps reach it (staff/staff-change-table.ts,
 * authorities/registry-change-table.ts). The rule is the same for both: a different admin decides, a change past
 * its expiry is closed, a decided change is final.
 */
export interface ChangeTable<Row extends ChangeRow, View> {
  /** Prisma's model, and the SQL table it maps to (spliced into SQL, so only from this closed list). */
  model: 'staffChange' | 'registryChange';
  table: 'staff_change' | 'registry_change';
  /** Names a change in messages: "This staff change does not exist". */
  noun: 'staff change' | 'registry change';
  /** The routes' prefix, for messages that send the caller to another route. */
  route: '/staff-changes' | '/registry-changes';
  codes: { pending: ErrorCode; notPending: ErrorCode; expired: ErrorCode; stale: ErrorCode };
  /** One process at a time closes expired changes of this table (pg_try_advisory_xact_lock). */
  expiryLock: bigint;
  /** Read with every row (the registry's key and channel). */
  include?: Record<string, unknown>;
  /** What a change is about, as its audit events name it: { staffId } or { authorityId }. */
  subject(row: Row): { staffId: string | null } | { authorityId: string };
  /** The admin's view of a change, read at `now`. */
  view(row: Row, now: Date): View;
}

/** What the shared steps need: the database and the audit log. */
export interface FourEyesContext {
  prisma: PrismaService;
  audit: AuditService;
}

/** The calls the shared steps make on either model's Prisma delegate (the columns above). */
export interface ChangeDelegate<Row> {
  findMany(args: { where: object; orderBy?: object; take?: number; include?: object }): Promise<Row[]>;
  findUnique(args: { where: { id: string }; include?: object }): Promise<Row | null>;
  findUniqueOrThrow(args: { where: { id: string }; include?: object }): Promise<Row>;
  findFirst(args: { where: object; select: { id: true } }): Promise<{ id: string } | null>;
  create(args: { data: object; include?: object }): Promise<Row>;
  update(args: { where: { id: string }; data: object; include?: object }): Promise<Row>;
}

/**
 * The table's Prisma delegate. Prisma types each model's delegate apart, though both tables have the columns the
 * shared steps use; they reach either through this one shape.
 */
export function changes<Row extends ChangeRow>(
  db: PrismaService | Tx,
  table: ChangeTable<Row, unknown>,
): ChangeDelegate<Row> {
  return db[table.model] as unknown as ChangeDelegate<Row>;
}

/** What a row says its status is, read at `now`: a PENDING change past its expiry is EXPIRED, written or not. */
export function effectiveStatus(row: Pick<ChangeRow, 'status' | 'expiresAt'>, now = new Date()): ChangeStatus {
  return row.status === 'PENDING' && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

/** The fields every change's view shows the same way. */
export function changeFields(row: ChangeRow, now = new Date()) {
  return {
    id: row.id,
    targetVersion: row.targetVersion,
    status: effectiveStatus(row, now),
    proposedBy: row.proposedById,
    proposedAt: row.proposedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedBy: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
  };
}
