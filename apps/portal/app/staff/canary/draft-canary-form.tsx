'use client';

import { DraftCanary, DraftCanaryRequest } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useRef, useState } from 'react';
import Link from '@/components/link';
import { RequiredMark } from '@/components/required-mark';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';

/** A period whose published report a canary could repeat now. */
export interface CanaryPeriod {
  id: string;
  /** "2026-01-01 to 2026-06-30" */
  days: string;
  /** Its canary is the one published now. */
  published: boolean;
  draftWaiting: boolean;
}

function optionLabel(choice: CanaryPeriod): string {
  const state = choice.published ? ' · published' : choice.draftWaiting ? ' · draft waiting' : '';
  return `${choice.id} (${choice.days})${state}`;
}

/**
 * Drafts a period's canary: the API writes the statement from the period's published report, and it waits, above,
 * for a second admin. Every refusal is about the period chosen, so it is shown beside it.
 */
export function DraftCanaryForm({ periods, csrfToken }: { periods: CanaryPeriod[]; csrfToken: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const select = useRef<HTMLSelectElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget;
    const period = String(new FormData(form).get('period') ?? '');
    setDone(null);
    const checked = DraftCanaryRequest.safeParse({ period });
    if (!checked.success) {
      setError('Choose the period the canary speaks for.');
      return select.current?.focus();
    }
    setError(null);
    setBusy(true);
    const result = await callFromBrowser(DraftCanary, { body: checked.data }, { csrfToken });
    setBusy(false);
    if (!result.ok) {
      setError(refusalText(result));
      return select.current?.focus();
    }
    form.reset();
    setDone(
      `Drafted the canary for ${result.data.period}. It is listed above under “Waiting for approval” until a second admin approves it.`,
    );
    router.refresh();
  }

  return (
    <section className="card" aria-labelledby="draft-canary-heading">
      <h2 id="draft-canary-heading">Draft a canary</h2>
      {periods.length === 0 ? (
        <p data-testid="no-canary-periods">
          No period can have a canary now. A canary repeats the totals of its period’s published report and is good
          until 30 days after the following period ends, so a recent period’s report must be published first: draft it
          on <Link href="/staff/reports">Transparency reports</Link>.
        </p>
      ) : (
        <form onSubmit={submit} noValidate className="form-grid report-form" data-testid="draft-canary-form">
          <div>
            <label htmlFor="canary-period">Period</label>
            <RequiredMark />
            <select
              id="canary-period"
              name="period"
              required
              ref={select}
              defaultValue=""
              disabled={busy}
              aria-invalid={Boolean(error)}
              aria-describedby={['canary-period-help', error ? 'canary-period-error' : ''].filter(Boolean).join(' ')}
            >
              <option value="">Choose a period</option>
              {periods.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {optionLabel(choice)}
                </option>
              ))}
            </select>
            <p id="canary-period-help" className="field-help">
              Periods whose report is published and whose canary would still be current.
            </p>
            {error ? (
              <p id="canary-period-error" className="field-error" data-testid="canary-period-error">
                {error}
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" disabled={busy} aria-busy={busy}>
              Draft the canary
            </button>
          </div>
          <div role="status">
            {done ? (
              <p className="status-ok" data-testid="canary-drafted">
                {done}
              </p>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
