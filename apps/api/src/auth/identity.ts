import type { StaffRole } from '@writ/contracts';

/** The authenticated caller of a request, attached by AccessGuard. */
export interface Identity {
  staffId: string;
  email: string;
  roles: readonly StaffRole[];
  via: 'session' | 'token';
  /** For session callers: the session's key (SHA-256 of the cookie), so logout ends exactly this session. */
  sessionHash?: string;
}

export type WithIdentity = { identity?: Identity };
