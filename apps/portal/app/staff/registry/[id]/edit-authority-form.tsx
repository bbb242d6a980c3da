'use client';

import { type AuthorityDetail, AuthorityKind, UpdateAuthority, UpdateAuthorityRequest } from '@writ/contracts';
import { AUTHORITY_KIND_LABEL } from '../../admin/words';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { issuesByField } from '../../admin/send';
import { callFromBrowser } from '@/lib/browser-api';
import { type ApiFailure, refusalText } from '@/lib/api-failure';

/** A refusal in an admin's words: what happened and what to do, never the API's addresses. */
function refusal(failure: ApiFailure): string {
  switch (failure.code) {
    case 'VERSION_CONFLICT':
      return 'Someone changed this authority while you were editing. Reload the page to see their change, then edit again.';
    case 'REGISTRY_CHANGE_PENDING':
      return 'A change of kind or country for this authority already waits for a second admin. Have it approved or rejected, or withdraw it, on Registry changes first.';
    case 'ALREADY_EXISTS':
      return 'Another authority of this country already has this name. Pick a distinct name.';
    default:
      return refusalText(failure);
  }
}

/**
 * What the last save came to, by authority: the page renders this form anew for each version (so its fields show
 * what is stored), and a save makes a new version, so the message must outlive the form that showed it.
 */
const lastSaved = new Map<string, string>();

export function EditAuthorityForm({ authority, csrfToken }: { authority: AuthorityDetail; csrfToken: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(() => {
    // Taken once, by the form the save's refresh put up: coming back to the page later says nothing old.
    const saved = lastSaved.get(authority.id) ?? null;
    lastSaved.delete(authority.id);
    return saved;
  });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entered = {
      name: String(form.get('name') ?? ''),
      kind: String(form.get('kind') ?? ''),
      country: String(form.get('country') ?? '')
        .trim()
        .toUpperCase(),
      jurisdiction: String(form.get('jurisdiction') ?? ''),
    };
    // Only what differs is sent: an unchanged kind or country must not turn a rename into a proposal.
    const changed = Object.fromEntries(
      Object.entries(entered).filter(([key, value]) => value !== authority[key as keyof typeof entered]),
    );
    setFailure(null);
    setDone(null);
    lastSaved.delete(authority.id);
    if (Object.keys(changed).length === 0) return setFailure('Nothing was changed: edit a field first.');
    const checked = UpdateAuthorityRequest.safeParse({ version: authority.version, ...changed });
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(
      UpdateAuthority,
      {
        params: { id: authority.id },
        body: {
          ...checked.data,
        },
      },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setFailure(refusal(result));
    const saved =
      'proposed' in result.data
        ? 'Proposed: a change of kind or country takes effect when another admin approves it on Registry changes.'
        : 'Saved.';
    lastSaved.set(authority.id, saved);
    setDone(saved);
    router.refresh();
  }

  const describedBy = (name: string, help = false) =>
    [help ? `edit-${name}-help` : '', errors[name] ? `edit-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (name: string) =>
    errors[name] ? (
      <p id={`edit-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

  return (
    <form
      onSubmit={submit}
      noValidate
      className="card form-grid"
      aria-labelledby="edit-authority"
      data-testid="edit-authority"
    >
      <h3 id="edit-authority">Edit</h3>
      <p className="field-help" id="edit-help">
        A new name or jurisdiction is saved at once. A new kind or country changes what its orders are trusted for, so
        it is proposed, and takes effect when another admin approves it.
      </p>
      <div>
        <label htmlFor="edit-name">Name</label>
        <input
          id="edit-name"
          name="name"
          type="text"
          maxLength={200}
          defaultValue={authority.name}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={describedBy('name')}
        />
        {error('name')}
      </div>
      <div>
        <label htmlFor="edit-kind">Kind</label>
        <select id="edit-kind" name="kind" defaultValue={authority.kind} aria-describedby={describedBy('kind')}>
          {AuthorityKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {AUTHORITY_KIND_LABEL[kind]}
            </option>
          ))}
        </select>
        {error('kind')}
      </div>
      <div>
        <label htmlFor="edit-country">Country code</label>
        <input
          id="edit-country"
          name="country"
          type="text"
          maxLength={2}
          autoComplete="off"
          defaultValue={authority.country}
          aria-invalid={Boolean(errors.country)}
          aria-describedby={describedBy('country')}
        />
        {error('country')}
      </div>
      <div>
        <label htmlFor="edit-jurisdiction">Jurisdiction</label>
        <input
          id="edit-jurisdiction"
          name="jurisdiction"
          type="text"
          maxLength={500}
          defaultValue={authority.jurisdiction}
          aria-invalid={Boolean(errors.jurisdiction)}
          aria-describedby={describedBy('jurisdiction')}
        />
        {error('jurisdiction')}
      </div>
      {failure ? (
        <p role="alert" className="status-bad" data-testid="edit-authority-error">
          {failure}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="status-ok" data-testid="edit-authority-done">
          {done}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Save changes
        </button>
      </div>
    </form>
  );
}
