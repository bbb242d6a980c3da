import { Uuid } from '@writ/contracts';
import { AppError } from '../common/app-error.js';

/** Longest authority name the registry stores (AuthorityName): a longer one cannot be a position in the list. */
const MAX_NAME_LENGTH = 200;

/** Keyset cursor over (name, id): opaque to clients, stable when authorities are added between pages. */
export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Checked like any other input: PostgreSQL cannot hold a NUL in text, nor compare a uuid with a look-alike.
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string') {
      const name = value[0];
      const id = Uuid.safeParse(value[1]);
      if (id.success && name.length <= MAX_NAME_LENGTH && !name.includes('\u0000')) return { name, id: id.data };
    }
  } catch {
    // fall through
  }
  throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}
