import { canaryExpiry, GetCanary, ListCanaryDrafts, ListReports, parsePeriod } from '@writ/contracts';
import Link from '@/components/link';
import { refusalText } from '@/lib/api-failure';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { personWords, staffNames } from '../admin/people';
import { formatTime, single } from '../admin/words';
import { periodDays, periodWords } from '../reports/report-words';
import { ApproveCanary } from './approve-canary';
import { DiscardCanary } from './discard-canary';
import { type CanaryPeriod, DraftCanaryForm } from './draft-canary-form';
import '../reports/reports-staff.css';

export const metadata = { title: 'Warrant canary' };
export const dynamic = 'force-dynamic';

const TITLE = 'Warrant canary';

export default async function StaffCanaryPage({ searchParams }: PageProps<'/staff/canary'>) {
  const params = await searchParams;
  const gate = await staffGate(TITLE, ListCanaryDrafts.access.roles, '/staff/canary');
  if (!gate.ok) return gate.page;
  const me = gate.me.staff.id;
  const csrfToken = gate.me.csrfToken ?? '';
  const [current, drafts, reports] = await Promise.all([
    getAsStaff(GetCanary, {}),
    getAsStaff(ListCanaryDrafts, {}),
    getAsStaff(ListReports, {}),
  ]);
  const names = drafts.ok ? await staffNames(drafts.data.items.map((draft) => draft.draftedBy)) : {};
  const now = new Date();
  // A canary repeats a published report and lasts until 30 days after the following period: only such periods are
  // offered. Whether one is already published for an older period only the API knows; it says so if asked.
  const waiting = new Map(drafts.ok ? drafts.data.items.map((draft) => [draft.period, draft.id]) : []);
  const periods: CanaryPeriod[] = reports.ok
    ? [...new Set(reports.data.items.map((item) => item.period))]
        .flatMap((id) => parsePeriod(id) ?? [])
        .filter((period) => canaryExpiry(period) > now)
        .sort((a, b) => b.end.getTime() - a.end.getTime())
        .map((period) => ({
          id: period.id,
          days: periodDays(period),
          published: current.ok && current.data.period === period.id,
          draftWaiting: waiting.has(period.id),
        }))
    : [];
  const justPublished = single(params.published);

  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        Once per report period, a statement that no message content was disclosed and no backdoor or bulk access
        granted, with the period’s demands and what became of them, copied from its published{' '}
        <Link href="/staff/reports">transparency report</Link> as printed there. One admin drafts it; when a second
        admin approves it, it is signed with the log key and shown to everyone on the public{' '}
        <Link href="/canary">warrant canary page</Link>. It cannot be withdrawn.
      </p>
      {justPublished && current.ok ? (
        <p role="status" className="status-ok" data-testid="canary-notice">
          {current.data.period === justPublished ? (
            <>
              Published and signed: the warrant canary for {justPublished}. Everyone sees it now on the{' '}
              <Link href="/canary">public warrant canary page</Link>.
            </>
          ) : (
            // The public page shows the latest period's canary; an older period's is published for the record.
            <>
              Published and signed: the warrant canary for {justPublished}. The{' '}
              <Link href="/canary">public warrant canary page</Link> goes on showing the canary of a later period,{' '}
              {current.data.period}.
            </>
          )}
        </p>
      ) : null}

      <section className="card" aria-labelledby="current-heading" data-testid="canary-current">
        <h2 id="current-heading">Published now</h2>
        {current.ok ? (
          <>
            <dl className="facts">
              <dt>Period</dt>
              <dd data-testid="canary-period">{periodWords(current.data.period)}</dd>
              <dt>Published</dt>
              <dd>{current.data.publishedAt ? formatTime(current.data.publishedAt) : '—'}</dd>
              <dt>{current.data.expired ? 'Expired' : 'Valid until'}</dt>
              <dd className={current.data.expired ? 'status-bad' : undefined}>
                {formatTime(current.data.expiresAt)}
                {current.data.expired ? ': the next statement is overdue, draft it below.' : ''}
              </dd>
            </dl>
            <pre
              className="canary-statement"
              tabIndex={0}
              aria-label="Published statement"
              data-testid="canary-statement"
            >
              {current.data.statement}
            </pre>
          </>
        ) : current.status === 404 ? (
          <p className="status-warn" data-testid="no-canary">
            No warrant canary is published: the public page says so, and readers are told to assume the worst. Draft one
            below for a period whose report is published.
          </p>
        ) : (
          <p role="alert" className="status-bad">
            The published canary could not be loaded: {refusalText(current)}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for approval</h2>
        {!drafts.ok ? (
          <p role="alert" className="status-bad">
            The drafts could not be loaded: {refusalText(drafts)}
          </p>
        ) : drafts.data.items.length === 0 ? (
          <p data-testid="no-canary-drafts">
            No canary is waiting for approval. Draft one below; a second admin then approves it here.
          </p>
        ) : (
          drafts.data.items.map((draft) => (
            <article
              key={draft.id}
              aria-labelledby={`canary-${draft.id}`}
              data-testid="canary-draft"
              data-period={draft.period}
            >
              <h3 id={`canary-${draft.id}`}>Canary for {draft.period}</h3>
              <dl className="facts">
                <dt>Drafted by</dt>
                <dd>{personWords(draft.draftedBy, names, me)}</dd>
                <dt>Drafted at</dt>
                <dd>{formatTime(draft.draftedAt)}</dd>
                <dt>Would be valid until</dt>
                <dd>{formatTime(draft.expiresAt)}</dd>
              </dl>
              <pre className="canary-statement" tabIndex={0} aria-label={`Statement for ${draft.period}, as drafted`}>
                {draft.statement}
              </pre>
              <div className="draft-decision">
                <ApproveCanary
                  id={draft.id}
                  period={draft.period}
                  mine={draft.draftedBy === me}
                  csrfToken={csrfToken}
                />
                <DiscardCanary id={draft.id} period={draft.period} csrfToken={csrfToken} />
              </div>
            </article>
          ))
        )}
      </section>

      {reports.ok ? (
        <DraftCanaryForm periods={periods} csrfToken={csrfToken} />
      ) : (
        <section className="card" aria-labelledby="draft-canary-heading">
          <h2 id="draft-canary-heading">Draft a canary</h2>
          <p role="alert" className="status-bad">
            The published reports could not be loaded, so no period can be offered: {refusalText(reports)}
          </p>
        </section>
      )}
    </>
  );
}
