import fc from 'fast-check';
import { AppError } from '../common/index.js';
import { decodeChangeCursor, encodeChangeCursor } from './change-cursor.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// One cursor for staff changes and registry changes: (proposedAt, id), newest first.
describe('change list cursor', () => {
  it('gives back what it encoded', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.uuid(),
        (proposedAt, id) => {
          expect(decodeChangeCursor(encodeChangeCursor({ proposedAt, id }))).toEqual({ proposedAt, id });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it.each([
    ['an id that only looks like a UUID', forge(['2026-12-03T10:00:00.000Z', '-'.repeat(36)])],
    ['an id of 36 hex digits without dashes', forge(['2026-12-03T10:00:00.000Z', '0'.repeat(36)])],
    ['a date PostgreSQL cannot hold', forge(['+275760-09-13T00:00:00.000Z', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['a date without a time zone', forge(['2026-12-03T10:00:00', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'])],
    ['three parts', forge(['2026-12-03T10:00:00.000Z', '1b4e28ba-2fa1-41d2-883f-0016d3cca427', 1])],
  ])('refuses %s with VALIDATION_FAILED', (_name, cursor) => {
    expect(() => decodeChangeCursor(cursor)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }) as unknown as Error,
    );
  });

  it('answers anything with a position PostgreSQL can hold, or VALIDATION_FAILED; never throws otherwise', () => {
    const part = fc.oneof(
      fc.string(),
      fc.uuid(),
      fc.stringMatching(/^[0-9a-f-]{36}$/),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(part, part).map(forge), fc.jsonValue().map(forge)), (cursor) => {
        let position: { proposedAt: Date; id: string };
        try {
          position = decodeChangeCursor(cursor);
        } catch (error) {
          expect(error instanceof AppError && error.code).toBe('VALIDATION_FAILED');
          return;
        }
        expect(position.proposedAt.getUTCFullYear()).toBeGreaterThanOrEqual(1900);
        expect(position.proposedAt.getUTCFullYear()).toBeLessThanOrEqual(2999);
        expect(position.id).toMatch(UUID);
      }),
      { numRuns: RUNS },
    );
  });
});
