import type { DecisionSummary, DecisionView, LookupResult } from '@writ/contracts';
import { type DecidedItem, rejectionFor } from './rejection.js';

/** Read with every decision: the target it is about, as the view shows it. */
export const DECISION_INCLUDE = {
  target: { select: { id: true, selectorType: true, value: true, role: true, lookupResult: true } },
} as const;

export interface DecisionRow {
  id: string;
  requestId: string;
  category: string;
  outcome: string;
  reasons: unknown;
  policyHash: string;
  decidedById: string;
  decidedAt: Date;
  target: { id: string; selectorType: string; value: string; role: string; lookupResult: LookupResult | null };
}

/** Reasons as stored ([{ code, message }] from the engine); anything else reads as no reasons. */
function storedReasons(value: unknown): Array<{ code: string; message: string }> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const reason = item as { code?: unknown; message?: unknown } | null;
    return typeof reason?.code === 'string' && typeof reason.message === 'string'
      ? [{ code: reason.code, message: reason.message }]
      : [];
  });
}

export function toDecisionView(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    requestId: row.requestId,
    target: {
      id: row.target.id,
      selectorType: row.target.selectorType as DecisionView['target']['selectorType'],
      value: row.target.value,
      role: row.target.role as DecisionView['target']['role'],
      lookupResult: row.target.lookupResult,
    },
    category: row.category as DecisionView['category'],
    outcome: row.outcome as DecisionView['outcome'],
    reasons: storedReasons(row.reasons),
    policyHash: row.policyHash,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt.toISOString(),
  };
}

export function summarise(decisions: readonly DecidedItem[]): DecisionSummary {
  const released = decisions.filter((decision) => decision.outcome === 'RELEASE').length;
  return {
    total: decisions.length,
    released,
    denied: decisions.length - released,
    // No decisions yet is not a rejection.
    rejection: decisions.length === 0 ? null : rejectionFor(decisions),
  };
}
