import { AppError } from '../common/index.js';

/**
 * docs/DOMAIN.md: admins manage accounts, the registry and keys, and make no approvals. Whoever can add a court's
 * signing key must not also be the one who confirms that an order verifies against it.
 */
export function assertSeparatedRoles(roles: readonly string[]): void {
  if (roles.includes('ADMIN') && roles.includes('APPROVER')) {
    throw new AppError('SEPARATION_OF_DUTIES', 'ADMIN and APPROVER cannot be held by the same account (DOMAIN.md).');
  }
}

export function selfLockout(message: string): AppError {
  return new AppError('SELF_LOCKOUT', message);
}

export function versionConflict(current: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    'Someone changed this account since you read it. Reload it and apply your change again.',
    { currentVersion: current },
  );
}
