'use client';

import {
  ApproveRegistryChange,
  CancelRegistryChange,
  type RegistryChange,
  RejectRegistryChange,
} from '@writ/contracts';
import Link from '@/components/link';
import { type FormEvent, Fragment, useState } from 'react';
import type { Outcome as ApiOutcome } from '@/lib/browser-api';
import { callFromBrowser } from '@/lib/browser-api';
import { formatTime } from '../../admin/words';
import { CertificateFacts, ValidWindow } from '../certificate-facts';
import { CHANGE_KIND_LABEL, CHANGE_STATUS_LABEL } from './registry-change-text';
import { refusalText } from '@/lib/api-failure';

/** Refusals after which the change is no longer pending: its card goes, so the message is shown above the list. */
const NO_LONGER_PENDING = new Set(['REGISTRY_CHANGE_NOT_PENDING', 'REGISTRY_CHANGE_EXPIRED', 'NOT_FOUND']);

interface Props {
  change: RegistryChange;
  authority: string;
  people: Record<string, string>;
  me: string;
  csrfToken: string;
  onSettled: (notice: { tone: 'ok' | 'bad'; text: string }) => void;
}

function person(id: string | null, people: Record<string, string>, me: string): string {
  if (id === null) return 'nobody';
  const name = people[id] ?? id;
  return id === me ? `${name}, you` : name;
}

/**
 * What approving would add, as the API gives it: for a key, its fingerprint and validity, and for a certificate
 * what it says about itself (subject, issuer, serial number), so the approving admin can check it against the
 * court's records instead of approving blind.
 */
function Preview({ change }: { change: RegistryChange }) {
  const { proposed } = change;
  if (proposed.key) {
    const { key } = proposed;
    return (
      <>
        <dt>Key</dt>
        <dd>{key.kind === 'X509' ? 'X.509 certificate' : 'Ed25519 public key'}</dd>
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <code className="fingerprint" data-testid="change-fingerprint">
            {key.fingerprint}
          </code>
        </dd>
        {/* Its own window: a proposed key has no age in Writ yet, which starts when it is approved. */}
        <dt>Valid</dt>
        <dd data-testid="change-key-validity">
          <ValidWindow from={key.validFrom} to={key.validTo} soFar />
        </dd>
        <CertificateFacts certificate={key.certificate} />
      </>
    );
  }
  if (proposed.channel) {
    const { channel } = proposed;
    return (
      <>
        <dt>Channel</dt>
        <dd className="fingerprint">
          {channel.kind}: {channel.value}
          {channel.label ? ` (${channel.label})` : ''}
        </dd>
        <dt>Verified</dt>
        <dd>{formatTime(channel.verifiedAt)}</dd>
      </>
    );
  }
  const fields = (['name', 'kind', 'country', 'jurisdiction'] as const).filter(
    (field) => proposed[field] !== undefined,
  );
  return (
    <>
      {fields.map((field) => (
        <Fragment key={field}>
          <dt>New {field}</dt>
          <dd>{proposed[field]}</dd>
        </Fragment>
      ))}
      {proposed.reason ? (
        <>
          <dt>Why</dt>
          <dd>{proposed.reason}</dd>
        </>
      ) : null}
    </>
  );
}

/**
 * One proposed registry change and, while pending, what this admin may do. The proposer is told plainly that it
 * is theirs and offered only to withdraw it; the API refuses their approval anyway (FOUR_EYES_REQUIRED).
 */
export function RegistryChangeCard({ change, authority, people, me, csrfToken, onSettled }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `change-${change.id}`;
  const title = `${CHANGE_KIND_LABEL[change.kind]}: ${authority}`;
  const mine = change.proposedBy === me;
  const pending = change.status === 'PENDING';

  async function settle<T>(request: () => Promise<ApiOutcome<T>>, text: string): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await request();
    setBusy(false);
    if (result.ok) return onSettled({ tone: 'ok', text });
    if (result.code && NO_LONGER_PENDING.has(result.code))
      return onSettled({ tone: 'bad', text: `${title}: ${refusalText(result)}` });
    setError(refusalText(result));
  }

  function submitReject(event: FormEvent<HTMLFormElement>): Promise<void> | void {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) return setError('Give a reason for rejecting: the proposer and the audit log see it.');
    return settle(
      () => callFromBrowser(RejectRegistryChange, { params: { id: change.id }, body: { reason } }, { csrfToken }),
      `Rejected: ${title}. The registry stays as it is.`,
    );
  }

  return (
    <article
      className="card"
      id={headingId}
      aria-labelledby={`${headingId}-title`}
      data-testid="registry-change"
      data-change-id={change.id}
    >
      <h3 id={`${headingId}-title`}>{title}</h3>
      {pending && mine ? (
        <p className="own-proposal" data-testid="own-proposal">
          <strong>You proposed this change.</strong> Another admin has to approve or reject it; you can withdraw it.
        </p>
      ) : null}
      <dl className="facts">
        <dt>Authority</dt>
        <dd>
          <Link href={`/staff/registry/${change.authorityId}`}>{authority}</Link>
        </dd>
        <Preview change={change} />
        <dt>Proposed by</dt>
        <dd>{person(change.proposedBy, people, me)}</dd>
        <dt>Proposed at</dt>
        <dd>{formatTime(change.proposedAt)}</dd>
        {pending ? (
          <>
            <dt>Lapses at</dt>
            <dd>{formatTime(change.expiresAt)}</dd>
          </>
        ) : (
          <>
            <dt>Status</dt>
            <dd>{CHANGE_STATUS_LABEL[change.status]}</dd>
            {change.decidedBy ? (
              <>
                <dt>Decided by</dt>
                <dd>{person(change.decidedBy, people, me)}</dd>
              </>
            ) : null}
            {change.reason ? (
              <>
                <dt>Reason</dt>
                <dd data-testid="registry-change-reason">{change.reason}</dd>
              </>
            ) : null}
          </>
        )}
      </dl>
      {pending ? (
        <>
          {error ? (
            <p role="alert" className="status-bad" data-testid="registry-change-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            {mine ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                aria-describedby={`${headingId}-title`}
                onClick={() =>
                  settle(
                    () => callFromBrowser(CancelRegistryChange, { params: { id: change.id } }, { csrfToken }),
                    `Withdrawn: ${title}.`,
                  )
                }
              >
                Withdraw my proposal
              </button>
            ) : (
              <>
                <button
                  type="button"
                  disabled={busy}
                  aria-busy={busy}
                  aria-describedby={`${headingId}-title`}
                  onClick={() =>
                    settle(
                      () => callFromBrowser(ApproveRegistryChange, { params: { id: change.id } }, { csrfToken }),
                      `Approved and applied: ${title}.`,
                    )
                  }
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  aria-describedby={`${headingId}-title`}
                  aria-expanded={rejecting}
                  onClick={() => setRejecting(true)}
                >
                  Reject…
                </button>
              </>
            )}
          </div>
          {rejecting && !mine ? (
            <form onSubmit={submitReject} aria-label={`Reject: ${title}`}>
              <label htmlFor={`${headingId}-reason`}>Reason for rejecting</label>
              <textarea id={`${headingId}-reason`} name="reason" rows={3} maxLength={1000} autoFocus />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  Reject change
                </button>
                <button type="button" className="secondary" disabled={busy} onClick={() => setRejecting(false)}>
                  Keep it pending
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
    </article>
  );
}
