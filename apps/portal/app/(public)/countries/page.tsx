import { ALL } from '@writ/contracts';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { latestVersions } from '@/lib/published-reports';
import { CountryTable, WorldMap } from '../reports/world-map';
import '../reports/reports.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Countries',
  description:
    'Where demands for user data came from: a world map of requests received per country, with links to each country’s figures over time.',
};

export default async function CountriesPage() {
  const { ok, versions } = await latestVersions(1);
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
  return (
    <>
      <h1>Countries</h1>
      {!latest ? (
        <p data-testid="no-report">
          {ok ? 'No report has been published yet.' : 'The reports cannot be shown right now.'}
        </p>
      ) : (
        <>
          <p className="lead">
            Requests received per country in {latest.period}, from the{' '}
            <Link href={`/reports/${latest.period}`}>{latest.period} report</Link>. Choose a country for its figures
            over time.
          </p>
          <WorldMap figures={figures} caption={`Requests received per country, ${latest.period}`} />
          <h2>Every country in the report</h2>
          <CountryTable figures={figures} caption={`Requests per country, ${latest.period}`} />
        </>
      )}
    </>
  );
}
