import type { AuditDetails } from '@writ/contracts';
import type { AuditInput, AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';

/** The reads of what hangs off a request that are logged. */
export type RequestRead = 'decisions.read' | 'disclosures.read' | 'verifications.read';

/**
 * Records, in the caller's transaction, that `actor` read what hangs off a request: evidence, decisions and
 * packages name people and selectors, so each read of them is an event, with the request as its subject.
 */
export function recordRead<A extends RequestRead>(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  requestId: string,
  action: A,
  details: AuditDetails<A>,
): Promise<bigint> {
  // A generic action: TypeScript cannot narrow the input's conditional type; prepareEvent checks it at run time.
  return audit.record(tx, {
    actor,
    action,
    subjectType: 'request',
    subjectId: requestId,
    details,
  } as unknown as AuditInput<A>);
}
