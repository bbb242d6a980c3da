import { IsoDateTime, RequestSort, Uuid } from '@writ/contracts';
import { z } from 'zod';
import { AppError, keysetCursor } from '../common/index.js';

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

const cursor = keysetCursor(z.tuple([RequestSort, IsoDateTime.nullable(), Uuid]));

export function encodeCursor(position: RequestCursor): string {
  return cursor.encode([position.sort, position.key ? position.key.toISOString() : null, position.id]);
}

/** A cursor of another sort is refused, not reinterpreted: its key would mean something else. */
export function decodeCursor(value: string, sort: RequestSort): RequestCursor {
  const [issuedFor, key, id] = cursor.decode(value);
  // Only the deadline sort has rows without a key (no due date).
  if (issuedFor !== sort || (key === null && sort !== 'deadline')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'cursor: not a cursor this API issued for this sort; start again without one',
      {
        issues: [{ path: ['cursor'], message: 'not a cursor this API issued for this sort' }],
      },
    );
  }
  return { sort, key: key === null ? null : new Date(key), id };
}
