import { ReleasableCategory } from '@writ/contracts';
import { z } from 'zod';
import { Instant } from './instant.js';
import { Reason } from './reason-code.js';
import { Selector } from './selector.js';

/** docs/POLICY.md rule 5: IP addresses are released only inside a stated, bounded window. */
export const IpAddressRelease = z.strictObject({
  category: z.literal(ReleasableCategory.enum.IP_ADDRESS),
  selector: Selector,
  window: z.strictObject({ start: Instant, end: Instant }),
});
export type IpAddressRelease = z.infer<typeof IpAddressRelease>;

export const PhoneNumberRelease = z.strictObject({
  category: z.literal(ReleasableCategory.enum.PHONE_NUMBER),
  selector: Selector,
});
export type PhoneNumberRelease = z.infer<typeof PhoneNumberRelease>;

/**
 * What a RELEASE authorises, and nothing more. docs/POLICY.md, "Defence in depth" 1: there is no variant for any
 * other category, so message content has no type to live in.
 */
export const Release = z.discriminatedUnion('category', [IpAddressRelease, PhoneNumberRelease]);
export type Release = z.infer<typeof Release>;

const PolicyHash = z.string().regex(/^[0-9a-f]{64}$/);

export const ReleaseDecision = z.strictObject({
  outcome: z.literal('RELEASE'),
  category: ReleasableCategory,
  release: Release,
  reasons: z.array(Reason).min(1),
  policyHash: PolicyHash,
});
export type ReleaseDecision = z.infer<typeof ReleaseDecision>;

export const DenyDecision = z.strictObject({
  outcome: z.literal('DENY'),
  /** The category as asked for; null when it was not even a string. */
  category: z.string().nullable(),
  reasons: z.array(Reason).min(1),
  policyHash: PolicyHash,
});
export type DenyDecision = z.infer<typeof DenyDecision>;

export const Decision = z.discriminatedUnion('outcome', [ReleaseDecision, DenyDecision]);
export type Decision = z.infer<typeof Decision>;

// Compile-time proof of "Defence in depth" 1: if anyone widens Release, `tsc -b` fails here.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const releaseHoldsOnlyReleasableCategories: Equal<Release['category'], ReleasableCategory> = true;
const releaseDecisionHoldsOnlyReleasableCategories: Equal<ReleaseDecision['category'], ReleasableCategory> = true;
void releaseHoldsOnlyReleasableCategories;
void releaseDecisionHoldsOnlyReleasableCategories;
