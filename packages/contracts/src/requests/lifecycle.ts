import { z } from 'zod';
import type { Outcome, RequestStatus, StaffRole } from '../domain.js';

// The request lifecycle of docs/DOMAIN.md as one pure table. The API enforces it (apps/api/src/requests/
// transition-request.ts), the portal reads it to offer only the buttons a person may press, and the tests walk it.
//
//   RECEIVED → IN_REVIEW → VERIFIED → DECIDED → (DISCLOSURE_PREPARED → APPROVED → DELIVERED) → CLOSED
//                                            ↖ (package rejected) ↙
//                                            ↖ (link expired unused) ←─────────┘
//                    ↘ REJECTED (with reason)             ↘ NO_DATA
//            any open state → WITHDRAWN (by the authority)
//
// The bracketed disclosure steps are optional: a decision that releases nothing goes DECIDED → CLOSED with the
// reason (or DECIDED → NO_DATA when the order was good but nothing was found).
//
// APPROVED → DECIDED is not in this table: no person may take it. The system does when an approved package's
// download link expires unused (apps/api/src/disclosures/expire-package.ts), recording the step with no actor; a
// database CHECK allows a step without an actor for that edge only.

/** Why a request was refused; each maps to the outcome REJECTED_<code> of the transparency reports. */
export const RejectionReason = z.enum(['NOT_COURT_ORDER', 'UNVERIFIED', 'INVALID', 'SCOPE']);
export type RejectionReason = z.infer<typeof RejectionReason>;

export type TransitionField = 'reason' | 'reasonCode';

export interface Transition {
  readonly from: RequestStatus;
  readonly to: RequestStatus;
  /** What a person does, in words ("start review"). */
  readonly action: string;
  /** Who may do it. A person needs one of these roles; other roles answer 403. */
  readonly roles: readonly StaffRole[];
  /** Body fields the transition needs besides `to` and `version`. Fields not listed here are refused. */
  readonly requires: readonly TransitionField[];
  readonly allows: readonly TransitionField[];
  /** The outcome this transition settles: a fixed one, or REJECTED_<reasonCode>. Absent: unchanged. */
  readonly outcome?: Outcome | 'FROM_REASON_CODE';
  /** The authority gets its final answer here: sets respondedAt (DSA Art. 10 "give effect" median). */
  readonly answers?: boolean;
  /** Four eyes (docs/POLICY.md): the actor must not be whoever moved the request into this status. */
  readonly notSameActorAs?: RequestStatus;
  /** The feature that will drive this step through its own endpoint (and add its own preconditions). */
  readonly drivenBy?: 'verification' | 'policy' | 'disclosure';
}

/** Statuses in which the request is still being worked on; the authority can withdraw it from any of them. */
export const OPEN_STATUSES = [
  'RECEIVED',
  'IN_REVIEW',
  'VERIFIED',
  'DECIDED',
  'DISCLOSURE_PREPARED',
  'APPROVED',
] as const satisfies readonly RequestStatus[];

/** Nothing follows these. */
export const FINAL_STATUSES = [
  'CLOSED',
  'REJECTED',
  'NO_DATA',
  'WITHDRAWN',
] as const satisfies readonly RequestStatus[];

/** Intake data (fields, targets, categories) can be corrected only before anything was decided on it. */
export const EDITABLE_STATUSES = ['RECEIVED', 'IN_REVIEW'] as const satisfies readonly RequestStatus[];

/** Statuses in which the platform has given the authority its answer; such a request cannot be overdue. */
export const ANSWERED_STATUSES = ['DELIVERED', ...FINAL_STATUSES] as const satisfies readonly RequestStatus[];

const plain = { requires: [], allows: ['reason'] } as const;
const withReasonCode = { requires: ['reason', 'reasonCode'], allows: ['reason', 'reasonCode'] } as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: 'RECEIVED', to: 'IN_REVIEW', action: 'start review', roles: ['REVIEWER'], ...plain },
  {
    from: 'IN_REVIEW',
    to: 'VERIFIED',
    action: 'confirm verification',
    roles: ['APPROVER'],
    drivenBy: 'verification',
    ...plain,
  },
  {
    from: 'IN_REVIEW',
    to: 'REJECTED',
    action: 'reject',
    roles: ['REVIEWER'],
    outcome: 'FROM_REASON_CODE',
    answers: true,
    ...withReasonCode,
  },
  { from: 'VERIFIED', to: 'DECIDED', action: 'record decisions', roles: ['REVIEWER'], drivenBy: 'policy', ...plain },
  {
    from: 'DECIDED',
    to: 'DISCLOSURE_PREPARED',
    action: 'prepare disclosure',
    roles: ['REVIEWER'],
    drivenBy: 'disclosure',
    ...plain,
  },
  {
    from: 'DECIDED',
    to: 'NO_DATA',
    action: 'answer: no data',
    roles: ['REVIEWER'],
    outcome: 'NO_DATA',
    answers: true,
    ...plain,
  },
  {
    from: 'DECIDED',
    to: 'CLOSED',
    action: 'close without disclosure',
    roles: ['REVIEWER'],
    outcome: 'FROM_REASON_CODE',
    answers: true,
    ...withReasonCode,
  },
  {
    from: 'DISCLOSURE_PREPARED',
    to: 'APPROVED',
    action: 'approve disclosure',
    roles: ['APPROVER'],
    notSameActorAs: 'DISCLOSURE_PREPARED',
    drivenBy: 'disclosure',
    ...plain,
  },
  {
    // The approver refuses the package (with a reason): the request goes back to review of what to release, where
    // a new package can be prepared, or the request closed.
    from: 'DISCLOSURE_PREPARED',
    to: 'DECIDED',
    action: 'reject disclosure',
    roles: ['APPROVER'],
    notSameActorAs: 'DISCLOSURE_PREPARED',
    drivenBy: 'disclosure',
    requires: ['reason'],
    allows: ['reason'],
  },
  {
    from: 'APPROVED',
    to: 'DELIVERED',
    action: 'deliver',
    roles: ['REVIEWER', 'APPROVER'],
    outcome: 'DISCLOSED',
    answers: true,
    drivenBy: 'disclosure',
    ...plain,
  },
  { from: 'DELIVERED', to: 'CLOSED', action: 'close', roles: ['REVIEWER'], ...plain },
  ...OPEN_STATUSES.map((from): Transition => ({
    from,
    to: 'WITHDRAWN',
    action: 'record withdrawal by the authority',
    roles: ['INTAKE', 'REVIEWER'],
    outcome: 'WITHDRAWN',
    ...plain,
  })),
];

/** Every role that may make some transition: the route's access rule. */
export const TRANSITION_ROLES: readonly StaffRole[] = [...new Set(TRANSITIONS.flatMap((t) => t.roles))];

export function findTransition(from: RequestStatus, to: RequestStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function transitionsFrom(from: RequestStatus): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.from === from);
}

export function isEditable(status: RequestStatus): boolean {
  return (EDITABLE_STATUSES as readonly RequestStatus[]).includes(status);
}

export function isAnswered(status: RequestStatus): boolean {
  return (ANSWERED_STATUSES as readonly RequestStatus[]).includes(status);
}

/** dueAt passed while the authority is still waiting for an answer. */
export function isOverdue(request: { status: RequestStatus; dueAt: Date | string | null }, now = new Date()): boolean {
  return request.dueAt !== null && new Date(request.dueAt).getTime() < now.getTime() && !isAnswered(request.status);
}
