import { DataCategory } from '@writ/contracts';
import type { CategoryClass } from '../categories.js';
import { type Reason, reason } from '../reason-code.js';
import { categoryWords } from '../words.js';

const isDataCategory = (value: string): value is DataCategory => DataCategory.safeParse(value).success;

/** docs/POLICY.md, "The invariant": only IP_ADDRESS and PHONE_NUMBER, whatever else holds. */
export function checkCategory(category: CategoryClass, out: Reason[]): void {
  if (category.kind === 'CONTENT') {
    out.push(
      reason(
        'CONTENT_NEVER_DISCLOSED',
        `Writ never discloses ${categoryWords(category.category)}, whatever the order says: it releases only IP addresses and phone numbers.`,
      ),
    );
  } else if (category.kind === 'NOT_RELEASABLE') {
    out.push(
      reason(
        'CATEGORY_NOT_RELEASABLE',
        category.category === null
          ? 'What was asked for is not a kind of data Writ knows; only IP addresses and phone numbers can be released.'
          : `Writ cannot release ${isDataCategory(category.category) ? categoryWords(category.category) : JSON.stringify(category.category.slice(0, 64))}; only IP addresses and phone numbers.`,
      ),
    );
  }
}
