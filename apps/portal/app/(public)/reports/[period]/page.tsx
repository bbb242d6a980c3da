import { ALL, GetReport, GetReportVersion, ListReports, PeriodId } from '@writ/contracts';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { getJson } from '@/lib/api';
import { cell, countryLabel, processLabel, totalRow } from '@/lib/reports';
import { ReportCheck } from '../report-check';
import { reportTableHtml } from '../report-table';
import { CountryTable, WorldMap } from '../world-map';
import '../reports.css';

export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ period: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { period } = await params;
  const version = versionAsked((await searchParams).version);
  return {
    title: `Transparency report ${period}${version ? `, version ${version}` : ''}`,
    description: `Government demands for user data received in ${period}, what was disclosed (only IP addresses and phone numbers) and what was refused; message content disclosed: 0.`,
  };
}

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : ALL;
}

/** `?version=N`: an earlier (or the latest) published version; anything else in the address is not a version. */
function versionAsked(value: string | string[] | undefined): number | null | 'bad' {
  if (value === undefined) return null;
  return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 'bad';
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { period } = await params;
  if (!PeriodId.safeParse(period).success) notFound();
  const query = await searchParams;
  const asked = versionAsked(query.version);
  if (asked === 'bad') notFound();
  const [report, list] = await Promise.all([
    asked === null
      ? getJson(GetReport, { params: { period } })
      : getJson(GetReportVersion, { params: { period, version: asked } }),
    getJson(ListReports, {}),
  ]);
  if (!report.ok) {
    return (
      <>
        <h1>Transparency report {period}</h1>
        <p className="status-bad" data-testid="report-unavailable">
          {report.message}
        </p>
        <p>
          <Link href="/">Back to the overview</Link>
        </p>
      </>
    );
  }
  const { document } = report.data;
  const countries = [...new Set(document.rows.map((row) => row.country))].filter((c) => c !== ALL).sort();
  const processes = [...new Set(document.rows.map((row) => row.legalProcess))].filter((p) => p !== ALL);
  const country = one(query.country);
  const legalProcess = one(query.legalProcess);
  const filtered = country !== ALL || legalProcess !== ALL;
  const rows = filtered
    ? document.rows.filter(
        (row) =>
          (country === ALL || row.country === country) && (legalProcess === ALL || row.legalProcess === legalProcess),
      )
    : document.rows;
  const total = totalRow(document.rows);
  const countryFigures = document.rows
    .filter((row) => row.country !== ALL && row.legalProcess === ALL)
    .map((row) => ({ country: row.country, received: row.requestsReceived, disclosed: row.requestsWithDataDisclosed }));
  const versions = list.ok
    ? list.data.items.filter((item) => item.period === period).sort((a, b) => b.version - a.version)
    : [];
  const download = (version: number, file: string) =>
    `/api/reports/${encodeURIComponent(period)}/versions/${version}/${file}`;
  const latest = versions[0];
  const superseded = latest && latest.version > document.version ? latest : null;

  return (
    <>
      <h1>
        Transparency report {period}
        {asked === null ? null : <span className="muted">, version {document.version}</span>}
      </h1>
      {superseded ? (
        <p className="superseded" role="note" data-testid="superseded">
          This is version {document.version}, kept as it was published. It was corrected by version {superseded.version}
          {superseded.publishedAt ? ` (published ${superseded.publishedAt.slice(0, 10)})` : ''}:{' '}
          <Link href={`/reports/${period}`}>read the latest version</Link>.
        </p>
      ) : null}
      <p className="lead">
        Demands for user data received from {document.periodStart} to {document.periodEnd} (UTC), version{' '}
        {document.version}, counted {document.countedAt.slice(0, 10)}. Counts from 1 to {document.threshold - 1} are
        shown as the band “1–{document.threshold - 1}”; a count shown as “≥{document.threshold}” is withheld so that no
        band can be worked out by subtracting from a total. A share or a median shown as “—” is not given: a count it
        needs is banded or withheld, or it would rest on fewer than {document.threshold} requests.
      </p>
      <p className="content-zero" data-testid="content-disclosed">
        Message content disclosed: <strong>{total ? cell(total.contentDisclosures) : 0}</strong>
      </p>

      <section aria-labelledby="check">
        <h2 id="check">Check this report</h2>
        <ReportCheck
          period={period}
          version={document.version}
          logIndex={report.data.logIndex}
          downloadUrl={download(document.version, 'report.json')}
        />
      </section>

      <section aria-labelledby="figures">
        <h2 id="figures">Figures by country and legal process</h2>
        <form method="get" className="report-filter" aria-label="Filter the table">
          <label>
            Country{' '}
            <select name="country" defaultValue={country}>
              <option value={ALL}>All countries</option>
              {countries.map((c) => (
                <option key={c} value={c}>
                  {countryLabel(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Legal process{' '}
            <select name="legalProcess" defaultValue={legalProcess}>
              <option value={ALL}>All legal processes</option>
              {processes.map((p) => (
                <option key={p} value={p}>
                  {processLabel(p)}
                </option>
              ))}
            </select>
          </label>
          {asked === null ? null : <input type="hidden" name="version" value={document.version} />}
          <button type="submit">Show</button>
          {filtered ? (
            <Link href={asked === null ? `/reports/${period}` : `/reports/${period}?version=${document.version}`}>
              Show every row
            </Link>
          ) : null}
        </form>
        <div
          className="report-scroll"
          tabIndex={0}
          role="region"
          aria-labelledby="figures"
          dangerouslySetInnerHTML={{ __html: reportTableHtml(rows) }}
        />
        {rows.length === 0 ? <p data-testid="no-rows">No row matches this filter.</p> : null}
      </section>

      <section aria-labelledby="map">
        <h2 id="map">By country</h2>
        <WorldMap
          figures={countryFigures}
          caption={`Requests received per country, ${period}. Each country links to its figures over time.`}
        />
        <CountryTable figures={countryFigures} caption={`Requests per country, ${period}`} />
      </section>

      <section aria-labelledby="versions">
        <h2 id="versions">Versions and downloads</h2>
        <ol className="version-list" reversed>
          {versions.map((v) => (
            <li key={v.version} data-testid="report-version">
              <p>
                <strong>Version {v.version}</strong>
                {v.publishedAt ? `, published ${v.publishedAt.slice(0, 10)}` : ''} · SHA-256{' '}
                <code className="hash">{v.sha256}</code>
              </p>
              <p>
                {v.changelog ? (
                  <>
                    Changed: {v.changelog.changes} Why: {v.changelog.reason}
                  </>
                ) : (
                  'First version.'
                )}
              </p>
              <p>
                {v.version === document.version ? (
                  <span data-testid="version-shown">Shown on this page. </span>
                ) : (
                  <>
                    <Link href={v === latest ? `/reports/${period}` : `/reports/${period}?version=${v.version}`}>
                      Read version {v.version}
                    </Link>{' '}
                    ·{' '}
                  </>
                )}
                Download version {v.version}: <a href={download(v.version, 'report.json')}>JSON</a> ·{' '}
                <a href={download(v.version, 'report.csv')}>CSV</a> ·{' '}
                <a href={download(v.version, 'dsa.csv')}>DSA CSV</a>
              </p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
