'use client';

import { CreateApiToken, CreateApiTokenRequest, type CreatedApiToken, type StaffRole } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { RequiredMark } from '@/components/required-mark';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';
import { ROLE_HELP } from '../admin/words';
import { issuesByField } from '../admin/send';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Lifetimes offered; the API refuses one past its limit (API_TOKEN_MAX_DAYS, 90 unless the server says less). */
const LIFETIMES = [1, 7, 30, 90] as const;

/**
 * Makes a token with some of the person's roles (none ticked at first: a script should get only what it needs) and
 * shows its secret once, with a way to copy it: Writ keeps only its hash.
 */
export function NewTokenForm({ roles, csrfToken }: { roles: readonly StaffRole[]; csrfToken: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [made, setMade] = useState<CreatedApiToken | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  // Focus lands on the secret, selected: read out with its label, and copied with one keystroke.
  useEffect(() => {
    if (made) secretRef.current?.focus();
  }, [made]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get('days'));
    const body = {
      name: String(form.get('name') ?? ''),
      roles: form.getAll('roles').map(String),
      expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(),
    };
    const checked = CreateApiTokenRequest.safeParse(body);
    setFailure(null);
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(CreateApiToken, { body: checked.data }, { csrfToken });
    setBusy(false);
    if (!result.ok) return setFailure(refusalText(result));
    setMade(result.data);
    setCopied(null);
    router.refresh();
  }

  async function copy(): Promise<void> {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.token);
      setCopied('Copied. Paste it where the script keeps its secrets.');
    } catch {
      // Clipboard access can be refused (an insecure origin, a browser setting): the field is selected instead.
      secretRef.current?.select();
      setCopied('Your browser did not allow copying: the token is selected, copy it with Ctrl+C or ⌘C.');
    }
  }

  if (made) {
    return (
      <section className="card" aria-labelledby="token-made" data-testid="token-made">
        <h2 id="token-made">Token “{made.name}” made</h2>
        <p role="status" className="status-ok">
          Copy it now: Writ shows it this once and keeps only its hash. It works until {made.expiresAt.slice(0, 10)}{' '}
          with the {made.roles.length === 1 ? 'role' : 'roles'} {made.roles.join(', ')}.
        </p>
        <label htmlFor="token-secret">Token</label>
        <div className="actions">
          <input
            id="token-secret"
            ref={secretRef}
            className="mono"
            readOnly
            value={made.token}
            onFocus={(event) => event.currentTarget.select()}
            size={Math.min(made.token.length, 60)}
          />
          <button type="button" onClick={copy}>
            Copy the token
          </button>
        </div>
        {copied ? (
          <p role="status" className="small" data-testid="token-copied">
            {copied}
          </p>
        ) : null}
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setMade(null)}>
            I have stored it — make another token
          </button>
        </p>
      </section>
    );
  }

  const described = (field: string) => (errors[field] ? `token-${field}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-labelledby="new-token">
      <h2 id="new-token">Make a token</h2>
      {failure ? (
        <p role="alert" className="status-bad" data-testid="token-form-error">
          {failure}
        </p>
      ) : null}
      <div>
        <label htmlFor="token-name">Name</label>
        <RequiredMark />
        <input
          id="token-name"
          name="name"
          type="text"
          autoComplete="off"
          maxLength={100}
          required
          aria-invalid={Boolean(errors.name)}
          aria-describedby={['token-name-help', described('name')].filter(Boolean).join(' ')}
        />
        <p id="token-name-help" className="field-help">
          What it is for, so you know which one to revoke: “nightly export”, “intake mailbox”.
        </p>
        {errors.name ? (
          <p id="token-name-error" className="field-error">
            Give the token a name.
          </p>
        ) : null}
      </div>
      <fieldset aria-describedby={described('roles')}>
        <legend>
          Roles it may use <RequiredMark />
        </legend>
        <p className="field-help">Only your own roles can be given, and only what the script needs.</p>
        {roles.map((role) => (
          <label key={role} className="choice">
            <input type="checkbox" name="roles" value={role} /> {role}{' '}
            <span className="muted">— {ROLE_HELP[role]}</span>
          </label>
        ))}
        {errors.roles ? (
          <p id="token-roles-error" className="field-error">
            Tick at least one role.
          </p>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor="token-days">Valid for</label>
        <select id="token-days" name="days" defaultValue="30">
          {LIFETIMES.map((days) => (
            <option key={days} value={days}>
              {days === 1 ? '1 day' : `${days} days`}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Make token
        </button>
      </div>
    </form>
  );
}
