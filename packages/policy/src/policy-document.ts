import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ReleasableCategory } from '@writ/contracts';
import { canonicalJson } from './canonical-json.js';
import { CONTENT_CATEGORIES, NOT_RELEASABLE_CATEGORIES } from './categories.js';
import type { PolicyParameters } from './policy-config.js';
import { POLICY_TEXT, POLICY_VERSION } from './policy-text.js';
import { ReasonCode } from './reason-code.js';

/**
 * The document whose hash identifies "the policy in force": the text, the operator's parameters, and the parts
 * of the rules that live in code (which category is which, which reason codes exist), so that a code change
 * moving a category or adding a rule changes the hash even if someone forgets to edit the text.
 */
export function policyDocument(parameters: PolicyParameters | null) {
  return {
    format: 'writ-policy/1',
    version: POLICY_VERSION,
    text: POLICY_TEXT,
    parameters,
    categories: {
      releasable: ReleasableCategory.options,
      contentNeverDisclosed: CONTENT_CATEGORIES,
      notReleasable: NOT_RELEASABLE_CATEGORIES,
    },
    reasonCodes: ReasonCode.options,
  };
}

/** RFC 8785 (JSON Canonicalization Scheme) form of the policy document: what is hashed and published. */
export function canonicalPolicy(parameters: PolicyParameters | null): string {
  return canonicalJson(policyDocument(parameters));
}

export function hashCanonicalPolicy(canonical: string): string {
  return bytesToHex(sha256(utf8ToBytes(canonical)));
}

/**
 * The hash carried by decisions made under an unreadable configuration: the policy with no parameters at all,
 * under which nothing can be released. It is a real, reproducible hash, so such decisions are still traceable.
 */
export const UNCONFIGURED_POLICY_HASH = hashCanonicalPolicy(canonicalPolicy(null));
