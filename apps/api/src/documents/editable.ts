import type { RequestStatus } from '@writ/contracts';
import { AppError, notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';

/** Documents can be attached only before verification starts to rely on them (docs/DOMAIN.md, request lifecycle). */
export const EDITABLE_STATUSES: readonly RequestStatus[] = ['RECEIVED', 'IN_REVIEW'];

/**
 * Refuses unless the request exists and is editable. Inside a transaction the row is share-locked, so its status
 * cannot move on until the document that depends on it has committed (other uploads are not blocked).
 */
export async function assertEditable(db: PrismaService | Tx, requestId: string, lock: boolean): Promise<void> {
  const rows = lock
    ? await db.$queryRaw<
        { status: RequestStatus }[]
      >`SELECT status::text AS status FROM request WHERE id = ${requestId}::uuid FOR SHARE`
    : await db.$queryRaw<
        { status: RequestStatus }[]
      >`SELECT status::text AS status FROM request WHERE id = ${requestId}::uuid`;
  const status = rows[0]?.status;
  if (!status) throw notFound('This request');
  if (!EDITABLE_STATUSES.includes(status)) {
    throw new AppError(
      'NOT_EDITABLE',
      `This request is ${status}; documents can be attached only while it is ${EDITABLE_STATUSES.join(' or ')}.`,
      { status },
    );
  }
}
