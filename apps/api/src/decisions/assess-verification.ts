import type { VerificationAssessment } from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import type { Tx } from '../database/index.js';
import { assessVerification } from './evaluate-request.js';
import { loadRequestForPolicy } from './load-policy-rows.js';
import { toPolicyInputs } from './policy-inputs.js';

/**
 * Whether the policy engine counts a request's order as verified by the evidence stored so far, read in the
 * caller's transaction: verification asks after every piece it records or confirms, and follows the answer.
 */
export async function assessRequestVerification(
  tx: Tx,
  policy: CompiledPolicy,
  requestId: string,
  now: Date,
): Promise<VerificationAssessment> {
  const loaded = await loadRequestForPolicy(tx, requestId);
  return assessVerification(policy, toPolicyInputs(loaded.rows), now);
}
