import Link from '@/components/link';
import { currentStaff } from '@/lib/staff-api';
import { ChangePasswordForm } from './login/change-password-form';
import { LogoutButton } from './login/logout-button';

export const metadata = { title: 'Staff' };
export const dynamic = 'force-dynamic';

export default async function StaffPage() {
  const who = await currentStaff();
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">Legal staff sign in here to log requests, verify orders and prepare disclosures.</p>
      {who.state === 'in' ? (
        <>
          <section className="card" aria-labelledby="signed-in">
            <h2 id="signed-in">Signed in</h2>
            <p data-testid="current-staff">
              You are logged in as <strong>{who.me.staff.displayName}</strong> ({who.me.staff.email}), with the role
              {who.me.staff.roles.length > 1 ? 's' : ''} {who.me.staff.roles.join(', ')}.
            </p>
            <LogoutButton csrfToken={who.me.csrfToken ?? ''} />
          </section>
          {who.me.staff.roles.includes('ADMIN') ? (
            <p>
              <Link href="/staff/changes">Staff account changes waiting for approval</Link>
            </p>
          ) : null}
          <section className="card" aria-labelledby="api-tokens">
            <h2 id="api-tokens">API tokens</h2>
            <p>
              For a script that calls the Writ API as you, with some of your roles, for a limited time.{' '}
              <Link href="/staff/tokens">Your API tokens</Link>
            </p>
          </section>
          {/* After a reload, a session still held to replacing an admin-chosen password gets the form first. */}
          {who.me.passwordChangeRequired ? (
            <ChangePasswordForm csrfToken={who.me.csrfToken ?? ''} forced />
          ) : (
            <details>
              <summary>Change your password</summary>
              <ChangePasswordForm csrfToken={who.me.csrfToken ?? ''} forced={false} titled={false} />
            </details>
          )}
        </>
      ) : (
        <p>
          {who.state === 'unavailable' ? (
            <span className="status-bad">The Writ API cannot be reached right now. </span>
          ) : null}
          <Link href="/staff/login">Log in</Link>
        </p>
      )}
    </>
  );
}
