import type { DataCategory } from '@writ/contracts';
import type { Decision } from './decision.js';
import { evaluate } from './evaluate.js';
import type { Order } from './order.js';
import { canonicalPolicy, hashCanonicalPolicy, UNCONFIGURED_POLICY_HASH } from './policy-document.js';
import { type PolicyConfig, type PolicyParameters, parseConfig } from './policy-config.js';
import { POLICY_TEXT, POLICY_VERSION } from './policy-text.js';
import { reason } from './reason-code.js';
import type { Target } from './target.js';
import type { VerificationSummary } from './verification.js';

/**
 * A policy with its configuration checked and its hash computed once, for the hot path. The inputs are typed
 * for the caller's benefit only: they are validated at run time whatever their static type.
 */
export type CompiledPolicy = {
  readonly version: string;
  readonly text: string;
  readonly parameters: PolicyParameters;
  /** RFC 8785 canonical JSON of the policy document: hash it with SHA-256 to get `hash`. */
  readonly canonical: string;
  readonly hash: string;
  decide(order: Order, verification: VerificationSummary, target: Target, category: DataCategory, now: Date): Decision;
};

export class PolicyConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid policy configuration: ${problems.join('; ')}`);
    this.name = 'PolicyConfigError';
  }
}

/** Checks the configuration once; throws PolicyConfigError so a misconfigured server refuses to start. */
export function compilePolicy(config: PolicyConfig): CompiledPolicy {
  const compiled = compiledFor(config);
  if ('problems' in compiled) throw new PolicyConfigError(compiled.problems);
  return compiled;
}

// One compilation per configuration object. Configurations are treated as immutable: mutating one after first
// use would leave the cached hash describing the old values, so compile a new object instead.
const cache = new WeakMap<object, CompiledPolicy | { problems: string[] }>();

export function compiledFor(config: unknown): CompiledPolicy | { problems: string[] } {
  const cacheable = typeof config === 'object' && config !== null;
  const cached = cacheable ? cache.get(config) : undefined;
  if (cached !== undefined) return cached;
  const compiled = compileUncached(config);
  if (cacheable) cache.set(config, compiled);
  return compiled;
}

function compileUncached(config: unknown): CompiledPolicy | { problems: string[] } {
  const result = parseConfig(config);
  if (!result.ok) return { problems: result.problems };
  const parameters = deepFreeze(result.parameters);
  const canonical = canonicalPolicy(parameters);
  const hash = hashCanonicalPolicy(canonical);
  return Object.freeze({
    version: POLICY_VERSION,
    text: POLICY_TEXT,
    parameters,
    canonical,
    hash,
    decide: (order: unknown, verification: unknown, target: unknown, category: unknown, now: unknown) =>
      evaluate(order, verification, target, category, now, parameters, hash),
  });
}

/** A decision under a configuration that cannot be read: denied, under the hash of the unconfigured policy. */
export function denyForConfig(category: unknown, problems: readonly string[]): Decision {
  return {
    outcome: 'DENY',
    category: typeof category === 'string' ? category : null,
    reasons: problems.map((problem) => reason('INVALID_INPUT', `config.${problem}`)),
    policyHash: UNCONFIGURED_POLICY_HASH,
  };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) Object.freeze(child);
  return Object.freeze(value);
}
