import { z } from 'zod';
import { AppError } from './app-error.js';

/**
 * One codec for every list's keyset cursor: the last row's sort key as a JSON tuple, base64url, opaque to clients.
 *
 * Decoding parses the tuple with the list's own zod schema, like any other input, so a forged cursor gets
 * VALIDATION_FAILED here instead of reaching PostgreSQL with a value it cannot hold (a NUL in text, a uuid
 * look-alike, a date out of range) and failing as a 500.
 */
export function keysetCursor<Schema extends z.ZodTuple>(schema: Schema) {
  return {
    encode(position: z.input<Schema>): string {
      return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
    },
    decode(cursor: string): z.output<Schema> {
      let parsed;
      try {
        // A check that throws on a value it did not expect is a refusal too, never a 500.
        parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      } catch {
        throw notACursor();
      }
      if (!parsed.success) throw notACursor();
      return parsed.data;
    },
  };
}

function notACursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'cursor: not a cursor this API issued; start again without one', {
    issues: [{ path: ['cursor'], message: 'not a cursor this API issued' }],
  });
}

/** Text a cursor may carry as a sort key: what PostgreSQL's text can hold, no longer than the column allows. */
export function cursorText(maxLength: number) {
  return z
    .string()
    .max(maxLength)
    .refine((value) => !value.includes('\u0000'));
}

const bigintKey = keysetCursor(
  z.tuple([
    // One refine, not regex then refine: zod runs every check even after one failed, and BigInt('x') throws.
    z.string().refine((id) => /^[1-9][0-9]{0,18}$/.test(id) && BigInt(id) <= 9223372036854775807n),
  ]),
);

/**
 * A cursor over one positive bigint key that PostgreSQL can hold (an audit event's id, a checkpoint's tree size),
 * carried as text: JSON numbers lose precision past 2^53.
 */
export const bigintCursor = {
  encode: (key: bigint): string => bigintKey.encode([key.toString()]),
  decode: (cursor: string): bigint => BigInt(bigintKey.decode(cursor)[0]),
};
