import type { DataCategory } from '@writ/contracts';
import type { CategoryClass } from '../categories.js';
import { type Reason, reason } from '../reason-code.js';
import { CATEGORY_WORDS } from '../words.js';

/** docs/POLICY.md, "The invariant": only IP_ADDRESS and PHONE_NUMBER, whatever else holds. */
export function checkCategory(category: CategoryClass, out: Reason[]): void {
  if (category.kind === 'CONTENT') {
    out.push(
      reason(
        'CONTENT_NEVER_DISCLOSED',
        `${CATEGORY_WORDS[category.category]} is never disclosed, whatever the order says: Writ releases only IP addresses and phone numbers.`,
      ),
    );
  } else if (category.kind === 'NOT_RELEASABLE') {
    out.push(
      reason(
        'CATEGORY_NOT_RELEASABLE',
        category.category === null
          ? 'What was asked for is not a kind of data Writ knows; only IP addresses and phone numbers can be released.'
          : `${category.category in CATEGORY_WORDS ? CATEGORY_WORDS[category.category as DataCategory] : JSON.stringify(category.category.slice(0, 64))} cannot be released; only IP addresses and phone numbers can.`,
      ),
    );
  }
}
