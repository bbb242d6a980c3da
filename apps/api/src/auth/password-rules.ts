import { AppError } from '../common/index.js';

/**
 * The password rules that need the account, beyond the contract's StaffPassword (length): an email address is
 * the first thing anyone tries, and is printed on every page of the portal.
 */
export function assertPasswordFitsAccount(field: string, password: string, email: string): void {
  const typed = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.slice(0, address.lastIndexOf('@'));
  if (typed.includes(address) || typed === localPart) {
    throw invalidPassword(field, "must not be the account's email address (or the part before the @)");
  }
}

/** VALIDATION_FAILED in the shape the validation pipe gives, naming the field. */
export function invalidPassword(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, { issues: [{ path: [field], message }] });
}
