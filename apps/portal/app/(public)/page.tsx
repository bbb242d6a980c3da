import { HealthResponse } from '@writ/contracts';
import { getJson } from '@/lib/api';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const health = await getJson('/health', HealthResponse);
  return (
    <>
      <h1>Transparency</h1>
      <p>
        This platform receives demands for user data from police, prosecutors and courts. It answers them with
        Writ, which releases <strong>only IP addresses and phone numbers</strong>, <strong>only</strong> for
        suspects named in a <strong>verified court order</strong>, and <strong>never message content</strong>.
        Every step is written to a tamper-evident log that anyone can check.
      </p>
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
