'use client';

import { AcknowledgeRequest, AcknowledgeRequestRoute, type RequestDetail } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { described, type Errors, Field, fieldId, issuesToErrors, withoutErrorOf } from '../../form-fields';
import { instant, localValue } from '../../form-values';
import { when } from '../../request-text';
import { correctionRefusal } from './correction-refusal';

const FIELD = 'acknowledgedAt';

/**
 * Records when receipt was acknowledged to the authority (the DSA counts the time to it): now, or when it was
 * done (an e-mail sent earlier). Offered while nobody has; stays in place afterwards to say it was recorded.
 */
export function AcknowledgeReceipt({ request, csrfToken }: { request: RequestDetail; csrfToken: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Filled when the form opens, in UTC as the label says: "now" is the moment the clerk looks at it.
  const [now, setNow] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // When it was recorded from here: said at once, before the refresh shows it in the summary.
  const [recorded, setRecorded] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Into the form when it opens; back to the button on Cancel, or to what was recorded, as the button is gone.
    if (open) field.current?.focus();
    else if (wasOpen.current) (recorded ? status : opener).current?.focus();
    wasOpen.current = open;
  }, [open, recorded]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFailure(null);
    const at = instant(new FormData(event.currentTarget).get(FIELD));
    if (!at) return setErrors({ [FIELD]: 'give the date and time it was acknowledged (UTC)' });
    const checked = AcknowledgeRequest.safeParse({ acknowledgedAt: at });
    if (!checked.success) return setErrors(issuesToErrors(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(
      AcknowledgeRequestRoute,
      { params: { id: request.id }, body: checked.data },
      { csrfToken },
    );
    setBusy(false);
    if (result.ok) {
      setRecorded(result.data.acknowledgedAt ?? checked.data.acknowledgedAt ?? null);
      setOpen(false);
      return router.refresh();
    }
    if (result.issues) {
      setErrors(issuesToErrors(result.issues));
      return field.current?.focus();
    }
    setFailure(correctionRefusal(result));
  }

  const form = (
    <form
      onSubmit={submit}
      onInput={(event) => setErrors((shown) => withoutErrorOf(shown, event.target))}
      noValidate
      className="card"
      aria-label="Record that receipt was acknowledged"
    >
      <Field
        path={FIELD}
        label="Receipt acknowledged to the authority at (UTC)"
        help="Now, unless it was done earlier (by e-mail or letter): then when."
        errors={errors}
      >
        <input
          ref={field}
          id={fieldId(FIELD)}
          name={FIELD}
          type="datetime-local"
          defaultValue={now}
          {...described(FIELD, errors)}
        />
      </Field>
      {failure ? (
        <p role="alert" className="status-bad" data-testid="acknowledge-error">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Record that receipt was acknowledged
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setErrors({});
            setFailure(null);
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );

  return (
    <div className="acknowledge">
      {recorded || request.acknowledgedAt ? null : open ? (
        form
      ) : (
        <div className="actions">
          <span className="muted">Receipt has not been acknowledged to the authority yet.</span>
          <button
            ref={opener}
            type="button"
            className="secondary"
            onClick={() => {
              setNow(localValue(new Date().toISOString()));
              setOpen(true);
            }}
          >
            Record that receipt was acknowledged…
          </button>
        </div>
      )}
      {/* Always there, so a screen reader announces it when it is recorded. */}
      <p ref={status} tabIndex={-1} role="status" className="status-ok" data-testid="acknowledged">
        {recorded ? `Recorded: receipt was acknowledged on ${when(recorded)}.` : null}
      </p>
    </div>
  );
}
