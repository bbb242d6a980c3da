import { AppError } from '../common/index.js';
import { type StaffChange, type StaffChangeProposal, Uuid } from '@writ/contracts';
import type { StaffChange as StaffChangeRow } from '../generated/prisma/client.js';

/** What a row says its status is, read at `now`: a PENDING change past its expiry is EXPIRED, written or not. */
export function effectiveStatus(row: Pick<StaffChangeRow, 'status' | 'expiresAt'>, now = new Date()) {
  return row.status === 'PENDING' && row.expiresAt <= now ? 'EXPIRED' : row.status;
}

/** The admin's view of a proposed change. The payload holds only what the proposal would set (never a secret). */
export function staffChangeView(row: StaffChangeRow, now = new Date()): StaffChange {
  const payload = (row.payload ?? {}) as StaffChangeProposal;
  return {
    id: row.id,
    kind: row.kind,
    staffId: row.staffId,
    proposed: {
      ...(row.email === null ? {} : { email: row.email }),
      ...(payload.displayName === undefined ? {} : { displayName: payload.displayName }),
      ...(payload.roles === undefined ? {} : { roles: payload.roles }),
      ...(payload.rolesAdded === undefined ? {} : { rolesAdded: payload.rolesAdded }),
    },
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

/** Keyset cursor over (proposedAt, id), newest first: opaque to clients, stable when changes are proposed meanwhile. */
export function encodeChangeCursor(row: Pick<StaffChangeRow, 'proposedAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.proposedAt.toISOString(), row.id]), 'utf8').toString('base64url');
}

export function decodeChangeCursor(cursor: string): { proposedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string') {
      const proposedAt = new Date(value[0]);
      // Checked like any other input: a forged cursor must not reach PostgreSQL with a date it cannot hold, or an
      // id that only looks like a UUID.
      const year = proposedAt.getUTCFullYear();
      const id = Uuid.safeParse(value[1]);
      if (year >= 2000 && year <= 2999 && id.success) return { proposedAt, id: id.data };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
