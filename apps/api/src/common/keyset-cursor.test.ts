import fc from 'fast-check';
import { IsoDateTime, Uuid } from '@writ/contracts';
import { z } from 'zod';
import { AppError } from './app-error';
import { bigintCursor, cursorText, keysetCursor } from './keyset-cursor';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// The shape the request list and the registry-change list use: (instant, id).
const byTime = keysetCursor(z.tuple([IsoDateTime, Uuid]));

function refusal(decode: () => unknown): string | undefined {
  try {
    decode();
  } catch (error) {
    return error instanceof AppError ? error.code : 'THREW_SOMETHING_ELSE';
  }
  return undefined;
}

describe('keyset cursor', () => {
  it('gives back the position it encoded', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        fc.uuid(),
        (at, id) => {
          expect(byTime.decode(byTime.encode([at.toISOString(), id]))).toEqual([at.toISOString(), id]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([
    // Found by CI: 36 characters of hex and dashes passed a regex and reached PostgreSQL's uuid cast as a 500.
    [
      'an id of hex and dashes that is not a UUID',
      forge(['2000-01-01T00:00:00.000Z', 'a0-0-00-0000--a-a--00a0aa0000aaaa--a']),
    ],
    ['a date PostgreSQL cannot hold', forge(['+275760-09-13T00:00:00.000Z', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['a tuple too long', forge(['2000-01-01T00:00:00.000Z', '1b4e28ba-2fa1-41d2-883f-0016d3cca427', 1])],
    ['not JSON', 'bm90IGpzb24'],
    ['not base64url JSON at all', '%%%'],
  ])('refuses %s with VALIDATION_FAILED', (_name, cursor) => {
    expect(refusal(() => byTime.decode(cursor))).toBe('VALIDATION_FAILED');
  });

  it('refuses text PostgreSQL cannot hold or longer than the column', () => {
    const byName = keysetCursor(z.tuple([cursorText(10)]));
    expect(refusal(() => byName.decode(forge(['a\u0000b'])))).toBe('VALIDATION_FAILED');
    expect(refusal(() => byName.decode(forge(['x'.repeat(11)])))).toBe('VALIDATION_FAILED');
    expect(byName.decode(forge(['x'.repeat(10)]))).toEqual(['x'.repeat(10)]);
  });

  it('answers any string with a valid position or VALIDATION_FAILED, never anything else', () => {
    const part = fc.oneof(
      fc.string(),
      fc.uuid(),
      fc.stringMatching(/^[0-9a-f-]{36}$/),
      fc.date().map(String),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(part, part).map(forge), fc.jsonValue().map(forge)), (cursor) => {
        const outcome = refusal(() => byTime.decode(cursor));
        if (outcome !== undefined) return expect(outcome).toBe('VALIDATION_FAILED');
        const [at, id] = byTime.decode(cursor);
        expect(Number.isNaN(Date.parse(at))).toBe(false);
        expect(id).toMatch(UUID);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('keyset cursor with a schema whose check throws', () => {
  it('refuses with VALIDATION_FAILED instead of passing the exception on', () => {
    const byNumber = keysetCursor(z.tuple([z.string().refine((id) => BigInt(id) > 0n)]));
    expect(refusal(() => byNumber.decode(forge(['[]'])))).toBe('VALIDATION_FAILED');
    expect(byNumber.decode(forge(['12']))).toEqual(['12']);
  });
});

describe('bigint cursor (audit event ids, checkpoint sizes)', () => {
  const INT64_MAX = 9223372036854775807n;

  it('gives back every key PostgreSQL’s bigint can hold from 1 up, beyond 2^53 too', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: INT64_MAX }), (key) => {
        expect(bigintCursor.decode(bigintCursor.encode(key))).toBe(key);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses anything else with VALIDATION_FAILED: zero, negatives, past int64, leading zeros, non-numbers', () => {
    for (const bad of ['0', '-1', (INT64_MAX + 1n).toString(), '007', '1e3', ' 1', 'abc', ''])
      expect(refusal(() => bigintCursor.decode(forge([bad])))).toBe('VALIDATION_FAILED');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map(forge)), (cursor) => {
        const outcome = refusal(() => bigintCursor.decode(cursor));
        if (outcome !== undefined) return expect(outcome).toBe('VALIDATION_FAILED');
        const key = bigintCursor.decode(cursor);
        expect(key >= 1n && key <= INT64_MAX).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
