import {
  AcknowledgeRequestRoute,
  isEditable,
  type RequestDetail,
  type StaffRole,
  UpdateRequestRoute,
} from '@writ/contracts';

// Who is offered a correction, and when: what the API would take. It checks all of it again (a status or a
// verification may have moved on since the page was rendered), so these only spare people a button that fails.

/** Correcting the details and the targets: the roles the routes allow, while the request is RECEIVED or IN_REVIEW. */
export function canCorrect(request: Pick<RequestDetail, 'status'>, roles: readonly StaffRole[]): boolean {
  return UpdateRequestRoute.access.roles.some((role) => roles.includes(role)) && isEditable(request.status);
}

/**
 * Recording that receipt was acknowledged: the roles the route allows, in any status (the API sets it once; the
 * first step out of RECEIVED sets it too if nobody did). The panel stays after it is recorded, to say so.
 */
export function mayAcknowledge(roles: readonly StaffRole[]): boolean {
  return AcknowledgeRequestRoute.access.roles.some((role) => roles.includes(role));
}
