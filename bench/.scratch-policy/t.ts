import { z } from 'zod';
import { Order, IssuingAuthority } from '../../packages/policy/src/order.ts';
import { Selector } from '../../packages/policy/src/selector.ts';
import * as f from '../../packages/policy/src/test-support/fixtures.ts';
function bench(name: string, fn: () => unknown) {
  const N = 300000; for (let i = 0; i < 50000; i++) fn();
  const s = performance.now(); for (let i = 0; i < N; i++) fn(); const ms = performance.now() - s;
  console.log(name.padEnd(20), (ms / N * 1e6).toFixed(0), 'ns');
}
const o = f.validOrder();
bench('order', () => Order.safeParse(o));
bench('authority', () => IssuingAuthority.safeParse(o.issuingAuthority));
bench('selector', () => Selector.safeParse(o.namedTargets[0]));
const noTrim = z.strictObject({ type: z.enum(['USERNAME','PHONE_NUMBER','ACCOUNT_ID']), value: z.string().min(1).max(256) });
bench('selector-notrim', () => noTrim.safeParse(o.namedTargets[0]));
const loose = z.object({ type: z.enum(['USERNAME','PHONE_NUMBER','ACCOUNT_ID']), value: z.string().min(1).max(256) });
bench('selector-loose', () => loose.safeParse(o.namedTargets[0]));
const O2 = Order.omit({ issuingAuthority: true, namedTargets: true });
const { issuingAuthority, namedTargets, ...rest } = o;
bench('order-flat', () => O2.safeParse(rest));
