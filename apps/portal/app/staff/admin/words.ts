import type { AuthorityKind, StaffAccount } from '@writ/contracts';

// Words shared by the admin screens (staff accounts, the authority registry), on the server and in the browser.

export function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** An authority's kind as the registry screens name it. */
export const AUTHORITY_KIND_LABEL: Record<AuthorityKind, string> = {
  COURT: 'Court',
  PROSECUTOR: 'Prosecutor',
  POLICE: 'Police',
  ADMINISTRATIVE: 'Administrative authority',
  OTHER: 'Other',
};

/** Times in UTC, the same on server and browser (a locale format would differ between them and break hydration). */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Whether the account can log in now, and if not why, in a clerk's words. */
export function accountState(account: StaffAccount, now = new Date()): { label: string; tone: 'ok' | 'bad' | 'warn' } {
  if (account.disabledAt) return { label: `Disabled since ${formatTime(account.disabledAt)}`, tone: 'bad' };
  if (account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime())
    return { label: `Locked out until ${formatTime(account.lockedUntil)} (too many failed logins)`, tone: 'bad' };
  if (!account.secondFactorEnrolled) return { label: 'Active; authenticator not set up yet', tone: 'warn' };
  if (account.passwordChangeRequired) return { label: 'Active; must choose a new password', tone: 'warn' };
  return { label: 'Active', tone: 'ok' };
}

const DAY_MS = 86_400_000;
const days = (count: number) => `${count} day${count === 1 ? '' : 's'}`;

/**
 * Where a key's own validity window stands: how long it has been valid so far, or how long until it is. Not the
 * key's age in Writ, which counts from its registration (`keyAge`).
 */
export function validSoFar(validFrom: string, now = new Date()): string {
  const count = Math.floor((now.getTime() - Date.parse(validFrom)) / DAY_MS);
  if (count < 0) return `not valid for another ${days(-count)}`;
  if (count === 0) return 'valid from today';
  return `valid for ${days(count)} so far`;
}

/**
 * How long a key or certificate has been registered in Writ (approved by a second admin, or written by the seed):
 * what the decision preview counts a verification's key age from, and flags when it is young
 * (REGISTRY_KEY_MIN_AGE_HOURS).
 */
export function keyAge(registeredAt: string, now = new Date()): string {
  const count = Math.floor((now.getTime() - Date.parse(registeredAt)) / DAY_MS);
  return count < 1 ? 'less than a day' : days(count);
}

export const ROLE_HELP = {
  INTAKE: 'logs requests as they arrive',
  REVIEWER: 'checks orders and reviews the decisions',
  APPROVER: 'approves what is released',
  AUDITOR: 'reads the full audit log',
  ADMIN: 'manages staff accounts and the authority registry',
} as const;
