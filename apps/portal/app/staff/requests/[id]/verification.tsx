'use client';

import {
  ConfirmVerificationRoute,
  type ContactChannel,
  type DocumentMetadata,
  OutOfBandResult,
  type RecordedVerification,
  RecordOutOfBandVerification,
  RecordOutOfBandVerificationRoute,
  RecordSignatureVerificationRoute,
  type StaffRole,
  type VerificationList,
  type VerificationView,
} from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { StaffResult } from '@/lib/staff-api';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser, type Outcome } from '@/lib/browser-api';
import { when, words } from '../request-text';
import { RequiredMark } from '@/components/required-mark';

// Verification (POLICY.md, "Verification"): a detached signature checked against the registry, or a call-back on
// a channel taken from the registry (picked here, never typed in), each confirmed by a second person. The panel
// shows where the four eyes stand; the API enforces them (the recorder cannot confirm their own evidence).

const OUTCOME_WORDS: Record<OutOfBandResult, string> = {
  CONFIRMED: 'Confirmed: the authority issued this order',
  NOT_CONFIRMED: 'Not confirmed: nobody could say (no answer, wrong desk…)',
  REPUDIATED: 'Repudiated: the authority did not issue this order',
};

function person(id: string | null, me: string): string {
  if (id === null) return '—';
  return id === me ? 'you' : 'another staff member';
}

function Evidence({
  item,
  number,
  me,
  canConfirm,
  onConfirm,
  busy,
}: {
  item: VerificationView;
  /** Its place in the order recorded: the policy's reasons name evidence by this number. */
  number: number;
  me: string;
  canConfirm: boolean;
  onConfirm: (id: string) => void;
  busy: boolean;
}) {
  const mine = item.recordedById === me;
  return (
    <li className="card" data-testid="verification" data-verification-id={item.id}>
      <p>
        <strong>
          Evidence #{number}: {item.method === 'SIGNATURE' ? 'signature check' : 'call-back to the authority'}
        </strong>
        :{' '}
        <span className={`badge ${item.result === 'VALID' || item.result === 'CONFIRMED' ? 'release' : 'deny'}`}>
          {words(item.result)}
        </span>
      </p>
      {item.signature ? (
        <p className="small">
          {item.signature.message}
          {item.signature.signer ? (
            <>
              {' '}
              {/* Named as the registry page lists keys, by fingerprint; the id only for evidence older than that. */}
              Matched the registry key{' '}
              {item.signature.signer.fingerprint ? (
                <>
                  with fingerprint{' '}
                  <code className="fingerprint" data-testid="matched-key">
                    {item.signature.signer.fingerprint}
                  </code>
                </>
              ) : (
                <span className="mono">{item.signature.signer.keyId}</span>
              )}
              {item.signature.signer.subject ? ` (signer: ${item.signature.signer.subject})` : ''}.
            </>
          ) : null}{' '}
          Document SHA-256 <span className="sha">{item.signature.documentSha256}</span>.
        </p>
      ) : null}
      {item.outOfBand ? (
        <p className="small">
          {item.outOfBand.contactPerson}, on {words(item.outOfBand.contactChannel.kind)}{' '}
          <span className="mono">{item.outOfBand.contactChannel.value}</span>
          {item.outOfBand.contactChannel.label ? ` (${item.outOfBand.contactChannel.label})` : ''}, at{' '}
          {when(item.outOfBand.contactedAt)}. {item.outOfBand.note}
        </p>
      ) : null}
      <p className="small" data-testid="four-eyes">
        Recorded by {person(item.recordedById, me)} at {when(item.recordedAt)}.{' '}
        {item.confirmedById
          ? `Confirmed by ${person(item.confirmedById, me)} at ${when(item.confirmedAt)}.`
          : mine
            ? 'Waiting for a second person to confirm it: you recorded it, so you cannot.'
            : 'Waiting for a second person to confirm it.'}
      </p>
      {canConfirm && !item.confirmedById && !mine ? (
        <button type="button" onClick={() => onConfirm(item.id)} disabled={busy} aria-busy={busy}>
          Confirm this evidence
        </button>
      ) : null}
    </li>
  );
}

function CallBackForm({
  channels,
  onSubmit,
  busy,
}: {
  channels: readonly ContactChannel[];
  onSubmit: (body: RecordOutOfBandVerification) => Promise<string | null>;
  busy: boolean;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (channels.length === 0) {
    return (
      <p className="status-bad" data-testid="no-channels">
        The authority has no contact channel in the registry, so no call-back can be recorded. An admin must add one.
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const contactedAt = String(form.get('contactedAt') ?? '');
    const parsed = RecordOutOfBandVerification.safeParse({
      contactChannelId: form.get('contactChannelId'),
      contactPerson: String(form.get('contactPerson') ?? '').trim(),
      contactedAt: contactedAt ? `${contactedAt.length === 16 ? `${contactedAt}:00` : contactedAt}Z` : undefined,
      outcome: form.get('outcome'),
      note: String(form.get('note') ?? '').trim(),
    });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    const refused = await onSubmit(parsed.data);
    if (refused === null) event.currentTarget?.reset();
  }

  const err = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`cb-${name}-error`} data-testid={`cb-error-${name}`}>
        {errors[name]}
      </p>
    ) : null;
  const aria = (name: string) =>
    errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `cb-${name}-error` } : {};
  return (
    <form onSubmit={submit} aria-label="Record a call-back" data-testid="call-back-form" noValidate>
      <div className="row">
        <div className="field">
          <label htmlFor="cb-contactChannelId">Channel from the registry</label>
          <select id="cb-contactChannelId" name="contactChannelId" {...aria('contactChannelId')}>
            {channels.map((channel) => (
              <option key={channel.id} value={channel.id}>
                {words(channel.kind)}: {channel.value}
                {channel.label ? ` (${channel.label})` : ''}
              </option>
            ))}
          </select>
          {err('contactChannelId')}
        </div>
        <div className="field">
          <label htmlFor="cb-contactPerson">Who answered</label>
          <RequiredMark />
          <input id="cb-contactPerson" name="contactPerson" type="text" required {...aria('contactPerson')} />
          {err('contactPerson')}
        </div>
        <div className="field">
          <label htmlFor="cb-contactedAt">When (UTC)</label>
          <RequiredMark />
          <input id="cb-contactedAt" name="contactedAt" type="datetime-local" required {...aria('contactedAt')} />
          {err('contactedAt')}
        </div>
        <div className="field">
          <label htmlFor="cb-outcome">What they said</label>
          <select id="cb-outcome" name="outcome" {...aria('outcome')}>
            {OutOfBandResult.options.map((outcome) => (
              <option key={outcome} value={outcome}>
                {OUTCOME_WORDS[outcome]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="cb-note">Note</label>
        <RequiredMark />
        <textarea className="plain" id="cb-note" name="note" rows={2} required {...aria('note')} />
        {err('note')}
      </div>
      <button type="submit" disabled={busy} aria-busy={busy}>
        Record the call-back
      </button>
    </form>
  );
}

export function Verification({
  requestId,
  status,
  verifications,
  channels,
  signedOrders,
  roles,
  me,
  csrfToken,
}: {
  requestId: string;
  status: string;
  verifications: StaffResult<VerificationList>;
  channels: readonly ContactChannel[];
  signedOrders: readonly DocumentMetadata[];
  roles: readonly StaffRole[];
  me: string;
  csrfToken: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const has = (route: { access: { roles?: readonly StaffRole[] } }) =>
    (route.access.roles ?? []).some((role) => roles.includes(role));
  const open = status === 'IN_REVIEW';

  async function post(call: () => Promise<Outcome<RecordedVerification>>): Promise<string | null> {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(result));
      return result.message;
    }
    router.refresh();
    return null;
  }

  return (
    <section className="card" aria-labelledby="verification" data-testid="verification-panel">
      <h2 id="verification">Verification of the order</h2>
      {!verifications.ok ? (
        <p role="alert" className="status-bad">
          The verification evidence could not be read: {verifications.message}
        </p>
      ) : (
        <>
          <p data-testid="assessment" className={verifications.data.assessment.verified ? 'status-ok' : 'status-bad'}>
            {verifications.data.assessment.verified ? 'The order is verified.' : 'The order is not verified yet.'}
          </p>
          {verifications.data.assessment.reasons.length > 0 ? (
            <ul className="reasons small">
              {verifications.data.assessment.reasons.map((reason, index) => (
                // Codes repeat (two pieces of evidence can lack the same thing): keyed by place, not by code.
                <li key={`${index}-${reason.code}`}>{reason.message}</li>
              ))}
            </ul>
          ) : null}
          {verifications.data.items.length === 0 ? (
            <p>No evidence recorded yet.</p>
          ) : (
            <ul className="change-list">
              {verifications.data.items.map((item, index) => (
                <Evidence
                  key={item.id}
                  item={item}
                  number={index + 1}
                  me={me}
                  busy={busy}
                  canConfirm={has(ConfirmVerificationRoute)}
                  onConfirm={(id) =>
                    void post(() =>
                      callFromBrowser(
                        ConfirmVerificationRoute,
                        { params: { id: requestId, verificationId: id } },
                        { csrfToken },
                      ),
                    )
                  }
                />
              ))}
            </ul>
          )}
        </>
      )}
      {error ? (
        <p role="alert" className="status-bad" data-testid="verification-error">
          {error}
        </p>
      ) : null}
      {open && has(RecordSignatureVerificationRoute) && signedOrders.length > 0 ? (
        <div className="actions">
          {signedOrders.map((document) => (
            <button
              key={document.id}
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() =>
                void post(() =>
                  callFromBrowser(
                    RecordSignatureVerificationRoute,
                    { params: { id: requestId }, body: { documentId: document.id } },
                    { csrfToken },
                  ),
                )
              }
            >
              Check the signature of {document.filename}
              {signedOrders.some((other) => other !== document && other.filename === document.filename)
                ? ` (uploaded ${when(document.createdAt)})`
                : ''}
            </button>
          ))}
        </div>
      ) : null}
      {open && has(RecordOutOfBandVerificationRoute) ? (
        <details>
          <summary>Record a call-back to the authority</summary>
          <CallBackForm
            channels={channels}
            busy={busy}
            onSubmit={(body) =>
              post(() =>
                callFromBrowser(RecordOutOfBandVerificationRoute, { params: { id: requestId }, body }, { csrfToken }),
              )
            }
          />
        </details>
      ) : null}
    </section>
  );
}
