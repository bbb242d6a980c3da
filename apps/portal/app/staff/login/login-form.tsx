'use client';

// Before the contracts build their schemas: no eval probe under the page's CSP (lib/zod-jitless.ts).
import '@/lib/zod-jitless';
import {
  ConfirmTotpEnrolment,
  Login,
  StartTotpEnrolment,
  type TotpEnrolment,
  VerifySecondFactor,
} from '@writ/contracts';
import { type FormEvent, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { ChangePasswordForm } from './change-password-form';
import { TotpQrCode } from './totp-qr';

type Step =
  | { kind: 'password' }
  | { kind: 'code'; csrfToken: string }
  | { kind: 'enrol'; csrfToken: string; enrolment: TotpEnrolment }
  /** `changePassword`: the CSRF token of a session that must replace an admin-chosen password next. */
  | { kind: 'recovery-codes'; codes: string[]; changePassword: string | null }
  | { kind: 'change-password'; csrfToken: string };

function goToStaffHome(returnTo: string | undefined): void {
  // A full navigation, so the server renders the page with the new session cookie.
  window.location.assign(returnTo ?? '/staff');
}

/** `returnTo`: a staff page (checked on the server) to go back to after logging in, instead of /staff. */
export function LoginForm({ returnTo }: { returnTo?: string } = {}) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  }

  function submitPassword(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    return run(async () => {
      const login = await callFromBrowser(Login, {
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      if (!login.ok) return setError(login.message);
      if (login.data.next === 'TOTP') return setStep({ kind: 'code', csrfToken: login.data.csrfToken });
      const enrolment = await callFromBrowser(StartTotpEnrolment, {}, { csrfToken: login.data.csrfToken });
      if (!enrolment.ok) return setError(enrolment.message);
      setStep({ kind: 'enrol', csrfToken: login.data.csrfToken, enrolment: enrolment.data });
    });
  }

  /** A wrong code may be tried again; a lockout or an expired login sends the person back to the password. */
  function codeRefused(outcome: { code?: string; message: string }): void {
    if (outcome.code === 'ACCOUNT_LOCKED' || outcome.code === 'UNAUTHENTICATED') setStep({ kind: 'password' });
    setError(
      outcome.code === 'UNAUTHENTICATED'
        ? 'This login attempt has expired. Enter your password again.'
        : outcome.message,
    );
  }

  function submitCode(event: FormEvent<HTMLFormElement>, csrfToken: string, enrolling: boolean): Promise<void> {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    return run(async () => {
      if (enrolling) {
        const confirmed = await callFromBrowser(ConfirmTotpEnrolment, { body: { code } }, { csrfToken });
        if (!confirmed.ok) return codeRefused(confirmed);
        return setStep({
          kind: 'recovery-codes',
          codes: confirmed.data.recoveryCodes,
          changePassword: confirmed.data.passwordChangeRequired ? confirmed.data.csrfToken : null,
        });
      }
      const passed = await callFromBrowser(VerifySecondFactor, { body: { code } }, { csrfToken });
      if (!passed.ok) return codeRefused(passed);
      // An admin chose this password (new account, or a reset): the session can do nothing else until it is replaced.
      if (passed.data.passwordChangeRequired)
        return setStep({ kind: 'change-password', csrfToken: passed.data.csrfToken });
      goToStaffHome(returnTo);
    });
  }

  const alert = error ? (
    <p role="alert" className="status-bad" data-testid="login-error">
      {error}
    </p>
  ) : null;

  if (step.kind === 'password') {
    return (
      <form onSubmit={submitPassword} className="card" aria-label="Email and password">
        {alert}
        <p>
          <label htmlFor="email">Email</label>
          <br />
          <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
        </p>
        <p>
          <label htmlFor="password">Password</label>
          <br />
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </p>
        <button type="submit" disabled={busy} aria-busy={busy}>
          Continue
        </button>
      </form>
    );
  }

  if (step.kind === 'change-password') return <ChangePasswordForm csrfToken={step.csrfToken} forced />;

  if (step.kind === 'recovery-codes') {
    const { changePassword } = step;
    return (
      <section className="card" aria-labelledby="recovery-heading">
        <h2 id="recovery-heading">Your recovery codes</h2>
        <p>
          Each code logs you in once if you lose your authenticator. Store them somewhere safe now: they are not shown
          again.
        </p>
        <ul data-testid="recovery-codes">
          {step.codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() =>
            changePassword === null
              ? goToStaffHome(returnTo)
              : setStep({ kind: 'change-password', csrfToken: changePassword })
          }
          autoFocus
        >
          I have stored them — continue
        </button>
      </section>
    );
  }

  const enrolling = step.kind === 'enrol';
  return (
    // Keyed by step: otherwise React reuses the password form's <input> for the code and it shows the password typed.
    <form
      key={step.kind}
      onSubmit={(event) => submitCode(event, step.csrfToken, enrolling)}
      className="card"
      aria-label="Second factor"
    >
      {alert}
      {enrolling ? (
        <>
          <h2>Set up your authenticator</h2>
          <p>
            This account has no authenticator yet. Scan the QR code with an authenticator app, or type the key into it,
            then enter the 6-digit code it shows.
          </p>
          <div className="totp-setup">
            <TotpQrCode uri={step.enrolment.otpauthUri} />
            <p>
              Key: <code data-testid="totp-secret">{step.enrolment.secret}</code>
            </p>
          </div>
          <p className="muted">
            Or open this link on the device with the app: <a href={step.enrolment.otpauthUri}>otpauth link</a>
          </p>
        </>
      ) : null}
      <p>
        <label htmlFor="code">
          {enrolling ? 'Code from your authenticator' : 'Code from your authenticator, or a recovery code'}
        </label>
        <br />
        <input
          id="code"
          name="code"
          type="text"
          inputMode={enrolling ? 'numeric' : 'text'}
          autoComplete="one-time-code"
          required
          autoFocus
        />
      </p>
      <button type="submit" disabled={busy} aria-busy={busy}>
        {enrolling ? 'Confirm' : 'Verify'}
      </button>
    </form>
  );
}
