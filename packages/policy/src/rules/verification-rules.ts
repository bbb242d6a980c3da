import type { Order } from '../order.js';
import { type Reason, reason } from '../reason-code.js';
import { SIGNATURE_FAILURE_REASON } from '../signature-status.js';
import type { VerificationEvidence, VerificationSummary } from '../verification.js';

/** How one piece of evidence bears on docs/POLICY.md rule 2. */
type Assessment = {
  /** It proves the order is forged or altered: it denies the decision whatever else was recorded. */
  blocking: Reason | null;
  /** Why it does not count as verification; empty when it does. */
  problems: Reason[];
};

// Staff ids are compared loosely on purpose: a false "same person" only delays a release, a false "different
// person" would break four eyes.
const samePerson = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

function assess(item: VerificationEvidence, label: string, order: Order | null): Assessment {
  const problems: Reason[] = [];
  let blocking: Reason | null = null;

  if (item.method === 'SIGNATURE') {
    const forThisDocument = order === null || item.documentSha256 === order.documentSha256;
    if (!forThisDocument) {
      problems.push(
        reason(
          'EVIDENCE_FOR_OTHER_DOCUMENT',
          order.documentSha256 === null
            ? // No one document is the order (none, or several marked so): which bytes did the court sign?
              `${label}: the request does not have exactly one document marked as the order, so no signature check can count; verify by a call-back to the court instead.`
            : `${label}: the signature was checked on a different document than the order.`,
        ),
      );
    }
    if (item.status === 'BAD_SIGNATURE' && forThisDocument) {
      blocking = reason(
        'SIGNATURE_BAD',
        `${label}: the signature does not match the order document: the document or the signature was altered.`,
      );
    } else if (item.status !== 'VALID') {
      problems.push(reason(SIGNATURE_FAILURE_REASON[item.status], `${label}: ${SIGNATURE_PROBLEM[item.status]}`));
    }
  } else {
    if (item.outcome === 'REPUDIATED') {
      blocking = reason('ORDER_REPUDIATED_BY_AUTHORITY', `${label}: the court said it did not issue this order.`);
    } else if (item.outcome === 'NOT_CONFIRMED') {
      problems.push(reason('OUT_OF_BAND_NOT_CONFIRMED', `${label}: the court did not confirm the order.`));
    }
    if (!item.channelFromRegistry) {
      problems.push(
        reason(
          'OUT_OF_BAND_CHANNEL_NOT_FROM_REGISTRY',
          `${label}: the contact channel did not come from the authority registry; a channel taken from the order proves nothing.`,
        ),
      );
    }
  }

  const authority = order?.issuingAuthority ?? null;
  if (authority !== null && item.authorityId !== authority.id) {
    problems.push(
      reason(
        'EVIDENCE_FOR_OTHER_AUTHORITY',
        `${label}: it concerns another authority, not the court that issued the order.`,
      ),
    );
  }

  if (item.confirmedBy === null) {
    problems.push(reason('VERIFICATION_NOT_CONFIRMED', `${label}: no second staff member has confirmed it.`));
  } else if (samePerson(item.confirmedBy, item.recordedBy)) {
    problems.push(
      reason('FOUR_EYES_VIOLATION', `${label}: it was confirmed by the same staff member who recorded it.`),
    );
  }
  return { blocking, problems };
}

const SIGNATURE_PROBLEM = {
  UNREGISTERED_KEY: 'the signing key is not registered for this court and does not chain to a registered certificate.',
  BAD_SIGNATURE: 'the signature does not match the document.',
  CERTIFICATE_EXPIRED: 'the signing certificate or registered key was not valid at the time checked.',
  MALFORMED: 'the signature could not be read.',
} as const;

/**
 * docs/POLICY.md rule 2, "The order is verified": at least one strong piece of evidence, confirmed by a second person.
 * Failed attempts do not matter once one piece qualifies (a court may have renewed its key and then confirmed by
 * telephone), except evidence of forgery, which always denies.
 */
export function checkVerification(verification: VerificationSummary, order: Order | null, out: Reason[]): void {
  const problems: Reason[] = [];
  let verified = false;
  verification.evidence.forEach((item, index) => {
    // Numbered in the order recorded, as the request page lists the evidence.
    const method = item.method === 'SIGNATURE' ? 'signature check' : 'call-back';
    const assessment = assess(item, `Evidence #${index + 1} (${method})`, order);
    if (assessment.blocking !== null) out.push(assessment.blocking);
    else if (assessment.problems.length === 0) verified = true;
    problems.push(...assessment.problems);
  });
  if (verified) return;
  out.push(
    reason(
      'ORDER_NOT_VERIFIED',
      verification.evidence.length === 0
        ? 'No verification evidence has been recorded for the order.'
        : 'No piece of evidence establishes that the order is authentic and was confirmed by a second staff member.',
    ),
  );
  out.push(...problems);
}
