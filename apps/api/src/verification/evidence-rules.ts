import type { RequestStatus } from '@writ/contracts';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';

/** Evidence is gathered during review, and may be added until decisions are recorded. */
const COLLECTING: readonly RequestStatus[] = ['IN_REVIEW', 'VERIFIED'];
/** The policy engine reads at most this many pieces of evidence per order. */
const MAX_EVIDENCE = 100;

export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path: [path], message }] });

export function assertCollecting(status: string): void {
  if ((COLLECTING as readonly string[]).includes(status)) return;
  throw new AppError(
    'CONFLICT',
    status === 'RECEIVED'
      ? 'The request is RECEIVED: start the review (→ IN_REVIEW) before recording or confirming verification evidence.'
      : `The request is ${status}: verification evidence is recorded and confirmed only while it is ${COLLECTING.join(' or ')}.`,
    { status },
  );
}

export async function assertRoom(tx: Tx, requestId: string): Promise<void> {
  const count = await tx.verification.count({ where: { requestId } });
  if (count >= MAX_EVIDENCE) {
    throw new AppError(
      'CONFLICT',
      `This request already has ${count} pieces of verification evidence, the most the policy reads.`,
      { count },
    );
  }
}
