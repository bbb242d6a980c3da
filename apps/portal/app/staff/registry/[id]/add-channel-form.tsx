'use client';

import { AddAuthorityChannel, AddContactChannelRequest, ContactChannelKind } from '@writ/contracts';
import Link from '@/components/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { issuesByField } from '../../admin/send';
import { callFromBrowser } from '@/lib/browser-api';
import { refusalText } from '@/lib/api-failure';

const VALUE_HELP: Record<ContactChannelKind, string> = {
  EMAIL: 'The authority’s own address, e.g. registry@court.example',
  PHONE: 'International form: + and digits, e.g. +493012345678',
  PORTAL: 'An https:// address',
  POST: 'The postal address, one line per line',
};

/** Proposes a contact channel the authority was verified through; a second admin approves it. */
export function AddChannelForm({ authorityId, csrfToken }: { authorityId: string; csrfToken: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<ContactChannelKind>('PHONE');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const label = String(form.get('label') ?? '').trim();
    const checked = AddContactChannelRequest.safeParse({
      kind,
      value: String(form.get('value') ?? '').trim(),
      ...(label ? { label } : {}),
    });
    setFailure(null);
    setDone(null);
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(
      AddAuthorityChannel,
      { params: { id: authorityId }, body: checked.data },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setFailure(refusalText(result));
    setDone(`${result.data.proposed.channel?.value ?? ''}`);
    formElement.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-labelledby="add-channel-heading">
      <h3 id="add-channel-heading">Propose a contact channel</h3>
      {failure ? (
        <p role="alert" className="status-bad" data-testid="channel-form-error">
          {failure}
        </p>
      ) : null}
      {done !== null ? (
        <p role="status" className="status-ok" data-testid="channel-proposed">
          Proposed: {done}. It is added when another admin approves it on{' '}
          <Link href="/staff/registry/changes">Registry changes</Link>.
        </p>
      ) : null}
      <div>
        <label htmlFor="channel-kind">Kind</label>
        <select
          id="channel-kind"
          name="kind"
          value={kind}
          onChange={(event) => setKind(ContactChannelKind.parse(event.target.value))}
        >
          <option value="PHONE">Phone</option>
          <option value="EMAIL">Email</option>
          <option value="PORTAL">Web portal</option>
          <option value="POST">Post</option>
        </select>
      </div>
      <div>
        <label htmlFor="channel-value">Address or number</label>
        <p className="field-help" id="channel-value-help">
          {VALUE_HELP[kind]}. Only one you verified as the authority’s own, never one printed on an order.
        </p>
        {kind === 'POST' ? (
          <textarea
            id="channel-value"
            name="value"
            rows={4}
            aria-describedby={`channel-value-help${errors.value ? ' channel-value-error' : ''}`}
            aria-invalid={Boolean(errors.value)}
          />
        ) : (
          <input
            id="channel-value"
            name="value"
            type="text"
            autoComplete="off"
            aria-describedby={`channel-value-help${errors.value ? ' channel-value-error' : ''}`}
            aria-invalid={Boolean(errors.value)}
          />
        )}
        {errors.value ? (
          <p id="channel-value-error" className="field-error">
            {errors.value}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="channel-label">Label (optional)</label>
        <input
          id="channel-label"
          name="label"
          type="text"
          maxLength={200}
          placeholder="e.g. Registry office, duty line"
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Propose channel
        </button>
      </div>
    </form>
  );
}
