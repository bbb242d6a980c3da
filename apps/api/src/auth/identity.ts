import type { StaffRole } from '@writ/contracts';

/** The authenticated caller of a request, attached by AccessGuard. */
export interface Identity {
  staffId: string;
  email: string;
  roles: readonly StaffRole[];
  via: 'session' | 'token';
}

export type WithIdentity = { identity?: Identity };
