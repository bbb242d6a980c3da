import { randomUUID } from 'node:crypto';
import type { CreateRequest } from '@writ/contracts';
import { toDateOrNull } from './request-rules.js';

/** Target rows for targets as sent (at intake or added later): each a fresh id, its window as dates, not looked up. */
export function newTargets(input: CreateRequest['targets'], now: Date) {
  return input.map((target) => ({
    id: randomUUID(),
    selectorType: target.selectorType,
    value: target.value,
    role: target.role,
    namedInOrder: target.namedInOrder,
    windowStart: toDateOrNull(target.windowStart),
    windowEnd: toDateOrNull(target.windowEnd),
    resolvedAccountId: null,
    lookupResult: null,
    createdAt: now,
  }));
}

type NewTarget = ReturnType<typeof newTargets>[number];

/** What an audit event's public leaf shows of targets: never the selector value. */
export const publicTargets = (targets: NewTarget[]) =>
  targets.map(({ id, selectorType, role, namedInOrder }) => ({ id, selectorType, role, namedInOrder }));

/** The selector values, as the event's personal identifiers (commitments only in public). */
export const targetValues = (targets: NewTarget[]) =>
  Object.fromEntries(targets.map((target) => [`target:${target.id}`, target.value]));
