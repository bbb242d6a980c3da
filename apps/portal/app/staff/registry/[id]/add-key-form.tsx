'use client';

import { AddAuthorityKey, AddAuthorityKeyRequest, type RegistryChange } from '@writ/contracts';
import Link from '@/components/link';
import { useRouter } from 'next/navigation';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { type KeyFile, readKeyFile } from '@/lib/key-file';
import { issuesByField } from '../../admin/send';
import { callFromBrowser } from '@/lib/browser-api';
import { CertificateFacts, ValidWindow } from '../certificate-facts';
import { refusalText } from '@/lib/api-failure';

/** A date from a date input as the start of that day in UTC, the form the API's timestamps take. */
// The form asks for days: valid from the first day's start to the last day's end, both in UTC, so the last day
// chosen is a day the key is still accepted on.
const dayStart = (value: string) => (value ? `${value}T00:00:00Z` : '');
const dayEnd = (value: string) => (value ? `${value}T23:59:59.999Z` : '');

/**
 * Proposes a key or certificate from a file the authority handed over. The file is read here (lib/key-file.ts) so
 * the admin sees what it is before sending; the API parses it again, computes the fingerprint, and holds it until
 * a second admin approves. A certificate brings its own validity; a bare Ed25519 key needs one stated.
 */
export function AddKeyForm({ authorityId, csrfToken }: { authorityId: string; csrfToken: string }) {
  const router = useRouter();
  const [file, setFile] = useState<KeyFile | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [proposed, setProposed] = useState<RegistryChange | null>(null);
  const [busy, setBusy] = useState(false);

  async function pick(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const picked = event.currentTarget.files?.[0];
    setFailure(null);
    setErrors({});
    setFile(picked ? readKeyFile(new Uint8Array(await picked.arrayBuffer())) : null);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFailure(null);
    if (!file) return setErrors({ file: 'Choose the key or certificate file first.' });
    if (!file.ok) return setErrors({ file: file.message });
    const form = new FormData(event.currentTarget);
    const body =
      file.kind === 'X509'
        ? { kind: 'X509', certificate: file.certificate }
        : {
            kind: 'ED25519',
            publicKey: file.publicKey,
            validFrom: dayStart(String(form.get('validFrom') ?? '')),
            validTo: dayEnd(String(form.get('validTo') ?? '')),
          };
    const checked = AddAuthorityKeyRequest.safeParse(body);
    if (!checked.success) return setErrors(issuesByField(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(
      AddAuthorityKey,
      { params: { id: authorityId }, body: checked.data },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setFailure(refusalText(result));
    setProposed(result.data);
    router.refresh();
  }

  if (proposed?.proposed.key) {
    const { key } = proposed.proposed;
    return (
      <section className="card" aria-labelledby="add-key-heading" data-testid="key-proposed">
        <h3 id="add-key-heading">Key proposed</h3>
        <p role="status" className="status-ok">
          Proposed: it is registered when another admin approves it on{' '}
          <Link href="/staff/registry/changes">Registry changes</Link>.
        </p>
        <dl className="facts">
          <dt>Fingerprint</dt>
          <dd>
            <code className="fingerprint" data-testid="proposed-fingerprint">
              {key.fingerprint}
            </code>
          </dd>
          <dt>Valid</dt>
          <dd>
            <ValidWindow from={key.validFrom} to={key.validTo} soFar />
          </dd>
          <CertificateFacts certificate={key.certificate} />
        </dl>
        <p className="field-help">Read the fingerprint to the authority to confirm it is theirs.</p>
        <button type="button" className="secondary" onClick={() => (setProposed(null), setFile(null))}>
          Propose another key
        </button>
      </section>
    );
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <form onSubmit={submit} noValidate className="card form-grid" aria-labelledby="add-key-heading">
      <h3 id="add-key-heading">Propose a key or certificate</h3>
      {failure ? (
        <p role="alert" className="status-bad" data-testid="key-form-error">
          {failure}
        </p>
      ) : null}
      <div>
        <label htmlFor="key-file">Key or certificate file</label>
        <p className="field-help" id="key-file-help">
          An X.509 certificate (PEM or DER), or an Ed25519 public key (PEM, or the 32-byte key in base64). Public
          material only: never a private key.
        </p>
        <input
          id="key-file"
          name="file"
          type="file"
          accept=".pem,.crt,.cer,.der,.pub,.txt,.key"
          onChange={pick}
          aria-invalid={Boolean(errors.file)}
          aria-describedby={`key-file-help${errors.file ? ' key-file-error' : ''}`}
        />
        {errors.file ? (
          <p id="key-file-error" className="field-error" role="alert">
            {errors.file}
          </p>
        ) : file?.ok ? (
          <p className="field-help" data-testid="key-file-kind">
            Read as{' '}
            {file.kind === 'X509' ? 'an X.509 certificate: its validity is taken from it' : 'an Ed25519 public key'}.
          </p>
        ) : file ? (
          <p className="field-error" role="alert">
            {file.message}
          </p>
        ) : null}
      </div>
      {file?.ok && file.kind === 'ED25519' ? (
        <div className="filters">
          <div>
            <label htmlFor="key-valid-from">Valid from</label>
            <input
              id="key-valid-from"
              name="validFrom"
              type="date"
              defaultValue={today}
              aria-describedby={errors.validFrom ? 'key-valid-from-error' : undefined}
            />
            {errors.validFrom ? (
              <p id="key-valid-from-error" className="field-error">
                {errors.validFrom}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="key-valid-to">Valid until</label>
            <input
              id="key-valid-to"
              name="validTo"
              type="date"
              aria-describedby={errors.validTo ? 'key-valid-to-error' : undefined}
            />
            {errors.validTo ? (
              <p id="key-valid-to-error" className="field-error">
                {errors.validTo === 'Invalid ISO datetime' ? 'Give the last day the key is valid.' : errors.validTo}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Propose key
        </button>
      </div>
    </form>
  );
}
