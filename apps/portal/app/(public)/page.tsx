import { GetHealth, GetReport, ListReports } from '@writ/contracts';
import Link from '@/components/link';
import { getJson } from '@/lib/api';
import { cell, totalRow } from '@/lib/reports';
import { PeriodsChart, type PeriodFigures } from './reports/periods-chart';
import './reports/reports.css';

export const dynamic = 'force-dynamic';

export const metadata = {
  title: { absolute: 'Writ — transparency reports' },
  description:
    'How many government demands for user data this platform received, from where, under what legal process, and what it disclosed: only IP addresses and phone numbers, and message content never.',
};

export default async function HomePage() {
  const [health, reports] = await Promise.all([getJson(GetHealth, {}), getJson(ListReports, {})]);
  // The list is newest version first per period; the latest period is the one that ends last.
  const latestPeriod = reports.ok
    ? [...reports.data.items].sort((a, b) => b.period.localeCompare(a.period))[0]?.period
    : undefined;
  const latest = latestPeriod ? await getJson(GetReport, { params: { period: latestPeriod } }) : null;
  const total = latest?.ok ? totalRow(latest.data.document.rows) : undefined;
  // One point per period, from its latest version (a correction replaces the figures it corrects).
  const periodIds = reports.ok ? [...new Set(reports.data.items.map((item) => item.period))].sort().slice(-8) : [];
  const chart: PeriodFigures[] = (
    await Promise.all(
      periodIds.map(async (period) => {
        const version =
          period === latestPeriod && latest?.ok ? latest : await getJson(GetReport, { params: { period } });
        const row = version.ok ? totalRow(version.data.document.rows) : undefined;
        return row ? { period, received: row.requestsReceived, disclosed: row.requestsWithDataDisclosed } : null;
      }),
    )
  ).filter((p): p is PeriodFigures => p !== null);
  return (
    <>
      <h1>Transparency</h1>
      <section className="card" aria-labelledby="latest-report" data-testid="latest-report">
        <h2 id="latest-report">Latest transparency report{latestPeriod ? `: ${latestPeriod}` : ''}</h2>
        {latest?.ok && total ? (
          <>
            <dl className="headline">
              <div>
                <dt>Requests received</dt>
                <dd data-field="requestsReceived">{cell(total.requestsReceived)}</dd>
              </div>
              <div>
                <dt>Requests with data disclosed</dt>
                <dd data-field="requestsWithDataDisclosed">{cell(total.requestsWithDataDisclosed)}</dd>
              </div>
              <div>
                <dt>Accounts with data disclosed</dt>
                <dd data-field="accountsDisclosed">{cell(total.accountsDisclosed)}</dd>
              </div>
              <div>
                <dt>Message content disclosed</dt>
                <dd data-field="contentDisclosures">{cell(total.contentDisclosures)}</dd>
              </div>
            </dl>
            {chart.length > 0 ? <PeriodsChart periods={chart} /> : null}
            <p>
              <Link href={`/reports/${latest.data.period}`}>Read the full {latest.data.period} report</Link>, with every
              country and legal process, its versions and downloads.
            </p>
          </>
        ) : (
          <p data-testid="content-disclosed">
            No report has been published yet. Message content disclosed: <strong>0</strong>.
          </p>
        )}
      </section>
      <p className="lead">
        This platform receives demands for user data from police, prosecutors and courts. It answers them with Writ,
        which releases <strong>only IP addresses and phone numbers</strong>, <strong>only</strong> for suspects named in
        a <strong>verified court order</strong>, and <strong>never message content</strong>. Every step is written to a
        tamper-evident log that anyone can check.
      </p>
      <ul className="tiles">
        <li className="card">
          <h2>
            <Link href="/policy">Read the disclosure policy</Link>
          </h2>
          <p className="muted small">The rules in force, their parameters, and a hash your browser checks.</p>
        </li>
        <li className="card">
          <h2>
            <Link href="/audit">Verify the log yourself</Link>
          </h2>
          <p className="muted small">
            Check signatures, consistency and every entry of the tamper-evident log, in your browser.
          </p>
        </li>
      </ul>
      <section className="card" aria-labelledby="system-status">
        <h2 id="system-status">System status</h2>
        {health.ok ? (
          <p data-testid="api-status">
            <span className="status-ok">API {health.data.status}</span> · database{' '}
            {health.data.database.reachable ? 'reachable' : 'unreachable'} · version {health.data.version}
          </p>
        ) : (
          <p data-testid="api-status">
            <span className="status-bad">Unavailable</span> <span className="muted">— {health.message}</span>
          </p>
        )}
      </section>
    </>
  );
}
