import type { SelectorType } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import type { Tx } from '../database/index.js';
import type { Lookup, SubscriberLookup } from './subscriber-lookup.js';

export interface TargetToLookUp {
  id: string;
  selectorType: string;
  value: string;
}

/**
 * Asks the store which account each target designates, one at a time. The store may be the platform's own (a
 * remote service), so call this outside any transaction. Failures are returned, not thrown: recording decisions
 * goes on without them (disclosure asks again), while preparing a package cannot.
 */
export async function lookUpTargets(
  lookup: SubscriberLookup,
  targets: readonly TargetToLookUp[],
): Promise<{ found: Array<{ id: string; lookup: Lookup }>; failed: Array<{ id: string; error: Error }> }> {
  const found: Array<{ id: string; lookup: Lookup }> = [];
  const failed: Array<{ id: string; error: Error }> = [];
  for (const target of targets) {
    try {
      found.push({
        id: target.id,
        lookup: await lookup.resolve({ type: target.selectorType as SelectorType, value: target.value }),
      });
    } catch (error) {
      failed.push({ id: target.id, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { found, failed };
}

/** Stores each target's lookup result with its audit event (the account id is personal: kept off the public leaf). */
export async function storeTargetLookups(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  requestId: string,
  found: ReadonlyArray<{ id: string; lookup: Lookup }>,
): Promise<void> {
  for (const { id, lookup } of found) {
    await tx.target.update({
      where: { id },
      data: { lookupResult: lookup.result, resolvedAccountId: lookup.accountId },
      select: { id: true },
    });
    await audit.record(tx, {
      actor,
      action: 'target.looked_up',
      subjectType: 'request',
      subjectId: requestId,
      details: { targetId: id, lookupResult: lookup.result },
      ...(lookup.accountId === null ? {} : { personal: { accountId: lookup.accountId } }),
    });
  }
}
