import { SelectorType } from '@writ/contracts';
import { z } from 'zod';

/** How an order identifies an account (docs/DOMAIN.md, "Target"): by account id, username or phone number. */
export const Selector = z.strictObject({
  type: SelectorType,
  value: z.string().trim().min(1).max(256),
});
export type Selector = z.infer<typeof Selector>;

/**
 * Exact match only. Looser matching (case-folding usernames, reformatting phone numbers) could make an order
 * naming "Alice" reach the account "alice": normalising is the intake's job, done once, where a person sees it.
 */
export function sameSelector(a: Selector, b: Selector): boolean {
  return a.type === b.type && a.value === b.value;
}
