import { EDITABLE_STATUSES, isEditable, type RequestStatus } from '@writ/contracts';
import { AppError, notFound } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { RequestRow } from './request-view.js';

/**
 * Every write to a request starts here: the row is locked (FOR UPDATE) for the rest of the transaction, so two
 * writers naming the same version are serialised and the second one finds the version moved on (409), instead of
 * both succeeding on a stale read.
 */
export async function lockRequest(tx: Tx, id: string): Promise<RequestRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM request WHERE id = ${id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound(`Request ${id}`);
  const row = await tx.request.findUnique({ where: { id } });
  if (!row) throw notFound(`Request ${id}`);
  return row;
}

export function expectVersion(row: Pick<RequestRow, 'version'>, version: number): void {
  if (row.version !== version) {
    throw new AppError(
      'VERSION_CONFLICT',
      `The request changed since you read it (you sent version ${version}; it is at version ${row.version}). ` +
        'Reload it and make your change again.',
      { currentVersion: row.version },
    );
  }
}

export async function expectEditable(tx: Tx, row: Pick<RequestRow, 'id' | 'status'>): Promise<void> {
  if (!isEditable(row.status as RequestStatus)) {
    throw new AppError(
      'NOT_EDITABLE',
      `The request is ${row.status}; its intake data can be changed only while it is ${EDITABLE_STATUSES.join(' or ')}.`,
      { status: row.status },
    );
  }
  // Verification evidence vouches for the order as it was recorded: were its targets or details edited afterwards,
  // a confirmation would cover an order nobody verified (e.g. a suspect added after the court call-back).
  const evidence = await tx.verification.count({ where: { requestId: row.id } });
  if (evidence > 0) {
    throw new AppError(
      'NOT_EDITABLE',
      'Verification evidence has been recorded for this order, so its intake data are frozen. If the order itself ' +
        'was wrong, reject or withdraw the request and log the corrected order as a new one.',
      { status: row.status, verifications: evidence },
    );
  }
}
