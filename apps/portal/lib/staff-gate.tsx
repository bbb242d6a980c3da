import 'server-only';
import type { MeResponse, StaffRole } from '@writ/contracts';
import { cookies } from 'next/headers';
import Link from '@/components/link';
import { cache, type ReactNode } from 'react';
import { safeReturnPath } from './return-path';
import { currentStaff } from './staff-api';

// The door of every staff page: who is here, and may they see this page at all. The API refuses anyway; this only
// spares a person a page of refusals and tells them what to do instead.

/** Who is here, asked of the API once per page render however many parts (menu, gate) want to know. */
export const whoIsHere = cache(currentStaff);

export type Gate = { ok: true; me: MeResponse } | { ok: false; page: ReactNode };

export function loginHref(returnTo: string): string {
  const path = safeReturnPath(returnTo);
  return path ? `/staff/login?${new URLSearchParams({ next: path })}` : '/staff/login';
}

function roleList(roles: readonly StaffRole[]): string {
  return `the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`;
}

/**
 * `title` is the page's h1, shown also on the refusal; `returnTo` is this page's own path and query, so that a
 * person whose session ran out comes back to exactly here after logging in again.
 */
export async function staffGate(title: string, roles: readonly StaffRole[], returnTo: string): Promise<Gate> {
  const who = await whoIsHere();
  if (who.state === 'unavailable') {
    return {
      ok: false,
      page: (
        <>
          <h1>{title}</h1>
          <p role="alert" className="status-bad" data-testid="gate-unavailable">
            The Writ API cannot be reached right now. Try again in a minute; if it stays like this, tell the
            administrator.
          </p>
        </>
      ),
    };
  }
  if (who.state === 'out') {
    // A cookie the API no longer accepts is a session that expired (or was ended elsewhere), not a stranger.
    const expired = (await cookies()).has('writ_session');
    return {
      ok: false,
      page: (
        <>
          <h1>{title}</h1>
          <p role="alert" className="status-bad" data-testid="session-expired">
            {expired
              ? 'Your session has ended: sessions close after a time without activity, or when you log out elsewhere.'
              : 'You are not logged in.'}
          </p>
          <p>
            <Link href={loginHref(returnTo)} data-testid="login-again">
              Log in {expired ? 'again ' : ''}to continue on this page
            </Link>
          </p>
        </>
      ),
    };
  }
  const { staff } = who.me;
  if (who.me.passwordChangeRequired) {
    return {
      ok: false,
      page: (
        <>
          <h1>{title}</h1>
          <p className="status-bad">An admin chose your password: replace it with your own before anything else.</p>
          <p>
            <Link href="/staff">Choose your password</Link>
          </p>
        </>
      ),
    };
  }
  if (!staff.roles.some((role) => roles.includes(role))) {
    return {
      ok: false,
      page: (
        <>
          <h1>{title}</h1>
          <p className="status-bad" data-testid="needs-role">
            This page needs {roles.length > 1 ? 'one of ' : ''}
            {roleList(roles)}. You are logged in as {staff.displayName} with {roleList(staff.roles)}.
          </p>
          <p>
            <Link href="/staff">Back to Staff</Link>
          </p>
        </>
      ),
    };
  }
  return { ok: true, me: who.me };
}
