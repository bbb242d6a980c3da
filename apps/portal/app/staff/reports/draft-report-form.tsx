'use client';

import { DraftReport, DraftReportRequest } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import Link from '@/components/link';
import { RequiredMark } from '@/components/required-mark';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';

/** A period the form offers, with what is already there for it. */
export interface PeriodChoice {
  id: string;
  /** "2026-01-01 to 2026-06-30" */
  days: string;
  group: 'half-year' | 'quarter' | 'older';
  /** The latest published version, if any: a new draft is then a correction. */
  publishedVersion: number | null;
  /** The draft of this period waiting for approval, if any. */
  waitingDraftId: string | null;
}

const GROUPS = [
  ['half-year', 'Half-years (the usual report)'],
  ['quarter', 'Quarters'],
  ['older', 'Earlier published periods'],
] as const;

/** Refusals about the period chosen, shown beside it rather than above the form. */
const PERIOD_REFUSALS = new Set(['REPORT_PERIOD_OPEN', 'REPORT_DRAFT_PENDING']);

type Field = 'period' | 'changes' | 'reason';

const FIELD_NAMES: Record<Field, string> = { period: 'The period', changes: '“What changed”', reason: '“Why”' };

const FIELD_WORDS: Record<Field, string> = {
  period: 'Choose the period to report on.',
  changes: 'Say what this version changes, for the readers of the report.',
  reason: 'Say why it is corrected, for the readers of the report.',
};

/** Short enough for a phone's select: the period, its days, and only what is already there for it. */
function optionLabel(choice: PeriodChoice): string {
  const state = [
    choice.publishedVersion ? `published, v${choice.publishedVersion}` : '',
    choice.waitingDraftId ? 'draft waiting' : '',
  ].filter(Boolean);
  return `${choice.id} (${choice.days})${state.length ? ` · ${state.join(', ')}` : ''}`;
}

function seconds(since: number): string {
  const s = Math.floor((Date.now() - since) / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * Counts a period and keeps it as a draft: the figures are frozen then, and the draft page shows them for a second
 * admin to approve. A period already published gets a correction, which must say what changed and why. Counting a
 * long period can take a while, so the form says it is counting and for how long, and stays put until it is done.
 */
export function DraftReportForm({ periods, csrfToken }: { periods: PeriodChoice[]; csrfToken: string }) {
  const router = useRouter();
  const [period, setPeriod] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [countingSince, setCountingSince] = useState<number | null>(null);
  const [, tick] = useState(0);
  const fields = useRef<Partial<Record<Field, HTMLElement | null>>>({});
  const chosen = periods.find((choice) => choice.id === period);
  const correction = chosen?.publishedVersion ?? null;

  useEffect(() => {
    if (countingSince === null) return;
    const timer = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [countingSince]);

  function show(next: Partial<Record<Field, string>>): void {
    setErrors(next);
    // The first field to fix gets the focus, with its message read out as its description.
    const first = (['period', 'changes', 'reason'] as const).find((field) => next[field]);
    if (first) window.setTimeout(() => fields.current[first]?.focus(), 0);
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      period,
      ...(correction
        ? { changelog: { changes: String(form.get('changes') ?? ''), reason: String(form.get('reason') ?? '') } }
        : {}),
    };
    setFailure(null);
    const checked = DraftReportRequest.safeParse(body);
    if (!checked.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of checked.error.issues) {
        const field = String(issue.path.at(-1)) as Field;
        // An empty field gets words saying what to write; anything else gets the contract's own message.
        if (field in FIELD_WORDS && !next[field]) {
          const empty = field === 'period' ? !period : !String(form.get(field) ?? '').trim();
          next[field] = empty ? FIELD_WORDS[field] : `${FIELD_NAMES[field]} ${issue.message}.`;
        }
      }
      return show(next);
    }
    show({});
    setCountingSince(Date.now());
    const result = await callFromBrowser(DraftReport, { body: checked.data }, { csrfToken });
    setCountingSince(null);
    if (!result.ok) {
      const text = refusalText(result);
      if (result.code && PERIOD_REFUSALS.has(result.code)) return show({ period: text });
      // Beside "What changed" when the form asks for it; above the form if it did not know the period was published.
      if (result.code === 'CHANGELOG_REQUIRED' && correction) return show({ changes: text });
      return setFailure(text);
    }
    router.push(`/staff/reports/drafts/${result.data.id}?drafted=1`);
  }

  const counting = countingSince !== null;
  const describedBy = (field: Field, help?: string) =>
    [help, errors[field] ? `draft-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (field: Field) =>
    errors[field] ? (
      <p id={`draft-${field}-error`} className="field-error" data-testid={`draft-${field}-error`}>
        {errors[field]}
        {field === 'period' && chosen?.waitingDraftId ? (
          <>
            {' '}
            <Link href={`/staff/reports/drafts/${chosen.waitingDraftId}`}>Open the waiting draft</Link>
          </>
        ) : null}
      </p>
    ) : null;

  return (
    <section className="card" aria-labelledby="draft-report-heading">
      <h2 id="draft-report-heading">Draft a report</h2>
      <form
        onSubmit={submit}
        noValidate
        className="form-grid report-form"
        aria-labelledby="draft-report-heading"
        aria-busy={counting}
        data-testid="draft-report-form"
      >
        <div>
          <label htmlFor="draft-period">Period</label>
          <RequiredMark />
          <select
            id="draft-period"
            name="period"
            required
            value={period}
            disabled={counting}
            onChange={(event) => {
              setPeriod(event.target.value);
              setErrors({});
            }}
            ref={(element) => void (fields.current.period = element)}
            aria-invalid={Boolean(errors.period)}
            aria-describedby={describedBy('period', 'draft-period-help')}
          >
            <option value="">Choose a period</option>
            {GROUPS.map(([group, label]) => {
              const choices = periods.filter((choice) => choice.group === group);
              return choices.length === 0 ? null : (
                <optgroup key={group} label={label}>
                  {choices.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {optionLabel(choice)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
          <p id="draft-period-help" className="field-help">
            Only periods that have ended. The requests received in it are counted now, as they stand.
          </p>
          {chosen?.waitingDraftId && !errors.period ? (
            <p className="status-warn" data-testid="draft-waiting-hint">
              A draft of {chosen.id} is already waiting:{' '}
              <Link href={`/staff/reports/drafts/${chosen.waitingDraftId}`}>open it</Link> to approve or discard it
              before counting again.
            </p>
          ) : null}
          {error('period')}
        </div>
        {correction ? (
          <fieldset data-testid="correction-fields">
            <legend>Correction of version {correction}</legend>
            <p className="field-help">
              {chosen?.id} is published as version {correction}. This draft becomes version {correction + 1}, and its
              page keeps version {correction} as it was, with what you write here. Both are public.
            </p>
            <div className="field">
              <label htmlFor="draft-changes">What changed</label>
              <RequiredMark />
              <textarea
                id="draft-changes"
                name="changes"
                rows={3}
                maxLength={2000}
                required
                disabled={counting}
                ref={(element) => void (fields.current.changes = element)}
                aria-invalid={Boolean(errors.changes)}
                aria-describedby={describedBy('changes')}
              />
              {error('changes')}
            </div>
            <div className="field">
              <label htmlFor="draft-reason">Why</label>
              <RequiredMark />
              <textarea
                id="draft-reason"
                name="reason"
                rows={3}
                maxLength={2000}
                required
                disabled={counting}
                ref={(element) => void (fields.current.reason = element)}
                aria-invalid={Boolean(errors.reason)}
                aria-describedby={describedBy('reason')}
              />
              {error('reason')}
            </div>
          </fieldset>
        ) : null}
        {failure ? (
          <p role="alert" className="status-bad" data-testid="draft-report-error">
            {failure}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={counting} aria-busy={counting}>
            {counting ? 'Counting…' : 'Count and draft'}
          </button>
          {/* Always there, so that a screen reader hears it when it fills; the seconds are for the eyes only. */}
          <span role="status" className="counting" data-testid="draft-counting">
            {counting ? (
              <>
                Counting the requests received in {period}. For a long period this can take a minute or two; keep this
                page open. <span aria-hidden="true">({seconds(countingSince)} so far)</span>
              </>
            ) : null}
          </span>
        </div>
      </form>
    </section>
  );
}
