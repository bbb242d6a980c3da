import type { Order } from '../order.js';
import { instantMillis } from '../instant.js';
import type { PolicyParameters } from '../policy-config.js';
import { type Reason, reason } from '../reason-code.js';
import { instantWords } from '../words.js';

/**
 * docs/POLICY.md rule 3, "The order is in force". `now` is null when the caller's clock was unreadable: the time-based
 * rules are then skipped because INVALID_INPUT has already denied the decision.
 */
export function checkInForce(order: Order, now: number | null, parameters: PolicyParameters, out: Reason[]): void {
  if (now !== null) {
    if (order.issuedAt !== null && instantMillis(order.issuedAt) > now) {
      out.push(reason('ORDER_FUTURE_DATED', `The order is dated ${instantWords(order.issuedAt)}, in the future.`));
    }
    if (order.expiresAt !== null && instantMillis(order.expiresAt) <= now) {
      out.push(reason('ORDER_EXPIRED', `The order expired on ${instantWords(order.expiresAt)}.`));
    }
  }
  // Any recorded withdrawal counts, even one stamped later than `now`: a withdrawal is never undone.
  if (order.withdrawnAt !== null) {
    out.push(reason('ORDER_WITHDRAWN', `The authority withdrew the order on ${instantWords(order.withdrawnAt)}.`));
  }

  const authority = order.issuingAuthority;
  if (authority === null) return;
  if (authority.status === 'SUSPENDED') {
    out.push(reason('AUTHORITY_SUSPENDED', 'The issuing authority is suspended in the registry.'));
  }
  const accepted =
    parameters.acceptedCountries.includes(authority.country) ||
    (authority.jurisdiction !== null && parameters.acceptedJurisdictions.includes(authority.jurisdiction));
  if (!accepted) {
    const where =
      authority.jurisdiction === null
        ? authority.country
        : `${authority.country}, jurisdiction ${JSON.stringify(authority.jurisdiction)}`;
    out.push(
      reason(
        'JURISDICTION_NOT_ACCEPTED',
        `The issuing court (${where}) is outside the jurisdictions this platform accepts.`,
      ),
    );
  }
}
