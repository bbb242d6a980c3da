import { compilePolicy } from '/work/main/packages/policy/src/index.ts';
import * as f from '/work/main/packages/policy/src/test-support/fixtures.ts';
const p = compilePolicy(f.CONFIG);
const o = f.validOrder(), v = f.validVerification(), t = f.validTarget();
for (let r = 0; r < 3; r++) {
  const N = 200000; const s = performance.now();
  let n = 0;
  for (let i = 0; i < N; i++) { const d = p.decide(o, v, t, i % 2 ? 'IP_ADDRESS' : 'PHONE_NUMBER', f.NOW); if (d.outcome === 'RELEASE') n++; }
  const ms = performance.now() - s; console.log(Math.round(N / ms * 1000), 'dec/s', n);
}
console.log(JSON.stringify(p.decide(o, v, t, 'IP_ADDRESS', f.NOW), null, 1));
