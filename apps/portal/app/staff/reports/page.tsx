import {
  endedPeriods,
  ListReportDrafts,
  ListReports,
  parsePeriod,
  type ReportDraftSummary,
  type ReportVersionSummary,
} from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { personWords, staffNames } from '../admin/people';
import { formatTime, single } from '../admin/words';
import { DraftReportForm, type PeriodChoice } from './draft-report-form';
import { periodDays, publicReportHref } from './report-words';
import './reports-staff.css';

export const metadata = { title: 'Transparency reports' };
export const dynamic = 'force-dynamic';

const TITLE = 'Transparency reports';
/** How far back the form offers periods without looking them up: two years of each. */
const RECENT = { halfYears: 4, quarters: 8 };

/**
 * The periods the form offers: the recent ones that have ended, and any older one already published (a correction
 * of it is a new version); each says whether it is published and whether a draft of it waits.
 */
function periodChoices(
  published: readonly ReportVersionSummary[],
  drafts: readonly ReportDraftSummary[],
  now: Date,
): PeriodChoice[] {
  const latest = new Map<string, number>();
  for (const item of published) latest.set(item.period, Math.max(item.version, latest.get(item.period) ?? 0));
  const waiting = new Map(drafts.map((draft) => [draft.period, draft.id]));
  const recent = endedPeriods(now, RECENT);
  const older = [...latest.keys()]
    .filter((id) => !recent.some((period) => period.id === id))
    .flatMap((id) => parsePeriod(id) ?? [])
    .sort((a, b) => b.end.getTime() - a.end.getTime());
  return [...recent, ...older].map((period) => ({
    id: period.id,
    days: periodDays(period),
    group: older.includes(period) ? 'older' : period.granularity === 'HALF_YEAR' ? 'half-year' : 'quarter',
    publishedVersion: latest.get(period.id) ?? null,
    waitingDraftId: waiting.get(period.id) ?? null,
  }));
}

/** Set by the draft page after a decision; shown only for what the lists bear out. */
function Notice({
  params,
  published,
}: {
  params: Record<string, string | string[] | undefined>;
  published: readonly ReportVersionSummary[];
}) {
  const period = single(params.published) || single(params.discarded);
  const version = Number(single(params.version));
  if (!parsePeriod(period) || !Number.isInteger(version)) return null;
  if (single(params.published)) {
    if (!published.some((item) => item.period === period && item.version === version)) return null;
    return (
      <p role="status" className="status-ok" data-testid="report-notice">
        Published: the {period} transparency report, version {version}. Everyone can read it now on the{' '}
        <Link href={publicReportHref(period)}>public {period} report page</Link>.
      </p>
    );
  }
  return (
    <p role="status" className="status-ok" data-testid="report-notice">
      Discarded the draft of {period}, version {version}. Nothing was published.
    </p>
  );
}

export default async function ReportsPage({ searchParams }: PageProps<'/staff/reports'>) {
  const params = await searchParams;
  const gate = await staffGate(TITLE, ListReportDrafts.access.roles, '/staff/reports');
  if (!gate.ok) return gate.page;
  const me = gate.me.staff.id;
  const [drafts, published] = await Promise.all([getAsStaff(ListReportDrafts, {}), getAsStaff(ListReports, {})]);
  const names = drafts.ok ? await staffNames(drafts.data.items.map((draft) => draft.draftedBy)) : {};
  const publishedItems = published.ok ? published.data.items : [];
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        A report counts the demands received in a period. One admin drafts it: the figures are counted then and kept as
        they are. It is published only when a second admin approves it, and then it is public and permanent: a mistake
        is corrected by a new version that says what changed and why. The{' '}
        <Link href="/staff/canary">warrant canary</Link> repeats a published report’s totals.
      </p>
      {published.ok ? <Notice params={params} published={publishedItems} /> : null}

      <section className="card" aria-labelledby="drafts-heading">
        <h2 id="drafts-heading">Drafts waiting for approval</h2>
        {!drafts.ok ? (
          <p role="alert" className="status-bad" data-testid="drafts-error">
            The drafts could not be loaded: {drafts.message}
          </p>
        ) : drafts.data.items.length === 0 ? (
          <p data-testid="no-drafts">
            No draft is waiting for approval. To publish a period’s report, draft it below; a second admin then reviews
            and approves it.
          </p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="drafts-heading">
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">Draft</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Drafted by</th>
                  <th scope="col">Drafted at</th>
                </tr>
              </thead>
              <tbody>
                {drafts.data.items.map((draft) => (
                  <tr key={draft.id} data-testid="report-draft" data-period={draft.period}>
                    {/* The link first: on a phone the rest of the row is off to the side. */}
                    <th scope="row">
                      <Link href={`/staff/reports/drafts/${draft.id}`}>
                        {draft.draftedBy === me ? 'Open' : 'Review'} {draft.period}, version {draft.version}
                      </Link>
                    </th>
                    <td>{draft.version === 1 ? 'First version' : 'Correction'}</td>
                    <td className="wrap">{personWords(draft.draftedBy, names, me)}</td>
                    <td>{formatTime(draft.draftedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <DraftReportForm
        periods={periodChoices(publishedItems, drafts.ok ? drafts.data.items : [], new Date())}
        csrfToken={gate.me.csrfToken ?? ''}
      />

      <section className="card" aria-labelledby="published-heading">
        <h2 id="published-heading">Published reports</h2>
        {!published.ok ? (
          <p role="alert" className="status-bad" data-testid="published-error">
            The published reports could not be loaded: {published.message}
          </p>
        ) : publishedItems.length === 0 ? (
          <p data-testid="no-published">
            No report is published yet. Draft a period’s report above; once a second admin approves it, it is listed
            here and on the public site.
          </p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="published-heading">
            <table className="queue">
              <thead>
                <tr>
                  <th scope="col">Public page</th>
                  <th scope="col">Published at</th>
                  <th scope="col">Correction</th>
                </tr>
              </thead>
              <tbody>
                {publishedItems.map((item) => {
                  const latest = !publishedItems.some((o) => o.period === item.period && o.version > item.version);
                  return (
                    <tr key={item.id} data-testid="published-report" data-period={item.period}>
                      <th scope="row">
                        <Link href={publicReportHref(item.period, latest ? undefined : item.version)}>
                          {item.period}, version {item.version}
                        </Link>
                      </th>
                      <td>{item.publishedAt ? formatTime(item.publishedAt) : '—'}</td>
                      <td className="wrap">{item.changelog ? item.changelog.changes : 'First version'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
