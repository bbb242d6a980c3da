import fc from 'fast-check';
import { fastOrder, fastTarget, fastVerification } from './fast-parse.js';
import { Order } from './order.js';
import { Target } from './target.js';
import { VerificationSummary } from './verification.js';
import { adversarialInput, NUM_RUNS, releasableScenario } from './test-support/arbitraries.js';
import { validOrder, validTarget, validVerification } from './test-support/fixtures.js';

// The fast acceptors may only ever say "yes" where the zod schema says "yes" and means the same value;
// otherwise the engine would judge an input its published schema rejects.

const pairs = [
  { name: 'order', fast: fastOrder, schema: Order },
  { name: 'verification', fast: fastVerification, schema: VerificationSummary },
  { name: 'target', fast: fastTarget, schema: Target },
] as const;

describe.each(pairs)('fast acceptor for $name', ({ name, fast, schema }) => {
  test('accepts only what the zod schema accepts, with an equal result', () => {
    fc.assert(
      fc.property(adversarialInput, (input) => {
        const raw = input[name];
        const accepted = fast(raw);
        if (accepted === null) return;
        const parsed = schema.safeParse(raw);
        expect(parsed.success).toBe(true);
        expect(accepted).toEqual(parsed.data);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('takes every well-formed input, so the hot path is the one the benchmark measures', () => {
    fc.assert(
      fc.property(releasableScenario, (scenario) => {
        expect(fast(scenario[name])).toEqual(schema.parse(scenario[name]));
      }),
      { numRuns: Math.min(NUM_RUNS, 1000) },
    );
  });
});

test('leaves values the schema would rewrite (untrimmed identifiers) to zod', () => {
  const target = { ...validTarget(), selector: { type: 'USERNAME', value: ' suspect_one ' } };
  expect(fastTarget(target)).toBeNull();
  expect(Target.parse(target).selector.value).toBe('suspect_one');
});

test('refuses unknown keys, inherited ones included, like strictObject', () => {
  expect(fastOrder({ ...validOrder(), isEmergency: false })).toBeNull();
  const inherited = Object.assign(Object.create({ override: true }) as object, validVerification());
  expect(fastVerification(inherited)).toBeNull();
  expect(VerificationSummary.safeParse(inherited).success).toBe(false);
});
