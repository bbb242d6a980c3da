import { TargetRole } from '@writ/contracts';
import { z } from 'zod';
import { Instant } from './instant.js';
import { Selector } from './selector.js';

/** The period the order covers for this target; either end may be missing, which rule 5 denies for IP data. */
export const TimeWindow = z.strictObject({
  start: Instant.nullable(),
  end: Instant.nullable(),
});
export type TimeWindow = z.infer<typeof TimeWindow>;

/** One identifier the decision is about (docs/DOMAIN.md, "Target"). */
export const Target = z.strictObject({
  selector: Selector,
  /** The role the order gives this person; only SUSPECT can lead to a release (docs/POLICY.md rule 4). */
  role: TargetRole,
  /** The reviewer's attestation that the order itself names this identifier; checked against the order too. */
  namedInOrder: z.boolean(),
  window: TimeWindow,
});
export type Target = z.infer<typeof Target>;
