import { ListApiTokens } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { NewTokenForm } from './new-token-form';
import { TokenTable } from './token-table';

export const metadata = { title: 'Your API tokens' };
export const dynamic = 'force-dynamic';

const TITLE = 'Your API tokens';

/**
 * A person's own API tokens, for scripts that call the Writ API. Every staff member may have them: a token carries
 * some of its owner's roles, never more, so it widens no one's trust; it dies with the account, and only a logged-in
 * person (never a token) can make one.
 */
export default async function TokensPage() {
  const gate = await staffGate(TITLE, ListApiTokens.access.roles, '/staff/tokens');
  if (!gate.ok) return gate.page;
  const tokens = await getAsStaff(ListApiTokens, {});
  const csrfToken = gate.me.csrfToken ?? '';
  return (
    <>
      <p className="small">
        <Link href="/staff">← Your account</Link>
      </p>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        A script that calls the Writ API sends a token as <code>Authorization: Bearer writ_…</code> and acts as you,
        with the roles you give the token, until it expires or you revoke it. Everything it does is in the audit log
        under your name.
      </p>
      <section className="card" aria-labelledby="token-list">
        <h2 id="token-list">Tokens</h2>
        {!tokens.ok ? (
          <p role="alert" className="status-bad" data-testid="tokens-error">
            Your tokens could not be listed: {tokens.message}
          </p>
        ) : tokens.data.items.length === 0 ? (
          <p data-testid="no-tokens">You have no API tokens. Make one below when a script needs one.</p>
        ) : (
          <TokenTable tokens={tokens.data.items} now={new Date().toISOString()} csrfToken={csrfToken} />
        )}
      </section>
      <NewTokenForm roles={gate.me.staff.roles} csrfToken={csrfToken} />
    </>
  );
}
