import { isIP } from 'node:net';
import type { PackageItem, ReleasableCategory } from '@writ/contracts';
import type { SubscriberDataSource } from '../subscriber-data/index.js';

/** What one stored RELEASE decision authorises, with the account its target resolved to. */
export interface ReleasePlan {
  decisionId: string;
  targetId: string;
  category: ReleasableCategory;
  /** null: the target designates no account (NOT_FOUND, INVALID); nothing is released for it. */
  accountId: string | null;
  /** IP_ADDRESS: the decision's window, both ends included. */
  window: { start: Date; end: Date } | null;
}

const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Reads exactly what the plans authorise from the subscriber-data source and hands the released values to `emit`,
 * in plan order, a page at a time (never an empty page). The source is asked only for the plan's account and window; what it answers is checked again
 * (a platform's own source could be wrong): a connection outside the window, or a value that is not an IP address
 * or a phone number, is never emitted. The database's CHECKs on released_item are the next line.
 */
export async function releaseItems(
  source: SubscriberDataSource,
  plans: readonly ReleasePlan[],
  emit: (items: readonly PackageItem[]) => Promise<void>,
): Promise<{ emitted: number; dropped: number }> {
  let emitted = 0;
  let dropped = 0;
  for (const plan of plans) {
    if (plan.accountId === null) continue;
    const { decisionId, targetId } = plan;
    if (plan.category === 'PHONE_NUMBER') {
      const number = await source.phoneNumber(plan.accountId);
      if (number === null) continue;
      if (!E164.test(number)) {
        dropped += 1;
        continue;
      }
      await emit([{ decisionId, targetId, category: 'PHONE_NUMBER', value: number, observedAt: null }]);
      emitted += 1;
      continue;
    }
    const window = plan.window;
    if (window === null || !(window.start.getTime() <= window.end.getTime())) continue;
    const start = window.start.getTime();
    const end = window.end.getTime();
    for await (const page of source.connections(plan.accountId, window)) {
      const items: PackageItem[] = [];
      for (const connection of page) {
        const at = connection.at.getTime();
        if (!(at >= start && at <= end) || isIP(connection.ip) === 0) {
          dropped += 1;
          continue;
        }
        items.push({
          decisionId,
          targetId,
          category: 'IP_ADDRESS',
          value: connection.ip,
          observedAt: connection.at.toISOString(),
        });
      }
      if (items.length === 0) continue;
      await emit(items);
      emitted += items.length;
    }
  }
  return { emitted, dropped };
}
