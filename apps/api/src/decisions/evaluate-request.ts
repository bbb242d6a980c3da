import type { DataCategory, PreviewDecision } from '@writ/contracts';
import type { CompiledPolicy, Decision, Target } from '@writ/policy';
import type { PolicyInputs } from './policy-inputs.js';
import { REASON_CLASS } from './rejection.js';

export interface Evaluated {
  targetId: string;
  category: DataCategory;
  decision: Decision;
}

/** The engine for every target × requested category, in the order given (targets, then categories). */
export function evaluateRequest(
  policy: CompiledPolicy,
  inputs: PolicyInputs,
  categories: readonly DataCategory[],
  now: Date,
): Evaluated[] {
  return inputs.targets.flatMap(({ id, target }) =>
    categories.map((category) => ({
      targetId: id,
      category,
      decision: policy.decide(inputs.order, inputs.verification, target, category, now),
    })),
  );
}

/** What a RELEASE authorises, without the selector (the response names the target next to it). */
export function releaseScope(decision: Decision): PreviewDecision['release'] {
  if (decision.outcome !== 'RELEASE') return null;
  const { release } = decision;
  return release.category === 'IP_ADDRESS'
    ? { category: 'IP_ADDRESS', window: { start: release.window.start, end: release.window.end } }
    : { category: 'PHONE_NUMBER', window: null };
}

// Asked about a made-up target and PHONE_NUMBER (no window rule), the engine's verification rules (docs/POLICY.md rule 2)
// fire exactly as they would for any real target: their verdict depends on the order and the evidence only.
const PROBE: Target = {
  selector: { type: 'ACCOUNT_ID', value: 'verification-probe' },
  role: 'SUSPECT',
  namedInOrder: false,
  window: { start: null, end: null },
};

/**
 * Whether the engine counts the order as verified: none of its rule-2 reasons fired, and the inputs were readable
 * (an unreadable order would skip the checks that tie evidence to this document and this court). The engine is
 * the one definition of "verified"; the request lifecycle follows it.
 */
export function assessVerification(
  policy: CompiledPolicy,
  inputs: Pick<PolicyInputs, 'order' | 'verification'>,
  now: Date,
): { verified: boolean; reasons: Array<{ code: string; message: string }> } {
  const decision = policy.decide(inputs.order, inputs.verification, PROBE, 'PHONE_NUMBER', now);
  const reasons = decision.reasons
    .filter((reason) => reason.code === 'INVALID_INPUT' || REASON_CLASS[reason.code] === 'UNVERIFIED')
    .map((reason) => ({ code: reason.code, message: reason.message }));
  return { verified: reasons.length === 0, reasons };
}
