import type { Order } from '../order.js';
import { type Reason, reason } from '../reason-code.js';

const isBlank = (value: string | null): boolean => value === null || value.trim() === '';

/**
 * docs/POLICY.md, "Verification", completeness (DSA Art. 10(2)-style): legal basis, issuing authority, case number,
 * named targets, statement of reasons (may be absent for criminal investigations), date of issue. The issuing
 * authority is rule 1's AUTHORITY_NOT_REGISTERED.
 */
export function checkCompleteness(order: Order, out: Reason[]): void {
  if (isBlank(order.legalBasis)) {
    out.push(reason('ORDER_MISSING_LEGAL_BASIS', 'The order does not state its legal basis.'));
  }
  if (isBlank(order.caseNumber)) {
    out.push(reason('ORDER_MISSING_CASE_NUMBER', 'The order does not state a case number.'));
  }
  if (order.issuedAt === null) {
    out.push(reason('ORDER_MISSING_ISSUE_DATE', 'The order does not state its date of issue.'));
  }
  if (order.namedTargets.length === 0) {
    out.push(reason('ORDER_MISSING_NAMED_TARGETS', 'The order does not name any account.'));
  }
  if (isBlank(order.statementOfReasons) && !order.criminalInvestigation) {
    out.push(
      reason(
        'ORDER_MISSING_STATEMENT_OF_REASONS',
        'The order gives no statement of reasons, which only a criminal investigation may omit.',
      ),
    );
  }
}
