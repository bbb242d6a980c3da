import { type CategoryClass, classifyCategory } from './categories.js';
import type { Decision, Release } from './decision.js';
import { fastOrder, fastTarget, fastVerification } from './fast-parse.js';
import { DAY_MS, instantMillis } from './instant.js';
import { Order } from './order.js';
import { parseInput, parseNow } from './parse-input.js';
import type { PolicyParameters } from './policy-config.js';
import { type Reason, reason } from './reason-code.js';
import { checkCategory } from './rules/category-rules.js';
import { checkCompleteness } from './rules/completeness-rules.js';
import { checkCourtOrder } from './rules/court-order-rules.js';
import { checkInForce } from './rules/in-force-rules.js';
import { checkTarget, checkWindow } from './rules/target-rules.js';
import { checkVerification } from './rules/verification-rules.js';
import { Target } from './target.js';
import { VerificationSummary } from './verification.js';
import { instantWords, LEGAL_PROCESS_WORDS, SELECTOR_WORDS } from './words.js';

/**
 * The engine: every rule of docs/POLICY.md is evaluated, and every one that fires is listed, so a denial tells staff
 * everything there is to fix. RELEASE is reachable only through the single `return` at the end, when the category
 * is releasable and no rule fired.
 */
export function evaluate(
  order: unknown,
  verification: unknown,
  target: unknown,
  category: unknown,
  now: unknown,
  parameters: PolicyParameters,
  policyHash: string,
): Decision {
  const categoryClass = classifyCategory(category);
  try {
    return evaluateRules(order, verification, target, categoryClass, now, parameters, policyHash);
  } catch (error) {
    // Inputs are plain data, so this is only reachable through exotic objects (throwing getters, proxies).
    // "Deny by default" includes the engine's own failures.
    const detail = error instanceof Error ? error.message : String(error);
    return deny(
      categoryClass,
      [reason('INVALID_INPUT', `The input could not be read: ${detail.slice(0, 200)}`)],
      policyHash,
    );
  }
}

function evaluateRules(
  rawOrder: unknown,
  rawVerification: unknown,
  rawTarget: unknown,
  category: CategoryClass,
  rawNow: unknown,
  parameters: PolicyParameters,
  policyHash: string,
): Decision {
  const reasons: Reason[] = [];
  const now = parseNow(rawNow, reasons);
  // The fast acceptors take the common, well-formed case; zod decides (and explains) everything else.
  const order = fastOrder(rawOrder) ?? parseInput(Order, rawOrder, 'order', reasons);
  const verification =
    fastVerification(rawVerification) ?? parseInput(VerificationSummary, rawVerification, 'verification', reasons);
  const target = fastTarget(rawTarget) ?? parseInput(Target, rawTarget, 'target', reasons);

  checkCategory(category, reasons);
  if (order !== null) {
    checkCourtOrder(order, reasons);
    checkCompleteness(order, reasons);
    checkInForce(order, now, parameters, reasons);
  }
  if (verification !== null) checkVerification(verification, order, reasons);
  if (target !== null) {
    checkTarget(target, order, reasons);
    if (category.kind === 'RELEASABLE') checkWindow(target, category.category, parameters, reasons);
  }

  if (reasons.length > 0 || order === null || verification === null || target === null || now === null) {
    return deny(category, reasons, policyHash);
  }
  if (category.kind !== 'RELEASABLE') return deny(category, reasons, policyHash);

  const release: Release =
    category.category === 'IP_ADDRESS'
      ? // checkWindow has established that both ends are present for IP addresses.
        { category: 'IP_ADDRESS', selector: target.selector, window: boundedWindow(target) }
      : { category: 'PHONE_NUMBER', selector: target.selector };
  return {
    outcome: 'RELEASE',
    category: category.category,
    release,
    reasons: [reason('ALL_CONDITIONS_MET', releaseSummary(order, release))],
    policyHash,
  };
}

function boundedWindow(target: Target): { start: string; end: string } {
  const { start, end } = target.window;
  if (start === null || end === null) throw new Error('unreachable: IP release without a bounded window');
  return { start, end };
}

function deny(category: CategoryClass, reasons: Reason[], policyHash: string): Decision {
  // Unreachable by construction (every path to deny either pushed a reason or saw an unreadable input, which
  // pushes one), but a DENY without a reason would leave staff with nothing to act on.
  if (reasons.length === 0) reasons.push(reason('INVALID_INPUT', 'The input could not be evaluated.'));
  return { outcome: 'DENY', category: category.category, reasons, policyHash };
}

/** The human text of ALL_CONDITIONS_MET. It names no person: decisions are audited and may be published. */
function releaseSummary(order: Order, release: Release): string {
  const court = order.issuingAuthority;
  const from = court === null ? '' : ` from a registered court in ${court.country}`;
  const scope =
    release.category === 'IP_ADDRESS'
      ? `IP addresses from ${instantWords(release.window.start)} to ${instantWords(release.window.end)} (${Math.ceil(
          (instantMillis(release.window.end) - instantMillis(release.window.start)) / DAY_MS,
        )} days)`
      : 'the registered phone number';
  return `All conditions hold: ${LEGAL_PROCESS_WORDS[order.legalProcess]}${from}, verified and in force, names this ${SELECTOR_WORDS[release.selector.type]} as a suspect; release ${scope}.`;
}
