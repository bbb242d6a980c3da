'use client';

// Before the contracts build their schemas: no eval probe under the page's CSP (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import { type FormEvent, useState } from 'react';
import { ChangePassword } from '@writ/contracts';
import { callFromBrowser } from '@/lib/browser-api';

/** The API's rule (StaffPassword); repeated here only to answer before a round trip. */
const MIN_LENGTH = 12;

/**
 * Changes the signed-in person's password (POST /auth/password). `forced`: the password is one an admin chose,
 * and the session can do nothing else until it is replaced; on success the person continues to /staff.
 * `titled={false}` where something around it already names it (a <summary>).
 */
export function ChangePasswordForm({
  csrfToken,
  forced,
  titled = true,
}: {
  csrfToken: string;
  forced: boolean;
  titled?: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    setError(null);
    setDone(false);
    if (newPassword !== String(form.get('repeatPassword') ?? '')) {
      return setError('The two new passwords are not the same.');
    }
    if (newPassword.trim().length < MIN_LENGTH) {
      return setError(`The new password must be at least ${MIN_LENGTH} characters long.`);
    }
    setBusy(true);
    const result = await callFromBrowser(ChangePassword, { body: { currentPassword, newPassword } }, { csrfToken });
    setBusy(false);
    if (!result.ok) {
      // A lockout or an expired session ends this session: the person has to log in again.
      if (result.code === 'ACCOUNT_LOCKED' || result.code === 'UNAUTHENTICATED') {
        return setError(`${result.message} Log in again at /staff/login.`);
      }
      return setError(result.message.replace(/^newPassword: /, 'New password: '));
    }
    if (forced) {
      // A full navigation, so the server renders /staff with the session that may now do everything.
      window.location.assign('/staff');
      return;
    }
    formElement.reset();
    setDone(true);
  }

  return (
    <form
      onSubmit={submit}
      className="card"
      {...(titled ? { 'aria-labelledby': 'change-password-heading' } : { 'aria-label': 'Change your password' })}
    >
      {titled ? (
        <h2 id="change-password-heading">{forced ? 'Choose your own password' : 'Change your password'}</h2>
      ) : null}
      {forced ? (
        <p>
          An admin set the password you logged in with. Replace it with one only you know before you continue: at least{' '}
          {MIN_LENGTH} characters, not your email address.
        </p>
      ) : (
        <p className="muted">
          At least {MIN_LENGTH} characters, not your email address. Your other sessions are logged out.
        </p>
      )}
      {error ? (
        <p role="alert" className="status-bad" data-testid="password-error">
          {error}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="status-ok" data-testid="password-changed">
          Your password has been changed. Any other sessions were logged out.
        </p>
      ) : null}
      <p>
        <label htmlFor="currentPassword">{forced ? 'Password you logged in with' : 'Current password'}</label>
        <br />
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={forced}
        />
      </p>
      <p>
        <label htmlFor="newPassword">New password</label>
        <br />
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
        />
      </p>
      <p>
        <label htmlFor="repeatPassword">New password, again</label>
        <br />
        <input
          id="repeatPassword"
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          minLength={MIN_LENGTH}
          required
        />
      </p>
      <button type="submit" disabled={busy} aria-busy={busy}>
        {forced ? 'Save and continue' : 'Change password'}
      </button>
    </form>
  );
}
