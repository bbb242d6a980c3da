import type { Order } from '../order.js';
import { type Reason, reason } from '../reason-code.js';
import { AUTHORITY_KIND_WORDS, LEGAL_PROCESS_WORDS } from '../words.js';

/** docs/POLICY.md rule 1, "It is a court order", and "Emergency requests". */
export function checkCourtOrder(order: Order, out: Reason[]): void {
  switch (order.requestType) {
    case 'RECORDS':
      break;
    case 'EMERGENCY':
      // docs/POLICY.md, "Emergency requests": logged and counted, but denied until a verified court order follows.
      out.push(
        reason(
          'NOT_A_COURT_ORDER',
          'Emergency requests are never enough on their own: release needs a verified court order for the same targets.',
        ),
      );
      break;
    case 'INQUIRY':
      out.push(reason('NOT_A_COURT_ORDER', 'An informal inquiry is not a court order.'));
      break;
    case 'PRESERVATION':
      // A preservation request asks the platform to keep data, not to hand it over.
      out.push(reason('NOT_A_DISCLOSURE_REQUEST', 'A preservation request does not authorise disclosure.'));
      break;
  }

  if (order.legalProcess !== 'COURT_ORDER' && order.legalProcess !== 'WARRANT') {
    out.push(
      reason(
        'NOT_A_COURT_ORDER',
        `The legal process is ${LEGAL_PROCESS_WORDS[order.legalProcess]}; only a court order or a judge's warrant can lead to a release.`,
      ),
    );
  }

  const authority = order.issuingAuthority;
  if (authority === null) {
    out.push(reason('AUTHORITY_NOT_REGISTERED', 'The issuing authority is not in the authority registry.'));
  } else if (authority.kind !== 'COURT') {
    out.push(
      reason(
        'AUTHORITY_NOT_A_COURT',
        `The issuing authority is registered as ${AUTHORITY_KIND_WORDS[authority.kind]}, not as a court.`,
      ),
    );
  }
}
