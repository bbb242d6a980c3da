import type { StaffChange, StaffChangeProposal } from '@writ/contracts';
import { AppError } from '../common/index.js';
import { type ChangeTable, changeFields } from '../four-eyes/index.js';
import type { StaffChange as StaffChangeRow } from '../generated/prisma/client.js';

/** staff_change under the shared four-eyes steps (four-eyes/). */
export const STAFF_CHANGES: ChangeTable<StaffChangeRow, StaffChange> = {
  model: 'staffChange',
  table: 'staff_change',
  noun: 'staff change',
  route: '/staff-changes',
  codes: {
    pending: 'STAFF_CHANGE_PENDING',
    notPending: 'STAFF_CHANGE_NOT_PENDING',
    expired: 'STAFF_CHANGE_EXPIRED',
    stale: 'STAFF_CHANGE_STALE',
  },
  // "writsc" (other Writ locks: "writ" for the log, "writid" for keys, "writrc" for registry changes).
  expiryLock: 0x7772_6974_7363n,
  subject: (row) => ({ staffId: row.staffId }),
  view: staffChangeView,
};

/** The admin's view of a proposed change. The payload holds only what the proposal would set (never a secret). */
export function staffChangeView(row: StaffChangeRow, now = new Date()): StaffChange {
  const payload = (row.payload ?? {}) as StaffChangeProposal;
  return {
    ...changeFields(row, now),
    kind: row.kind,
    staffId: row.staffId,
    proposed: {
      ...(row.email === null ? {} : { email: row.email }),
      ...(payload.displayName === undefined ? {} : { displayName: payload.displayName }),
      ...(payload.roles === undefined ? {} : { roles: payload.roles }),
      ...(payload.rolesAdded === undefined ? {} : { rolesAdded: payload.rolesAdded }),
    },
  };
}

/** Else the person a reset or re-enable is about could wave through, or turn away, what two admins decide. */
export function refuseOwnAccount(change: StaffChangeRow, staffId: string, verb: 'approve' | 'reject'): void {
  if (change.staffId !== staffId) return;
  throw new AppError(
    'SEPARATION_OF_DUTIES',
    `This change is to your own account: an admin other than you and its proposer must ${verb} it.`,
  );
}
