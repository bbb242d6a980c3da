'use client';

import {
  findTransition,
  RejectionReason,
  type RequestDetail,
  type NextTransition,
  type StaffRole,
  TransitionRequestRoute,
} from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';
import { words } from '../request-text';

const REASON_WORDS: Record<RejectionReason, string> = {
  NOT_COURT_ORDER: 'Not a court order',
  UNVERIFIED: 'The order could not be verified',
  INVALID: 'The order is not valid',
  SCOPE: 'Outside what may be released',
};

/**
 * The steps this person may take now: those the API lists for the request's status, narrowed to this person's
 * roles, minus the steps another panel drives with its own evidence (verification, decisions, disclosure), which
 * this route refuses. The API checks all of it again, four eyes included.
 */
export function stepsFor(next: readonly NextTransition[], from: RequestDetail['status'], roles: readonly StaffRole[]) {
  return next.filter(
    (step) => step.roles.some((role) => roles.includes(role)) && !findTransition(from, step.to)?.drivenBy,
  );
}

/** Where the steps another panel drives are taken, for the box to point at. */
const PANELS: Record<'verification' | 'policy' | 'disclosure', { anchor: string; name: string }> = {
  verification: { anchor: '#verification', name: 'Verification of the order' },
  policy: { anchor: '#decisions', name: 'Decisions' },
  disclosure: { anchor: '#package', name: 'Disclosure package' },
};

/** The steps this person's roles allow that a panel below drives, each with that panel. */
export function panelStepsFor(
  next: readonly NextTransition[],
  from: RequestDetail['status'],
  roles: readonly StaffRole[],
) {
  return next.flatMap((step) => {
    const drivenBy = findTransition(from, step.to)?.drivenBy;
    return drivenBy && step.roles.some((role) => roles.includes(role)) ? [{ step, panel: PANELS[drivenBy] }] : [];
  });
}

function Step({ request, step, csrfToken }: { request: RequestDetail; step: NextTransition; csrfToken: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsReason = step.requires.includes('reason');
  // Focus follows the form: to its first field when it opens, back to the button that opened it when it is
  // cancelled, so a keyboard or screen-reader user is never dropped at the top of the page.
  const opener = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  const firstField = step.requires.includes('reasonCode') ? `code-${step.to}` : `reason-${step.to}`;
  useEffect(() => {
    if (open) return void document.getElementById(firstField)?.focus();
    if (!cancelled.current) return;
    cancelled.current = false;
    opener.current?.focus();
  }, [open, firstField]);

  async function take(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get('reason') ?? '').trim();
    // The select offers exactly these codes; find() reads it back as one without a cast.
    const reasonCode = RejectionReason.options.find((code) => code === form.get('reasonCode'));
    if (needsReason && !reason) return setError('Give the reason in words: the authority and the auditors read it.');
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(
      TransitionRequestRoute,
      {
        params: { id: request.id },
        body: {
          to: step.to,
          version: request.version,
          ...(reason ? { reason } : {}),
          ...(step.requires.includes('reasonCode') ? { reasonCode } : {}),
        },
      },
      { csrfToken },
    );
    setBusy(false);
    if (!result.ok) return setError(refusalText(result));
    // The steps are listed again for the new status and this one's button goes: the list's heading holds the focus.
    document.getElementById('next-steps')?.focus();
    setOpen(false);
    router.refresh();
  }

  // Every step asks once more, with room for a reason: a stray click must not withdraw or close a request.
  const label = words(step.action);
  return (
    <li>
      {open ? (
        <form onSubmit={take} className="card" aria-label={label}>
          {step.requires.includes('reasonCode') ? (
            <p className="field">
              <label htmlFor={`code-${step.to}`}>Why</label>
              <select id={`code-${step.to}`} name="reasonCode" defaultValue="SCOPE">
                {RejectionReason.options.map((code) => (
                  <option key={code} value={code}>
                    {REASON_WORDS[code]}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <p className="field">
            <label htmlFor={`reason-${step.to}`}>Reason, in words{needsReason ? '' : ' (optional)'}</label>
            <textarea className="plain" id={`reason-${step.to}`} name="reason" rows={3} maxLength={2000} />
          </p>
          {error ? (
            <p role="alert" className="status-bad" data-testid="transition-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" disabled={busy} aria-busy={busy}>
              {label}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                cancelled.current = true;
                setError(null);
                setOpen(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button ref={opener} type="button" className="secondary" onClick={() => setOpen(true)} data-testid="transition">
          {label}…
        </button>
      )}
    </li>
  );
}

/** Something this person may do on the page that is no lifecycle step (correcting the request), and where. */
export interface PanelAction {
  action: string;
  anchor: string;
  name: string;
}

export function LifecycleActions({
  request,
  roles,
  csrfToken,
  also = [],
}: {
  request: RequestDetail;
  roles: readonly StaffRole[];
  csrfToken: string;
  also?: readonly PanelAction[];
}) {
  const steps = stepsFor(request.nextTransitions, request.status, roles);
  // Steps that need their evidence (a signature check, the policy's preview, a package) are taken in their panel;
  // the box still names them, so "what can I do" has one answer at the top of the page.
  const panelSteps = panelStepsFor(request.nextTransitions, request.status, roles);
  return (
    <section aria-labelledby="next-steps" data-testid="lifecycle-actions">
      <h2 id="next-steps" className="small muted" tabIndex={-1}>
        What you can do now
      </h2>
      {steps.length === 0 && panelSteps.length === 0 && also.length === 0 ? (
        <p className="muted" data-testid="no-actions">
          Nothing for your role{roles.length > 1 ? 's' : ''} ({roles.join(', ')}) at this stage.
        </p>
      ) : (
        <ul className="actions" style={{ listStyle: 'none', padding: 0 }}>
          {panelSteps.map(({ step, panel }) => (
            <li key={step.to}>
              <a className="button" href={panel.anchor} data-testid="panel-step">
                {words(step.action)}
              </a>{' '}
              <span className="small muted">in “{panel.name}” below</span>
            </li>
          ))}
          {steps.map((step) => (
            <Step key={step.to} request={request} step={step} csrfToken={csrfToken} />
          ))}
          {also.map((item) => (
            <li key={item.anchor}>
              <a className="button secondary" href={item.anchor} data-testid="panel-step">
                {item.action}
              </a>{' '}
              <span className="small muted">in “{item.name}” below</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
