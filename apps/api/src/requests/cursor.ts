import { IsoDateTime, Uuid } from '@writ/contracts';
import { AppError } from '../common/app-error.js';

/** Keyset cursor over (receivedAt, id), the list order: opaque to clients, stable under concurrent intake. */
export interface RequestCursor {
  receivedAt: Date;
  id: string;
}

export function encodeCursor(position: RequestCursor): string {
  return Buffer.from(JSON.stringify([position.receivedAt.toISOString(), position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): RequestCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Checked like any other input: a forged cursor must not reach PostgreSQL with a date it cannot hold.
    if (Array.isArray(value) && value.length === 2) {
      const receivedAt = IsoDateTime.safeParse(value[0]);
      const id = Uuid.safeParse(value[1]);
      if (receivedAt.success && id.success) return { receivedAt: new Date(receivedAt.data), id: id.data };
    }
  } catch {
    // not base64url JSON: fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
