import { GetReport, GetReportDraft, Uuid } from '@writ/contracts';
import { notFound } from 'next/navigation';
import Link from '@/components/link';
import { refusalText } from '@/lib/api-failure';
import { cell, totalRow } from '@/lib/reports';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { reportTableHtml } from '../../../../(public)/reports';
import { personWords, staffNames } from '../../../admin/people';
import { formatTime, single } from '../../../admin/words';
import { changedFigures } from '../../report-diff';
import { periodWords, publicReportHref } from '../../report-words';
import { DraftActions } from './draft-actions';
import '../../reports-staff.css';

export const metadata = { title: 'Draft report' };
export const dynamic = 'force-dynamic';

const TITLE = 'Draft report';

export default async function DraftReportPage({ params, searchParams }: PageProps<'/staff/reports/drafts/[id]'>) {
  const { id } = await params;
  const justDrafted = single((await searchParams).drafted) === '1';
  const gate = await staffGate(TITLE, GetReportDraft.access.roles, `/staff/reports/drafts/${encodeURIComponent(id)}`);
  if (!gate.ok) return gate.page;
  if (!Uuid.safeParse(id).success) notFound();
  const me = gate.me.staff.id;
  const draft = await getAsStaff(GetReportDraft, { params: { id } });
  if (!draft.ok) {
    return (
      <>
        <p className="small">
          <Link href="/staff/reports">← Transparency reports</Link>
        </p>
        <h1>{TITLE}</h1>
        <p role="alert" className="status-bad" data-testid="draft-unavailable">
          {draft.status === 404
            ? 'This draft is not waiting any more: it was published or discarded (or the address is wrong). Transparency reports lists what is published and what still waits.'
            : `The draft could not be loaded: ${refusalText(draft)}`}
        </p>
      </>
    );
  }
  const report = draft.data;
  const { document } = report;
  // A correction is read against the version it would replace: the period's latest published one.
  const [published, names] = await Promise.all([
    report.version > 1 ? getAsStaff(GetReport, { params: { period: report.period } }) : null,
    staffNames([report.draftedBy]),
  ]);
  const changes = published?.ok ? changedFigures(published.data.document.rows, document.rows) : [];
  const total = totalRow(document.rows);
  const mine = report.draftedBy === me;

  return (
    <>
      <p className="small">
        <Link href="/staff/reports">← Transparency reports</Link>
      </p>
      <h1>
        Draft: {report.period} report, version {report.version}
      </h1>
      {justDrafted ? (
        <p role="status" className="status-ok" data-testid="draft-made">
          Counted and kept as a draft. Nothing is published until a second admin approves it.
        </p>
      ) : null}
      <dl className="facts" data-testid="draft-facts">
        <dt>Period</dt>
        <dd>{periodWords(report.period)}</dd>
        <dt>Version</dt>
        <dd>
          {report.version === 1
            ? '1, the first of this period'
            : `${report.version}, a correction of version ${report.version - 1}`}
        </dd>
        <dt>Drafted by</dt>
        <dd data-testid="drafted-by">{personWords(report.draftedBy, names, me)}</dd>
        <dt>Counted at</dt>
        <dd>{formatTime(document.countedAt)}</dd>
        <dt>Small numbers</dt>
        <dd>
          1 to {document.threshold - 1} shown as “1–{document.threshold - 1}”
        </dd>
        {document.changelog ? (
          <>
            <dt>What changed</dt>
            <dd>{document.changelog.changes}</dd>
            <dt>Why</dt>
            <dd>{document.changelog.reason}</dd>
          </>
        ) : null}
        <dt>SHA-256</dt>
        <dd>
          <code className="hash fingerprint">{report.sha256}</code>
        </dd>
      </dl>

      {mine ? (
        <p className="own-proposal" data-testid="own-draft">
          <strong>You drafted this report.</strong> A second admin must approve it before it is published: ask another
          admin to open it here. You can discard it at the end of this page.
        </p>
      ) : (
        <p className="prose" data-testid="review-draft">
          Another admin counted this draft and it waits for your decision. Check{' '}
          {report.version > 1 ? 'what it changes and ' : ''}its figures below: approving publishes them exactly as
          shown.
        </p>
      )}

      {published ? (
        <section aria-labelledby="changes-heading" data-testid="draft-changes">
          <h2 id="changes-heading">What changes against the published version {report.version - 1}</h2>
          {!published.ok ? (
            <p role="alert" className="status-bad">
              The published version could not be loaded to compare: {refusalText(published)}
            </p>
          ) : changes.length === 0 ? (
            <p data-testid="no-figure-changes">
              Every figure is the same as in the published version {published.data.version}: only the changelog would be
              new.
            </p>
          ) : (
            <>
              <p className="muted prose">
                {changes.length === 1 ? 'One figure differs' : `${changes.length} figures differ`} from version{' '}
                {published.data.version} as <Link href={publicReportHref(report.period)}>the public reads it now</Link>.
                Version {published.data.version} stays readable as it was.
              </p>
              <div
                className="table-scroll figure-changes-scroll"
                tabIndex={0}
                role="region"
                aria-labelledby="changes-heading"
              >
                <table className="figure-changes">
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Figure</th>
                      <th scope="col" className="num">
                        Published (version {published.data.version})
                      </th>
                      <th scope="col" className="num">
                        This draft
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change) => (
                      <tr key={`${change.country}/${change.legalProcess}/${change.figure}`} data-testid="figure-change">
                        <td>
                          {change.country}, {change.legalProcess.toLowerCase()}
                        </td>
                        <th scope="row">{change.figure}</th>
                        <td className="num" data-field="published">
                          {change.published}
                        </td>
                        <td className="num" data-field="draft">
                          {change.draft}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}

      <section aria-labelledby="figures">
        <h2 id="figures">Figures as they would be published</h2>
        <p className="muted prose">
          Exactly as the public page would show them: a count from 1 to {document.threshold - 1} as a band, a count
          shown as “≥{document.threshold}” withheld so that no band can be worked out from a total, and “—” for a share
          or median the report does not give.
        </p>
        <p className="content-zero" data-testid="content-disclosed">
          Message content disclosed: <strong>{total ? cell(total.contentDisclosures) : 0}</strong>
        </p>
        <div
          className="report-scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="figures"
          dangerouslySetInnerHTML={{ __html: reportTableHtml(document.rows) }}
        />
      </section>

      <section className="card" aria-labelledby="decide-heading" data-testid="draft-decision">
        <h2 id="decide-heading">{mine ? 'Discard' : 'Publish or discard'}</h2>
        {mine ? <p className="muted">Only another admin can publish this draft; you can throw it away.</p> : null}
        <DraftActions
          id={report.id}
          period={report.period}
          version={report.version}
          mine={mine}
          csrfToken={gate.me.csrfToken ?? ''}
        />
      </section>
    </>
  );
}
