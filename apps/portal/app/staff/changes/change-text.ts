import type { StaffChange, StaffChangeKind, StaffChangeStatus } from '@writ/contracts';

// Words for staff changes, shared by the server page and the client components that act on them.

/** Who an account id stands for, as far as the API's staff list told the page. */
export interface Person {
  email: string;
  displayName: string;
}
export type People = Record<string, Person>;

export const KIND_LABEL: Record<StaffChangeKind, string> = {
  CREATE_ACCOUNT: 'New account',
  GRANT_ROLES: 'More roles',
  ENABLE_ACCOUNT: 'Enable account',
  RESET_PASSWORD: 'Password reset',
  RESET_SECOND_FACTOR: 'Second-factor reset',
};

export const STATUS_LABEL: Record<StaffChangeStatus, string> = {
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
  EXPIRED: 'Expired',
};

/** A person by name and email; an id the page could not resolve is shown as it is, so nothing is hidden. */
export function personName(id: string | null, people: People, me?: string): string {
  if (id === null) return 'nobody';
  const person = people[id];
  const name = person ? `${person.displayName} (${person.email})` : id;
  return id === me ? `${name}, you` : name;
}

/** The account a change is about: a new account has no id until it is approved, only what it would be. */
export function accountName(change: StaffChange, people: People, me?: string): string {
  if (change.staffId !== null) return personName(change.staffId, people, me);
  const { displayName, email } = change.proposed;
  if (displayName && email) return `${displayName} (${email})`;
  return email ?? displayName ?? 'a new account';
}

function roleList(roles: readonly string[] | undefined): string {
  return roles && roles.length > 0 ? roles.join(', ') : 'none';
}

/** What approving the change would do, in the words of the API's contract (staff.contract.ts). */
export function effect(change: StaffChange): string {
  const { proposed } = change;
  switch (change.kind) {
    case 'CREATE_ACCOUNT':
      return (
        `Create the account with the role${proposed.roles?.length === 1 ? '' : 's'} ${roleList(proposed.roles)}. ` +
        'The approver receives a temporary password; the person enrols an authenticator at first login.'
      );
    case 'GRANT_ROLES':
      return (
        `Add ${roleList(proposed.rolesAdded)}, so the account holds ${roleList(proposed.roles)}` +
        (proposed.displayName ? `, and rename it to ${proposed.displayName}.` : '.')
      );
    case 'ENABLE_ACCOUNT':
      return 'Let the account log in again (lifting a disable or a lockout); revoked API tokens stay revoked.';
    case 'RESET_PASSWORD':
      return (
        'Replace the password with a temporary one, shown once to the approver; end all sessions, revoke all API ' +
        'tokens, lift a lockout. The person must choose a new password at next login.'
      );
    case 'RESET_SECOND_FACTOR':
      return (
        'Forget the authenticator and recovery codes; end all sessions and revoke all API tokens. The person ' +
        'enrols again at next login.'
      );
  }
}

/**
 * Times in UTC, written out the same on the server and in the browser: a locale- or zone-dependent format would
 * differ between the two and break hydration.
 */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
