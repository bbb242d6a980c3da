import fc from 'fast-check';
import { groupDigits } from './group-digits';

const runs = { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) };

describe('groupDigits', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [64_000_000, '64,000,000'],
    [-1234, '-1,234'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ])('%d → %s', (value, text) => {
    expect(groupDigits(value)).toBe(text);
  });

  it('writes every safe integer as en-GB does (Node carries full ICU)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(groupDigits(value)).toBe(value.toLocaleString('en-GB'));
      }),
      runs,
    );
  });

  it('leaves what is not a safe integer as JavaScript writes it', () => {
    expect(groupDigits(1.5)).toBe('1.5');
    expect(groupDigits(Number.NaN)).toBe('NaN');
    expect(groupDigits(2 ** 60)).toBe(String(2 ** 60));
  });
});
