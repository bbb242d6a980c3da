import { IsoDateTime, type RequestSort, Uuid } from '@writ/contracts';
import { AppError } from '../common/app-error.js';

/**
 * Keyset cursor: the sort it was issued for, that sort's key of the last row, and its id. Opaque to clients,
 * stable under concurrent intake. The key is receivedAt for "received" and dueAt (null: no due date, sorted last)
 * for "deadline".
 */
export interface RequestCursor {
  sort: RequestSort;
  key: Date | null;
  id: string;
}

export function encodeCursor(position: RequestCursor): string {
  return Buffer.from(
    JSON.stringify([position.sort, position.key ? position.key.toISOString() : null, position.id]),
    'utf8',
  ).toString('base64url');
}

const forged = () =>
  new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued for this sort; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued for this sort' }],
  });

/** A cursor of another sort is refused, not reinterpreted: its key would mean something else. */
export function decodeCursor(cursor: string, sort: RequestSort): RequestCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw forged();
  }
  // Checked like any other input: a forged cursor must not reach PostgreSQL with a date it cannot hold.
  if (!Array.isArray(value) || value.length !== 3 || value[0] !== sort) throw forged();
  const id = Uuid.safeParse(value[2]);
  if (!id.success) throw forged();
  // Only the deadline sort has rows without a key (no due date).
  if (value[1] === null && sort === 'deadline') return { sort, key: null, id: id.data };
  const key = IsoDateTime.safeParse(value[1]);
  if (!key.success) throw forged();
  return { sort, key: new Date(key.data), id: id.data };
}
