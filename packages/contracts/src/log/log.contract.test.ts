import fc from 'fast-check';
import { EventIdParams } from './log.contract.js';

const RUNS = Number(process.env.FC_NUM_RUNS ?? 1000);

describe('EventIdParams', () => {
  it.each(['abc', '1e3', '0', '01', '-1', ' 1', '1.0', '9223372036854775808', '99999999999999999999', ''])(
    'refuses %j as a validation issue (not a thrown error)',
    (id) => {
      const parsed = EventIdParams.safeParse({ id });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['an audit event id']);
    },
  );

  it('accepts 1 … 2^63-1', () => {
    expect(EventIdParams.parse({ id: '1' })).toEqual({ id: '1' });
    expect(EventIdParams.parse({ id: '9223372036854775807' })).toEqual({ id: '9223372036854775807' });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.bigInt().map(String), fc.double().map(String)), (id) => {
        const parsed = EventIdParams.safeParse({ id });
        if (parsed.success) expect(BigInt(parsed.data.id) > 0n && BigInt(parsed.data.id) < 2n ** 63n).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
