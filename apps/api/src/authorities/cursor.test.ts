import fc from 'fast-check';
import { AppError } from '../common/app-error';
import { decodeCursor, encodeCursor } from './cursor';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const refused = (cursor: string) => {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error instanceof AppError && error.code === 'VALIDATION_FAILED';
  }
  return false;
};

describe('authority list cursor', () => {
  it('gives back what it encoded', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((name) => !name.includes('\u0000')),
        fc.uuid(),
        (name, id) => {
          expect(decodeCursor(encodeCursor(name, id))).toEqual({ name, id });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['an id that only looks like a UUID', forge(['Amtsgericht', '-'.repeat(36)])],
    ['an id that is not a UUID', forge(['Amtsgericht', 'abc'])],
    ['a NUL in the name', forge(['Amts\u0000gericht', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['a name longer than any authority', forge(['x'.repeat(201), '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['a name that is not text', forge([7, '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['not JSON', 'bm90IGpzb24'],
  ])('refuses %s with VALIDATION_FAILED', (_name, cursor) => {
    expect(refused(cursor)).toBe(true);
  });

  it('answers anything with a position PostgreSQL can hold, or VALIDATION_FAILED; never throws otherwise', () => {
    const part = fc.oneof(fc.string(), fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/), fc.jsonValue());
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(part, part).map(forge), fc.jsonValue().map(forge)), (cursor) => {
        let position: { name: string; id: string };
        try {
          position = decodeCursor(cursor);
        } catch (error) {
          expect(error instanceof AppError && error.code).toBe('VALIDATION_FAILED');
          return;
        }
        expect(position.name).not.toContain('\u0000');
        expect(position.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }),
      { numRuns: RUNS },
    );
  });
});
