'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { refusalText } from '@/lib/api-failure';
import type { Outcome as ApiOutcome } from '@/lib/browser-api';

interface Props {
  /** The button that opens the confirmation, e.g. "Revoke…". */
  label: string;
  /** What will happen, in full, shown before anything is sent. */
  warning: string;
  /** The button that does it, e.g. "Yes, revoke this key". */
  confirmLabel: string;
  /** When set, a reason is asked for (the audit log keeps it). */
  reasonLabel?: string;
  /** Said once it is done. */
  doneText: string;
  /** Undoing it is not possible, or needs a second admin: danger styling. */
  danger?: boolean;
  run: (reason: string) => Promise<ApiOutcome<unknown>>;
}

/**
 * An act that takes trust or access away at once (revoke, suspend, remove): it asks first, in words, and sends
 * only on the second press; the API's refusal is shown where the button was.
 */
export function ConfirmAction({ label, warning, confirmLabel, reasonLabel, doneText, danger = true, run }: Props) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (reasonLabel && !reason) return setError('Give a reason: the audit log keeps it.');
    setBusy(true);
    setError(null);
    const result = await run(reason);
    setBusy(false);
    if (!result.ok) return setError(refusalText(result));
    setOpen(false);
    setDone(true);
    router.refresh();
  }

  if (done) {
    return (
      <p role="status" className="status-ok">
        {doneText}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form className="confirm" onSubmit={submit} aria-labelledby={`${id}-warning`}>
      <p id={`${id}-warning`}>{warning}</p>
      {reasonLabel ? (
        <p>
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
          <br />
          <input id={`${id}-reason`} name="reason" type="text" maxLength={1000} autoFocus />
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className={danger ? 'danger' : undefined}
          disabled={busy}
          aria-busy={busy}
          autoFocus={!reasonLabel}
        >
          {confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setOpen(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}
