import { IsoDateTime, RequestSort, Uuid } from '@writ/contracts';
import { z } from 'zod';
import { AppError, keysetCursor } from '../common/index.js';

/**
 * Keyset cursor: the sort it was issued for, that sort's key of the last row, and its id. Opaque to clients,
 * stable under concurrent intake. The key is receivedAt for "received" and dueAt (null: no due date, sorted last)
 * for "deadline", whose cursor also says whether the last row was in its second part, the answered requests.
 */
export interface RequestCursor {
  sort: RequestSort;
  key: Date | null;
  id: string;
  /** Deadline sort: the last row was an answered request (the open ones all come before). */
  answered: boolean;
}

// The fourth element is absent from cursors issued before the deadline sort put answered requests last: those
// were all read as the open part, which is where such a walk was.
const cursor = keysetCursor(z.tuple([RequestSort, IsoDateTime.nullable(), Uuid, z.boolean().optional()]));

export function encodeCursor(position: RequestCursor): string {
  const key = position.key ? position.key.toISOString() : null;
  return position.sort === 'deadline'
    ? cursor.encode([position.sort, key, position.id, position.answered])
    : cursor.encode([position.sort, key, position.id]);
}

/** A cursor of another sort is refused, not reinterpreted: its key would mean something else. */
export function decodeCursor(value: string, sort: RequestSort): RequestCursor {
  const [issuedFor, key, id, answered] = cursor.decode(value);
  // Only the deadline sort has rows without a key (no due date), or parts.
  if (issuedFor !== sort || (sort !== 'deadline' && (key === null || answered !== undefined))) {
    throw new AppError(
      'VALIDATION_FAILED',
      'cursor: not a cursor this API issued for this sort; start again without one',
      {
        issues: [{ path: ['cursor'], message: 'not a cursor this API issued for this sort' }],
      },
    );
  }
  return { sort, key: key === null ? null : new Date(key), id, answered: answered ?? false };
}
