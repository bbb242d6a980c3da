import { instantMillis, Instant } from '../../packages/policy/src/instant.ts';
function bench(name: string, fn: () => unknown) {
  const N = 500000; for (let i = 0; i < 50000; i++) fn();
  const s = performance.now(); for (let i = 0; i < N; i++) fn(); const ms = performance.now() - s;
  console.log(name.padEnd(20), (ms / N * 1e6).toFixed(0), 'ns');
}
const s = '2026-01-01T00:00:00Z';
bench('instantMillis', () => instantMillis(s));
bench('Instant', () => Instant.safeParse(s));
bench('Date.parse', () => Date.parse(s));
