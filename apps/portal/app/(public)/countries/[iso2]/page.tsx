import { ALL, CountryCode, type ReportRow } from '@writ/contracts';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { countryName } from '@/lib/countries';
import { latestVersions } from '@/lib/published-reports';
import { cell, FIELD_LABELS, processLabel } from '@/lib/reports';
import { CountryTable, WorldMap } from '../../reports/world-map';
import '../../reports/reports.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ iso2: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { iso2 } = await params;
  const name = CountryCode.safeParse(iso2).success ? countryName(iso2) : iso2;
  return {
    title: `${name}: demands for user data`,
    description: `Demands for user data from authorities in ${name}, per published report period: received, disclosed, refused; message content disclosed: 0.`,
  };
}

const COLUMNS = [
  'requestsReceived',
  'requestsWithDataDisclosed',
  'accountsDisclosed',
  'noData',
  'emergencyRequests',
  'gagOrdersInForce',
  'contentDisclosures',
] as const;

export default async function CountryPage({ params }: Props) {
  const { iso2 } = await params;
  if (!CountryCode.safeParse(iso2).success) notFound();
  const name = countryName(iso2);
  const { ok, versions } = await latestVersions();
  // A period with no row for the country received nothing from it: 0, printed, not left out.
  const periods = versions.map((version) => ({
    period: version.period,
    total: version.document.rows.find((row) => row.country === iso2 && row.legalProcess === ALL),
    processes: version.document.rows.filter((row) => row.country === iso2 && row.legalProcess !== ALL),
  }));
  const latest = versions.at(-1);
  const figures = latest
    ? latest.document.rows
        .filter((row) => row.country !== ALL && row.legalProcess === ALL)
        .map((row) => ({
          country: row.country,
          received: row.requestsReceived,
          disclosed: row.requestsWithDataDisclosed,
        }))
    : [];
  const value = (row: ReportRow | undefined, field: (typeof COLUMNS)[number]) => (row ? cell(row[field]) : '0');
  const newest = periods.at(-1);
  return (
    <>
      <h1>
        {name} ({iso2})
      </h1>
      <p className="lead">
        Demands for user data from authorities in {name}, per report period. Counts from 1 to the report’s threshold − 1
        are shown as a band (“1–9”); “≥10” is a count withheld so that no band can be worked out by subtraction.
      </p>
      {!ok && <p className="status-bad">Some reports cannot be shown right now.</p>}
      {periods.length === 0 ? (
        <p data-testid="no-report">No report has been published yet.</p>
      ) : (
        <section aria-labelledby="over-time">
          <h2 id="over-time">Over time</h2>
          <div className="report-scroll" tabIndex={0} role="region" aria-labelledby="over-time">
            <table data-testid="country-periods">
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  {COLUMNS.map((field) => (
                    <th key={field} scope="col" className="num">
                      {FIELD_LABELS[field]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {periods.map(({ period, total }) => (
                  <tr key={period} data-testid="country-period">
                    <th scope="row">
                      <Link href={`/reports/${period}?country=${iso2}`}>{period}</Link>
                    </th>
                    {COLUMNS.map((field) => (
                      <td key={field} className="num">
                        {value(total, field)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {newest && newest.processes.length > 0 && (
            <>
              <h2 id="by-process">{newest.period} by legal process</h2>
              <div className="report-scroll" tabIndex={0} role="region" aria-labelledby="by-process">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Legal process</th>
                      {COLUMNS.map((field) => (
                        <th key={field} scope="col" className="num">
                          {FIELD_LABELS[field]}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {newest.processes.map((row) => (
                      <tr key={row.legalProcess}>
                        <th scope="row">{processLabel(row.legalProcess)}</th>
                        {COLUMNS.map((field) => (
                          <td key={field} className="num">
                            {value(row, field)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
      {latest && (
        <section aria-labelledby="other-countries">
          <h2 id="other-countries">Other countries</h2>
          <WorldMap figures={figures} current={iso2} caption={`Requests received per country, ${latest.period}`} />
          <CountryTable figures={figures} current={iso2} caption={`Requests per country, ${latest.period}`} />
        </section>
      )}
    </>
  );
}
