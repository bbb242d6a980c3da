import type { Authority as AuthorityRow } from '../generated/prisma/client.js';

/** The fields a PATCH or an approved UPDATE_AUTHORITY may set. */
export interface AuthorityFields {
  name?: string | undefined;
  kind?: AuthorityRow['kind'] | undefined;
  country?: string | undefined;
  jurisdiction?: string | undefined;
}

export type AuthorityChanges = Partial<Record<keyof AuthorityFields, { from: string; to: string }>>;

/** What `wanted` changes on `current`, field by field, as the audit event shows it (from → to). */
export function diffAuthority(current: AuthorityRow, wanted: AuthorityFields): AuthorityChanges {
  const changes: AuthorityChanges = {};
  for (const [field, value] of Object.entries(wanted) as [keyof AuthorityFields, string | undefined][]) {
    if (value !== undefined && value !== current[field]) changes[field] = { from: current[field], to: value };
  }
  return changes;
}

/** The new values of a diff, as the row's update data. */
export const newValues = (changes: AuthorityChanges) =>
  Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to]));
