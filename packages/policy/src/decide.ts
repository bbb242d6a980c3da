import type { DataCategory } from '@writ/contracts';
import { compiledFor, denyForConfig } from './compile-policy.js';
import type { Decision } from './decision.js';
import type { Order } from './order.js';
import type { PolicyConfig } from './policy-config.js';
import type { Target } from './target.js';
import type { VerificationSummary } from './verification.js';

/**
 * docs/POLICY.md, "Deny by default, explain always": decide(order, verification, target, category, now, config).
 * Pure and total: it never throws, and anything it cannot read is a DENY with INVALID_INPUT. The configuration
 * is checked and hashed once per object (see compilePolicy for the hot path).
 */
export function decide(
  order: Order,
  verification: VerificationSummary,
  target: Target,
  category: DataCategory,
  now: Date,
  config: PolicyConfig,
): Decision {
  const policy = compiledFor(config);
  if ('problems' in policy) return denyForConfig(category, policy.problems);
  return policy.decide(order, verification, target, category, now);
}
