'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { refusalText } from '@/lib/api-failure';
import type { Outcome as ApiOutcome } from '@/lib/browser-api';

interface Props {
  /** The button that opens the confirmation, e.g. "Revoke…". */
  label: string;
  /** The opening button's name for a screen reader, when the label alone is one of many alike (a list's rows). */
  name?: string;
  /** What will happen, in full, shown before anything is sent. */
  warning: string;
  /** The button that does it, e.g. "Yes, revoke this key". */
  confirmLabel: string;
  /** The button that closes the confirmation without doing anything. */
  cancelLabel?: string;
  /** When set, a reason is asked for (the audit log keeps it). */
  reasonLabel?: string;
  /** Said once it is done. */
  doneText: string;
  /**
   * Called once it is done, for a caller that announces it elsewhere: a row that leaves the list when the page
   * refreshes would take its own message (and the focus) with it. doneText then stays in place, unannounced.
   */
  onDone?: () => void;
  /**
   * Where to go once it is done, instead of showing this page again: when what was acted on is gone from it (a
   * draft once published or discarded), the page it moved to says what became of it.
   */
  next?: string;
  /** Undoing it is not possible, or needs a second admin: danger styling. */
  danger?: boolean;
  run: (reason: string) => Promise<ApiOutcome<unknown>>;
}

/**
 * An act that takes trust or access away at once (revoke, suspend, remove), or that cannot be undone: it asks first,
 * in words, and sends only on the second press; the API's refusal is shown where the button was. Focus goes into
 * the confirmation when it opens and back to the button when it is cancelled, so a keyboard or screen-reader user
 * is never dropped at the top of the page.
 */
export function ConfirmAction({
  label,
  name,
  warning,
  confirmLabel,
  cancelLabel = 'Keep it',
  reasonLabel,
  doneText,
  onDone,
  next,
  danger = true,
  run,
}: Props) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const warningText = useRef<HTMLParagraphElement>(null);
  const reasonField = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    // Opened: the reason to give, or else the warning, is read first; the confirming button is not focused, so a
    // second Enter does not do at once what the first only asked about.
    if (open) return void (reasonField.current ?? warningText.current)?.focus();
    if (!cancelled.current) return;
    cancelled.current = false;
    opener.current?.focus();
  }, [open]);

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
    onDone?.();
    if (next) router.push(next);
    else router.refresh();
  }

  function cancel(): void {
    cancelled.current = true;
    setError(null);
    setOpen(false);
  }

  if (done) {
    return (
      <p role={onDone ? undefined : 'status'} className="status-ok">
        {doneText}
      </p>
    );
  }
  if (!open) {
    return (
      <button ref={opener} type="button" className="secondary" aria-label={name} onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <form className="confirm" onSubmit={submit} aria-labelledby={`${id}-warning`}>
      <p id={`${id}-warning`} ref={warningText} tabIndex={-1}>
        {warning}
      </p>
      {reasonLabel ? (
        <p>
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
          <br />
          <input ref={reasonField} id={`${id}-reason`} name="reason" type="text" maxLength={1000} />
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className={danger ? 'danger' : undefined} disabled={busy} aria-busy={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={cancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
