'use client';

import type { Authority, RequestDetail } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { CorrectRequestForm } from './correct-request-form';
import { useReload } from './use-reload';

/**
 * "Correct this request…" and its form. This part of the page is not made anew when a save refreshes it (the form
 * closes instead), so "Saved." stays beside the button while the summary above shows the new values. After a
 * refused version the form is filled anew from the reloaded request, never sent again over someone's change.
 */
export function CorrectRequest({
  request,
  authorities,
  csrfToken,
}: {
  request: RequestDetail;
  authorities: readonly Authority[] | null;
  csrfToken: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The request the form was opened on (or reloaded to): what it shows and measures changes against.
  const [read, setRead] = useState(request);
  const [saved, setSaved] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const { reloading, landed, reload } = useReload(request.version);
  const [filledAt, setFilledAt] = useState(landed);
  const opener = useRef<HTMLButtonElement>(null);
  const closing = useRef(false);
  useEffect(() => {
    // Closed (saved or cancelled): the focus goes back to the button that opened the form, not to the page's top.
    if (open || !closing.current) return;
    closing.current = false;
    opener.current?.focus();
  }, [open]);

  // A reload landed: the form is filled anew from the request as the page has it now.
  if (landed !== filledAt) {
    setFilledAt(landed);
    setRead(request);
    setReloaded(true);
  }

  function openForm(): void {
    setRead(request);
    setReloaded(false);
    setSaved(false);
    setOpen(true);
  }

  function close(): void {
    closing.current = true;
    setOpen(false);
  }

  return (
    <div className="correct-request" id="correct-request">
      {open ? (
        <CorrectRequestForm
          key={landed}
          read={read}
          current={request}
          authorities={authorities}
          csrfToken={csrfToken}
          reloaded={reloaded}
          reloading={reloading}
          onSaved={() => {
            setSaved(true);
            close();
            router.refresh();
          }}
          onCancel={close}
          onReload={reload}
        />
      ) : (
        <button ref={opener} type="button" className="secondary" onClick={openForm} data-testid="open-correct">
          Correct this request…
        </button>
      )}
      {/* Always there, so a screen reader announces "Saved." when it appears. */}
      <p role="status" className="status-ok" data-testid="correct-saved">
        {saved ? 'Saved.' : null}
      </p>
    </div>
  );
}
