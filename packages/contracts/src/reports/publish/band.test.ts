import fc from 'fast-check';
import { band } from './band.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 1000);

describe('band', () => {
  it.each([
    [0, 10, 0],
    [1, 10, '1–9'],
    [9, 10, '1–9'],
    [10, 10, 10],
    [11, 10, 11],
    [1, 2, '1–1'],
    [2, 2, 2],
  ])('%i at threshold %i is published as %j', (count, threshold, shown) => {
    expect(band(count, threshold)).toBe(shown);
  });

  it('shows every count either exactly or as the one band, and never hides a nonzero count as 0', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 2, max: 1000 }), (count, threshold) => {
        const shown = band(count, threshold);
        if (typeof shown === 'number') {
          expect(shown).toBe(count);
          expect(count === 0 || count >= threshold).toBe(true);
        } else {
          expect(shown).toBe(`1–${threshold - 1}`);
          expect(count >= 1 && count < threshold).toBe(true);
        }
      }),
      { numRuns },
    );
  });

  it('refuses what is not a count', () => {
    expect(() => band(-1, 10)).toThrow(RangeError);
    expect(() => band(1.5, 10)).toThrow(RangeError);
  });
});
