import type { LookupResult, SelectorType } from '@writ/contracts';

/**
 * Which platform account, if any, an identifier named in an order designates (docs/DOMAIN.md, Target: "resolved
 * account", "lookup result"). Separate from SubscriberDataSource on purpose: resolving an identifier reads no
 * subscriber data, and disclosure must not be handed more than the two reads it needs.
 */
export interface SubscriberLookup {
  resolve(selector: { type: SelectorType; value: string }): Promise<Lookup>;
}

export type Lookup =
  | { result: Extract<LookupResult, 'FOUND'>; accountId: string }
  | { result: Exclude<LookupResult, 'FOUND'>; accountId: null };

export const SUBSCRIBER_LOOKUP = Symbol('writ:subscriber-lookup');
