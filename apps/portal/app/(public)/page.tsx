import { HealthResponse } from '@writ/contracts';
import Link from 'next/link';
import { getJson } from '@/lib/api';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const health = await getJson('/health', HealthResponse);
  return (
    <>
      <h1>Transparency</h1>
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
