import { GetCanary } from '@writ/contracts';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { getJson } from '@/lib/api';
import '../reports/reports.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Warrant canary',
  description:
    'The platform’s signed warrant canary: no message content disclosed, no backdoor, no bulk access; its date, expiry and signature, and what it means when it is missing or expired.',
};

const day = (iso: string) => iso.slice(0, 10);

export default async function CanaryPage() {
  const canary = await getJson(GetCanary, {});
  return (
    <>
      <h1>Warrant canary</h1>
      <p className="lead">
        Once per report period the platform states, signed with the key of its transparency log, that it has disclosed
        no message content and granted no backdoor or bulk access, with the number of demands and what became of them.
        Two administrators must agree before it is published.
      </p>
      {canary.ok ? (
        <section aria-labelledby="current" data-testid="canary">
          <h2 id="current">Statement for {canary.data.period}</h2>
          {canary.data.expired ? (
            <p className="status-bad" data-testid="canary-expired">
              <strong>Expired</strong> on {day(canary.data.expiresAt)}: the next statement is overdue. Do not rely on
              this one; read below what a missing statement means.
            </p>
          ) : (
            <p className="status-ok" data-testid="canary-current">
              Current: published {canary.data.publishedAt ? day(canary.data.publishedAt) : '—'}, valid until{' '}
              {day(canary.data.expiresAt)}.
            </p>
          )}
          <h3>Signed statement</h3>
          <pre className="canary-statement" data-testid="canary-note" tabIndex={0}>
            {canary.data.signedNote ?? canary.data.statement}
          </pre>
          <p className="small">
            This is a signed note in the C2SP format. Check the signature with the log key you pinned on the{' '}
            <Link href="/audit">audit page</Link>, or offline with <code>writ-verify</code>: a statement that does not
            verify against that key was not issued by this platform.
          </p>
        </section>
      ) : (
        <p className="status-bad" data-testid="canary-missing">
          No warrant canary is published right now. Read below what that means.
        </p>
      )}
      <section aria-labelledby="meaning">
        <h2 id="meaning">What its absence means</h2>
        <p>
          A gag order can forbid the platform to say that it received a demand, but no law can make it sign a statement
          it knows to be false. So if a statement is <strong>missing</strong> when it is due, <strong>expired</strong>{' '}
          without a successor, or <strong>changed</strong> (a line left out, a count that does not match the{' '}
          <Link href="/">transparency report</Link> for the same period), assume that the platform may no longer be able
          to say what it said before, and ask why.
        </p>
      </section>
    </>
  );
}
