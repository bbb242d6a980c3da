'use client';

import type { StaffChange } from '@writ/contracts';
import { type FormEvent, useState } from 'react';
import type { Outcome as ApiOutcome } from '@/lib/browser-api';
import { accountName, effect, formatTime, KIND_LABEL, type People, personName, STATUS_LABEL } from './change-text';
import { approve, cancel, reject } from './decide';
import type { Notice } from './notice';
import { refusalText } from '@/lib/api-failure';

/** Refusals after which the change is no longer pending: the card goes, so the message is shown above the list. */
const NO_LONGER_PENDING = new Set(['STAFF_CHANGE_NOT_PENDING', 'STAFF_CHANGE_EXPIRED', 'NOT_FOUND']);

interface Props {
  change: StaffChange;
  people: People;
  /** The caller's staff id. */
  me: string;
  csrfToken: string;
  /** A decision was made (or turned out to be moot): the queue shows `notice` and reloads the list. */
  onSettled: (notice: Notice) => void;
}

/**
 * One proposed change and, while it is pending, what this admin can do with it. Four eyes: the proposer may only
 * cancel, and nobody decides a change to their own account, so those admins are not offered Approve or Reject (a
 * button that can only be refused is a trap). The API still refuses both on its own, and its word is shown for
 * whatever else it refuses.
 */
export function ChangeCard({ change, people, me, csrfToken, onSettled }: Props) {
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `change-${change.id}`;
  const account = accountName(change, people, me);
  const title = `${KIND_LABEL[change.kind]}: ${account}`;
  const mine = change.proposedBy === me;
  const aboutMe = change.staffId === me;
  const mayDecide = !mine && !aboutMe;

  async function settle<T>(request: () => Promise<ApiOutcome<T>>, done: (data: T) => Notice): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await request();
    setBusy(false);
    if (result.ok) return onSettled(done(result.data));
    if (result.code && NO_LONGER_PENDING.has(result.code)) {
      return onSettled({ kind: 'message', tone: 'bad', text: `${title}: ${refusalText(result)}` });
    }
    setError(refusalText(result));
  }

  function submitReject(event: FormEvent<HTMLFormElement>): Promise<void> | void {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (!reason) return setError('Give a reason for rejecting: the proposer and the audit log see it.');
    return settle(
      () => reject(change.id, reason, csrfToken),
      () => ({ kind: 'message', tone: 'ok', text: `Rejected: ${title}. The account stays as it is.` }),
    );
  }

  return (
    <article className="card" aria-labelledby={headingId} data-testid="staff-change" data-change-id={change.id}>
      <h3 id={headingId}>{title}</h3>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{KIND_LABEL[change.kind]}</dd>
        <dt>Account</dt>
        <dd>{account}</dd>
        <dt>{change.status === 'PENDING' ? 'If approved' : 'Proposed change'}</dt>
        <dd>{effect(change)}</dd>
        <dt>Proposed by</dt>
        <dd>{personName(change.proposedBy, people, me)}</dd>
        <dt>Proposed at</dt>
        <dd>
          <time dateTime={change.proposedAt}>{formatTime(change.proposedAt)}</time>
        </dd>
        <dt>Expires at</dt>
        <dd>
          <time dateTime={change.expiresAt}>{formatTime(change.expiresAt)}</time>
        </dd>
        {change.status === 'PENDING' ? null : <Decision change={change} people={people} me={me} />}
      </dl>
      {change.status === 'PENDING' ? (
        <>
          {mine ? (
            <p className="muted" data-testid="change-why-not">
              You proposed this change: another admin has to approve or reject it. You can withdraw it.
            </p>
          ) : aboutMe ? (
            <p className="muted" data-testid="change-why-not">
              This change is to your own account: an admin other than you and its proposer has to approve or reject it.
            </p>
          ) : null}
          {error ? (
            <p role="alert" className="status-bad" data-testid="change-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            {mayDecide ? (
              <>
                <button
                  type="button"
                  disabled={busy}
                  aria-busy={busy}
                  aria-describedby={headingId}
                  onClick={() =>
                    settle(
                      () => approve(change.id, csrfToken),
                      (approval) => ({ kind: 'approved', approval }),
                    )
                  }
                >
                  Approve
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  aria-describedby={headingId}
                  aria-expanded={rejecting}
                  onClick={() => setRejecting(true)}
                >
                  Reject…
                </button>
              </>
            ) : null}
            {mine ? (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                aria-describedby={headingId}
                onClick={() =>
                  settle(
                    () => cancel(change.id, csrfToken),
                    () => ({ kind: 'message', tone: 'ok', text: `Cancelled your proposal: ${title}.` }),
                  )
                }
              >
                Cancel proposal
              </button>
            ) : null}
          </div>
          {rejecting && mayDecide ? (
            <form onSubmit={submitReject} aria-label={`Reject: ${title}`}>
              <label htmlFor={`${headingId}-reason`}>Reason for rejecting</label>
              <p className="field-help" id={`${headingId}-reason-help`}>
                Required. The proposer and the audit log see it.
              </p>
              <textarea
                id={`${headingId}-reason`}
                name="reason"
                className="plain"
                rows={3}
                maxLength={1000}
                required
                autoFocus
                aria-describedby={`${headingId}-reason-help`}
              />
              <div className="actions">
                <button type="submit" disabled={busy} aria-busy={busy}>
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

/** Who closed a change that is no longer pending, when, and why. */
function Decision({ change, people, me }: { change: StaffChange; people: People; me: string }) {
  return (
    <>
      <dt>Status</dt>
      <dd>{STATUS_LABEL[change.status]}</dd>
      {change.decidedBy ? (
        <>
          <dt>{change.status === 'APPROVED' ? 'Approved by' : 'Rejected by'}</dt>
          <dd>{personName(change.decidedBy, people, me)}</dd>
        </>
      ) : null}
      {change.decidedAt ? (
        <>
          <dt>Closed at</dt>
          <dd>
            <time dateTime={change.decidedAt}>{formatTime(change.decidedAt)}</time>
          </dd>
        </>
      ) : null}
      {change.reason ? (
        <>
          <dt>Reason</dt>
          <dd data-testid="change-reason">{change.reason}</dd>
        </>
      ) : null}
    </>
  );
}
