'use client';

import { type RequestDetail, SetGagOrder, SetGagOrderRoute } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { issuesByField } from '../../admin/send';
import { instant, localValue } from '../form-values';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';

type Choice = 'none' | 'open' | 'until';

/**
 * Records what a court decided about the gag order: imposed, extended, shortened or lifted. The whole state is
 * sent (order or none, end date or none) with the court's decision as the reason, against the version on screen,
 * so a change someone else made meanwhile is refused rather than overwritten.
 */
export function GagOrderForm({ request, csrfToken }: { request: RequestDetail; csrfToken: string }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<Choice>(
    !request.hasNdo ? 'none' : request.ndoEndsAt === null ? 'open' : 'until',
  );
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  // Focus follows the form: into it when it opens, back to the button that opened it when it closes, so a keyboard
  // or screen-reader user is never dropped at the top of the page.
  const opener = useRef<HTMLButtonElement>(null);
  const legend = useRef<HTMLLegendElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) legend.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const endsAt = instant(form.get('ndoEndsAt'));
    const body = {
      version: request.version,
      hasNdo: choice !== 'none',
      ndoEndsAt: choice === 'until' ? (endsAt ?? '') : null,
      reason: String(form.get('reason') ?? '').trim(),
    };
    // The shared contract first, so a missing date or reason is named beside its field before anything is sent.
    const checked = SetGagOrder.safeParse(body);
    if (!checked.success) {
      const byField = issuesByField(checked.error.issues);
      if (byField.ndoEndsAt && choice === 'until') byField.ndoEndsAt = 'give the date and time the order ends (UTC)';
      if (byField.reason) byField.reason = "give the court's decision and its legal basis";
      setErrors(byField);
      // The first field to put right gets the focus; its message is tied to it (aria-describedby).
      const first = byField.ndoEndsAt && choice === 'until' ? `${id}-ends` : `${id}-reason`;
      return void document.getElementById(first)?.focus();
    }
    setErrors({});
    setRefusal(null);
    setBusy(true);
    const result = await callFromBrowser(
      SetGagOrderRoute,
      { params: { id: request.id }, body: checked.data },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setRefusal(refusalText(result));
    setOpen(false);
    router.refresh();
  }

  if (!open) {
    return (
      <button ref={opener} type="button" className="secondary" onClick={() => setOpen(true)}>
        Record a court&apos;s decision on the gag order…
      </button>
    );
  }
  const fieldError = (field: string) =>
    errors[field] ? (
      <p className="field-error" id={`${id}-${field}-error`} data-testid={`gag-error-${field}`}>
        {errors[field]}
      </p>
    ) : null;
  return (
    <form onSubmit={submit} className="card" aria-label="Record a court's decision on the gag order" noValidate>
      <fieldset>
        <legend ref={legend} tabIndex={-1}>
          The gag order, as the court now has it
        </legend>
        {(
          [
            ['none', 'No gag order (lifted, or there never was one): the user may be told'],
            ['open', 'In force, with no end date'],
            ['until', 'In force until a date'],
          ] as const
        ).map(([value, label]) => (
          <p key={value} className="choice">
            <input
              type="radio"
              id={`${id}-${value}`}
              name="gag"
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />{' '}
            <label htmlFor={`${id}-${value}`}>{label}</label>
          </p>
        ))}
      </fieldset>
      {choice === 'until' ? (
        <p className="field">
          <label htmlFor={`${id}-ends`}>Ends (UTC)</label>
          <input
            id={`${id}-ends`}
            name="ndoEndsAt"
            type="datetime-local"
            defaultValue={localValue(request.ndoEndsAt)}
            aria-invalid={errors.ndoEndsAt ? true : undefined}
            aria-describedby={errors.ndoEndsAt ? `${id}-ndoEndsAt-error` : undefined}
          />
          {fieldError('ndoEndsAt')}
        </p>
      ) : null}
      <p className="field">
        <label htmlFor={`${id}-reason`}>The court&apos;s decision and its legal basis</label>
        <textarea
          className="plain"
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={2000}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
        />
        {fieldError('reason')}
      </p>
      {refusal ? (
        <p role="alert" className="status-bad" data-testid="gag-refusal">
          {refusal}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          Record the gag order
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
