'use client';

import { DeleteAuthority } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { refusalText } from '@/lib/api-failure';

/**
 * Deleting is for a mistaken entry only: the API refuses once a request or a verification refers to the authority
 * (they must keep their issuer), and the page then says to suspend it instead.
 */
export function DeleteAuthorityAction({ id, name, csrfToken }: { id: string; name: string; csrfToken: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Opened, the question is read first (the deleting button is not focused: a second Enter must not delete at
  // once); kept, the focus goes back to the button that asked.
  const opener = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const kept = useRef(false);
  useEffect(() => {
    if (open) return void question.current?.focus();
    if (!kept.current) return;
    kept.current = false;
    opener.current?.focus();
  }, [open]);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(DeleteAuthority, { params: { id } }, { csrfToken });
    setBusy(false);
    if (!result.ok) {
      // The API's own words say why and what to do instead ("… cannot be deleted; suspend it instead.").
      return setError(refusalText(result));
    }
    router.push(`/staff/registry?${new URLSearchParams({ deleted: name })}`);
  }

  return (
    <section className="card" aria-labelledby="delete-heading">
      <h3 id="delete-heading">Delete</h3>
      <p className="field-help">
        Only for an entry made by mistake: an authority that requests or verifications refer to stays, suspended.
      </p>
      {open ? (
        <div className="confirm">
          <p ref={question} tabIndex={-1}>
            Delete {name} and its keys and channels for good?
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} aria-busy={busy} onClick={() => void remove()}>
              Yes, delete it
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => {
                kept.current = true;
                setOpen(false);
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button ref={opener} type="button" className="secondary" onClick={() => setOpen(true)}>
          Delete…
        </button>
      )}
      {error ? (
        <p role="alert" className="status-bad" data-testid="delete-authority-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
