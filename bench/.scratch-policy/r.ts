import { z } from 'zod';
const RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const isInstant = (v: string) => RE.test(v) && Number.isFinite(Date.parse(v));
const A = z.string().refine(isInstant, { message: 'x' });
const B = z.custom<string>((v) => typeof v === 'string' && isInstant(v), { message: 'x' });
const C = z.string().regex(RE);
const D = z.iso.datetime({ offset: true });
function bench(name: string, fn: () => unknown) {
  const N = 500000; for (let i = 0; i < 50000; i++) fn();
  const s = performance.now(); for (let i = 0; i < N; i++) fn(); const ms = performance.now() - s;
  console.log(name.padEnd(20), (ms / N * 1e6).toFixed(0), 'ns');
}
const s = '2026-01-01T00:00:00Z';
bench('refine', () => A.safeParse(s));
bench('custom', () => B.safeParse(s));
bench('regex', () => C.safeParse(s));
bench('iso', () => D.safeParse(s));
bench('plain', () => isInstant(s));
const O = z.strictObject({ a: z.string(), b: z.string(), c: z.boolean() });
bench('obj3', () => O.safeParse({ a: 'x', b: 'y', c: true }));
const O2 = z.object({ a: z.string(), b: z.string(), c: z.boolean() });
bench('obj3-loose', () => O2.safeParse({ a: 'x', b: 'y', c: true }));
const E = z.enum(['A','B','C','D']);
bench('enum', () => E.safeParse('C'));
