import fc from 'fast-check';
import { counted, groupDigits } from './group-digits';

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

describe('counted', () => {
  it.each([
    [0, 'phone numbers'],
    [1, 'phone number'],
    [2, 'phone numbers'],
    [12345, 'phone numbers'],
  ])('%d phone number(s) → %s', (value, noun) => {
    expect(counted(value, 'phone number')).toBe(`${groupDigits(value)} ${noun}`);
  });

  it('takes a plural not made with an s', () => {
    expect(counted(1, 'authority', 'authorities')).toBe('1 authority');
    expect(counted(3, 'authority', 'authorities')).toBe('3 authorities');
  });
});
