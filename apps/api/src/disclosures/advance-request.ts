import type { TransitionRequest } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import { type RequestRow, transitionRequest } from '../requests/index.js';
import type { DisclosureContext } from './disclosure-context.js';

/**
 * The request follows its package: one lifecycle step driven by the disclosure workflow, in the caller's
 * transaction, against the version the caller locked.
 */
export function advanceRequest(
  tx: Tx,
  ctx: DisclosureContext,
  actor: Identity,
  request: RequestRow,
  step: Pick<TransitionRequest, 'to' | 'reason'>,
  now: Date,
) {
  return transitionRequest(tx, ctx.audit, actor, request.id, { ...step, version: request.version }, now, 'disclosure');
}
