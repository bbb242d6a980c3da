'use client';

import { type RequestDetail, RemoveTargetRoute, type TargetView } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { words } from '../../request-text';
import { targetsNote } from './add-target';
import { correctionRefusal } from './correction-refusal';
import { noteSaved } from './saved-note';
import { useReload } from './use-reload';
import { VersionConflict } from './version-conflict';

/** The targets' heading (page.tsx): where the focus goes once a row it was in has left the table. */
const TARGETS_HEADING = 'targets';

/**
 * "Remove…" in a target's row: it asks first, naming the target, and sends only on the second press, against the
 * version the page shows. Offered only while another target remains (page.tsx); the API refuses the last one too.
 */
export function RemoveTarget({
  request,
  target,
  csrfToken,
}: {
  request: RequestDetail;
  target: TargetView;
  csrfToken: string;
}) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const warning = useRef<HTMLParagraphElement>(null);
  const cancelled = useRef(false);
  const { reloading, landed, reload } = useReload(request.version);
  const [seenReload, setSeenReload] = useState(landed);
  if (landed !== seenReload) {
    // Reloaded: the table shows the targets as they stand, and this one is chosen again from there, or not.
    setSeenReload(landed);
    setConflict(false);
    setOpen(false);
  }
  useEffect(() => {
    // Opened: the warning is read first; the confirming button is not focused, so a second Enter does not remove
    // at once what the first only asked about.
    if (open) return void warning.current?.focus();
    if (!cancelled.current) return;
    cancelled.current = false;
    opener.current?.focus();
  }, [open]);

  const kind = `${words(target.selectorType).toLowerCase()}, ${words(target.role).toLowerCase()}`;

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(
      RemoveTargetRoute,
      { params: { id: request.id, targetId: target.id }, query: { version: request.version } },
      { csrfToken },
    );
    setBusy(false);
    if (result.ok) {
      noteSaved(targetsNote(request.id), result.data.version, `Target removed: ${target.value}.`);
      // This row leaves the table with the refresh, and its buttons with it.
      document.getElementById(TARGETS_HEADING)?.focus();
      setOpen(false);
      return router.refresh();
    }
    if (result.code === 'VERSION_CONFLICT') return setConflict(true);
    setError(correctionRefusal(result));
  }

  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        className="secondary"
        aria-label={`Remove target ${target.value}`}
        onClick={() => setOpen(true)}
      >
        Remove…
      </button>
    );
  }
  return (
    <form className="confirm" onSubmit={submit} aria-labelledby={`${id}-warning`} data-testid="remove-target">
      <p id={`${id}-warning`} ref={warning} tabIndex={-1}>
        Remove the target <strong className="mono">{target.value}</strong> ({kind}) from this request? Nothing can be
        released for a removed target. The removal is logged.
      </p>
      {conflict ? (
        <VersionConflict
          onReload={() => {
            document.getElementById(TARGETS_HEADING)?.focus();
            reload();
          }}
          busy={reloading}
        />
      ) : null}
      {error ? (
        <p role="alert" className="status-bad" data-testid="remove-target-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="danger" disabled={busy || conflict} aria-busy={busy}>
          Yes, remove this target
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => {
            cancelled.current = true;
            setError(null);
            setConflict(false);
            setOpen(false);
          }}
        >
          Keep it
        </button>
      </div>
    </form>
  );
}
