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
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const receivedAt = new Date(value[0]);
      if (
        !Number.isNaN(receivedAt.getTime()) &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value[1])
      ) {
        return { receivedAt, id: value[1] };
      }
    }
  } catch {
    // not base64url JSON: fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
