'use client';

import { CreateStaff, CreateStaffRequest, type StaffChange, StaffRole } from '@writ/contracts';
import Link from '@/components/link';
import { type FormEvent, useRef, useState } from 'react';
import { ROLE_HELP } from '../../admin/words';
import { issuesByField } from '../../admin/send';
import { callFromBrowser } from '@/lib/browser-api';
import { refusalText } from '@/lib/api-failure';
import { RequiredMark } from '@/components/required-mark';

/**
 * Proposes an account. Checked here against the same contract the API uses, so errors sit next to their fields
 * before anything is sent; the API checks again and its refusal (a taken email, ADMIN with APPROVER) is shown as is.
 */
export function NewAccountForm({ csrfToken }: { csrfToken: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [proposed, setProposed] = useState<StaffChange | null>(null);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      email: String(form.get('email') ?? '').trim(),
      displayName: String(form.get('displayName') ?? '').trim(),
      roles: form.getAll('roles').map(String),
    };
    const checked = CreateStaffRequest.safeParse(body);
    setFailure(null);
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(CreateStaff, { body: checked.data }, { csrfToken });
    setBusy(false);
    if (!result.ok) return setFailure(refusalText(result));
    setProposed(result.data);
    requestAnimationFrame(() => doneRef.current?.focus());
  }

  if (proposed) {
    return (
      <div ref={doneRef} tabIndex={-1} className="card" data-testid="account-proposed">
        <p role="status" className="status-ok">
          Proposed: an account for {proposed.proposed.displayName} ({proposed.proposed.email}) with{' '}
          {proposed.proposed.roles?.join(', ')}.
        </p>
        <p>
          It is created when another admin approves it on <Link href="/staff/changes">Account changes</Link>. The
          approving admin receives the temporary password and passes it on; the proposal lapses if nobody decides by{' '}
          {proposed.expiresAt.slice(0, 16).replace('T', ' ')} UTC.
        </p>
        <p className="actions">
          <Link href="/staff/accounts">Back to staff accounts</Link>
          <button type="button" className="secondary" onClick={() => setProposed(null)}>
            Propose another account
          </button>
        </p>
      </div>
    );
  }

  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);
  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-label="Propose a new account">
      {failure ? (
        <p role="alert" className="status-bad" data-testid="account-form-error">
          {failure}
        </p>
      ) : null}
      <div>
        <label htmlFor="email">Email</label>
        <RequiredMark />
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="off"
          required
          aria-invalid={Boolean(errors.email)}
          aria-describedby={described('email')}
        />
        {errors.email ? (
          <p id="email-error" className="field-error">
            {errors.email}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="displayName">Name</label>
        <RequiredMark />
        <input
          id="displayName"
          name="displayName"
          type="text"
          autoComplete="off"
          required
          maxLength={200}
          aria-invalid={Boolean(errors.displayName)}
          aria-describedby={described('displayName')}
        />
        {errors.displayName ? (
          <p id="displayName-error" className="field-error">
            {errors.displayName}
          </p>
        ) : null}
      </div>
      <fieldset aria-describedby={described('roles')}>
        <legend>Roles (at least one)</legend>
        {StaffRole.options.map((role) => (
          <label key={role} className="choice">
            <input type="checkbox" name="roles" value={role} /> {role}{' '}
            <span className="muted">— {ROLE_HELP[role]}</span>
          </label>
        ))}
        {errors.roles ? (
          <p id="roles-error" className="field-error">
            Roles: {errors.roles}
          </p>
        ) : null}
      </fieldset>
      <p className="field-help">
        No password here: Writ makes a temporary one when another admin approves, and shows it only to them.
      </p>
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Propose account
        </button>
        <Link href="/staff/accounts">Cancel</Link>
      </div>
    </form>
  );
}
