'use client';

import { AuthorityKind, CreateAuthority, CreateAuthorityRequest } from '@writ/contracts';
import { AUTHORITY_KIND_LABEL } from '../admin/words';
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useState } from 'react';
import { issuesByField } from '../admin/send';
import { callFromBrowser } from '@/lib/browser-api';
import { refusalText } from '@/lib/api-failure';
import { RequiredMark } from '@/components/required-mark';

/**
 * Registers an authority. The API creates it SUSPENDED and proposes its activation, so nothing relies on it until a
 * second admin approves; the page then opens the new authority, where its keys and channels are added.
 */
export function NewAuthorityForm({ csrfToken }: { csrfToken: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = CreateAuthorityRequest.safeParse({
      name: String(form.get('name') ?? ''),
      kind: String(form.get('kind') ?? ''),
      country: String(form.get('country') ?? '')
        .trim()
        .toUpperCase(),
      jurisdiction: String(form.get('jurisdiction') ?? ''),
    });
    setFailure(null);
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(CreateAuthority, { body: checked.data }, { csrfToken });
    setBusy(false);
    if (!result.ok) return setFailure(refusalText(result));
    router.push(`/staff/registry/${result.data.id}?created=1`);
  }

  const field = (name: string, label: string, input: ReactNode, help?: string) => (
    <div>
      <label htmlFor={`authority-${name}`}>{label}</label>
      {/* Every field here is required; the kind is chosen from a list that always has one. */}
      {name === 'kind' ? null : <RequiredMark />}
      {help ? (
        <p className="field-help" id={`authority-${name}-help`}>
          {help}
        </p>
      ) : null}
      {input}
      {errors[name] ? (
        <p id={`authority-${name}-error`} className="field-error">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const describedBy = (name: string, help = false) =>
    [help ? `authority-${name}-help` : '', errors[name] ? `authority-${name}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-labelledby="new-authority">
      {failure ? (
        <p role="alert" className="status-bad" data-testid="authority-form-error">
          {failure}
        </p>
      ) : null}
      {field(
        'name',
        'Name',
        <input
          id="authority-name"
          name="name"
          type="text"
          required
          maxLength={200}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={describedBy('name')}
        />,
      )}
      {field(
        'kind',
        'Kind',
        <select id="authority-kind" name="kind" defaultValue="COURT" aria-describedby={describedBy('kind')}>
          {AuthorityKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {AUTHORITY_KIND_LABEL[kind]}
            </option>
          ))}
        </select>,
      )}
      {field(
        'country',
        'Country code',
        <input
          id="authority-country"
          name="country"
          type="text"
          required
          maxLength={2}
          autoComplete="off"
          aria-invalid={Boolean(errors.country)}
          aria-describedby={describedBy('country', true)}
        />,
        'Two letters, ISO 3166-1, e.g. DE for Germany.',
      )}
      {field(
        'jurisdiction',
        'Jurisdiction',
        <input
          id="authority-jurisdiction"
          name="jurisdiction"
          type="text"
          required
          maxLength={500}
          aria-invalid={Boolean(errors.jurisdiction)}
          aria-describedby={describedBy('jurisdiction', true)}
        />,
        'What it may order, and where, e.g. "Criminal matters, district of Mitte".',
      )}
      <p className="field-help">
        It is registered suspended: nobody relies on it until a second admin approves its activation.
      </p>
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Register authority
        </button>
      </div>
    </form>
  );
}
