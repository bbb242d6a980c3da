import 'server-only';
import { GetStaff } from '@writ/contracts';
import { getAsStaff } from '@/lib/staff-api';

/**
 * Names for the staff ids on an admin page, "Name (email)", each account asked for once (GET /staff/{id}) and side
 * by side. One that cannot be looked up is left out: the page then shows its id and still works.
 */
export async function staffNames(ids: Iterable<string>): Promise<Record<string, string>> {
  const found = await Promise.all([...new Set(ids)].map((id) => getAsStaff(GetStaff, { params: { id } })));
  const names: Record<string, string> = {};
  for (const result of found) {
    if (result.ok) names[result.data.id] = `${result.data.displayName} (${result.data.email})`;
  }
  return names;
}

/** A person on an admin page by name, and "you" when it is the person reading. */
export function personWords(id: string, names: Record<string, string>, me: string): string {
  const name = names[id] ?? id;
  return id === me ? `${name}, you` : name;
}
