import { AppError } from '../common/app-error.js';

/** Keyset cursor over (name, id): opaque to clients, stable when authorities are added between pages. */
export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      if (/^[0-9a-f-]{36}$/.test(value[1])) return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
