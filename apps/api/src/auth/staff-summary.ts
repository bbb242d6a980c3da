import type { StaffRole, StaffSummary } from '@writ/contracts';
import type { Identity } from './identity.js';

interface StaffRow {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
}

export function staffSummary(staff: StaffRow): StaffSummary {
  return { id: staff.id, email: staff.email, displayName: staff.displayName, roles: staff.roles as StaffRole[] };
}

/** The account as an audit actor, for events of a login in progress (before AccessGuard knows the caller). */
export function actorOf(staff: StaffRow): Identity {
  return { staffId: staff.id, email: staff.email, roles: staff.roles as StaffRole[], via: 'session' };
}
