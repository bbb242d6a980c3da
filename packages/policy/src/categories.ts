import { DataCategory, ReleasableCategory } from '@writ/contracts';

/**
 * docs/POLICY.md, "The invariant": message content, contacts, media and location are never disclosed. They get their
 * own reason code so that transparency reports can show "content disclosures: 0" next to how often it was asked.
 */
export const CONTENT_CATEGORIES: readonly DataCategory[] = ['MESSAGE_CONTENT', 'CONTACTS', 'MEDIA', 'LOCATION'];

/** Everything else that is not releasable: known categories outside the invariant. */
export const NOT_RELEASABLE_CATEGORIES: readonly DataCategory[] = DataCategory.options.filter(
  (category) => !ReleasableCategory.safeParse(category).success && !CONTENT_CATEGORIES.includes(category),
);

export type CategoryClass =
  | { kind: 'RELEASABLE'; category: ReleasableCategory }
  | { kind: 'CONTENT'; category: DataCategory }
  | { kind: 'NOT_RELEASABLE'; category: string | null };

/** Sorts whatever was asked for into the three classes; anything unrecognised is not releasable. */
export function classifyCategory(category: unknown): CategoryClass {
  if (category === 'IP_ADDRESS' || category === 'PHONE_NUMBER') return { kind: 'RELEASABLE', category };
  if (typeof category !== 'string') return { kind: 'NOT_RELEASABLE', category: null };
  const known = CONTENT_CATEGORIES.find((content) => content === category);
  if (known !== undefined) return { kind: 'CONTENT', category: known };
  return { kind: 'NOT_RELEASABLE', category };
}
