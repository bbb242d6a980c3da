import type { CategoryClass } from '../categories.js';
import { type Reason, reason } from '../reason-code.js';

/** docs/POLICY.md, "The invariant": only IP_ADDRESS and PHONE_NUMBER, whatever else holds. */
export function checkCategory(category: CategoryClass, out: Reason[]): void {
  if (category.kind === 'CONTENT') {
    out.push(
      reason(
        'CONTENT_NEVER_DISCLOSED',
        `${category.category} is never disclosed, whatever the order says: Writ releases only IP addresses and phone numbers.`,
      ),
    );
  } else if (category.kind === 'NOT_RELEASABLE') {
    out.push(
      reason(
        'CATEGORY_NOT_RELEASABLE',
        category.category === null
          ? 'The requested category is not a category name; only IP_ADDRESS and PHONE_NUMBER can be released.'
          : `${JSON.stringify(category.category.slice(0, 64))} is not releasable; only IP_ADDRESS and PHONE_NUMBER can be released.`,
      ),
    );
  }
}
