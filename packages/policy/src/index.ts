export { CONTENT_CATEGORIES, NOT_RELEASABLE_CATEGORIES } from './categories.js';
export { compilePolicy, PolicyConfigError, type CompiledPolicy } from './compile-policy.js';
export { decide } from './decide.js';
export { Decision, DenyDecision, IpAddressRelease, PhoneNumberRelease, Release, ReleaseDecision } from './decision.js';
export { Instant } from './instant.js';
export { IssuingAuthority, Order, Sha256Hex } from './order.js';
export { PolicyConfig, PolicyParameters } from './policy-config.js';
export { UNCONFIGURED_POLICY_HASH } from './policy-document.js';
export { POLICY_TEXT, POLICY_VERSION } from './policy-text.js';
export { policyHash, publishedPolicy, type PublishedPolicy } from './published-policy.js';
export { Reason, ReasonCode } from './reason-code.js';
export { Selector } from './selector.js';
export { SignatureStatus } from './signature-status.js';
export { Target, TimeWindow } from './target.js';
export {
  OutOfBandEvidence,
  OutOfBandOutcome,
  SignatureEvidence,
  VerificationEvidence,
  VerificationSummary,
} from './verification.js';
