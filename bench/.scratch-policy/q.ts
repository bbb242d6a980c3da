import { Order, Target, VerificationSummary, Instant } from '/work/main/packages/policy/src/index.ts';
import { CountryCode } from '@writ/contracts';
import * as f from '/work/main/packages/policy/src/test-support/fixtures.ts';
const o = f.validOrder(), v = f.validVerification(), t = f.validTarget();
function bench(name: string, fn: () => unknown) {
  const N = 300000; for (let i = 0; i < 50000; i++) fn();
  const s = performance.now(); for (let i = 0; i < N; i++) fn(); const ms = performance.now() - s;
  console.log(name.padEnd(20), (ms / N * 1e6).toFixed(0), 'ns');
}
bench('order', () => Order.safeParse(o));
bench('verification', () => VerificationSummary.safeParse(v));
bench('target', () => Target.safeParse(t));
bench('instant', () => Instant.safeParse('2026-01-01T00:00:00Z'));
bench('country', () => CountryCode.safeParse('DE'));
bench('date.parse', () => Date.parse('2026-01-01T00:00:00Z'));
const bad = { ...o, legalProcess: 'NOPE', extra: 1 };
bench('order-invalid', () => Order.safeParse(bad));
