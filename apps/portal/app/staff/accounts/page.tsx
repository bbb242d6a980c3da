import { ListStaff } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { accountState, single } from '../admin/words';

export const metadata = { title: 'Staff accounts' };
export const dynamic = 'force-dynamic';

const TITLE = 'Staff accounts';
const PAGE_SIZE = 50;

function href(q: string, cursor?: string): string {
  const search = new URLSearchParams();
  if (q) search.set('q', q);
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();
  return text ? `/staff/accounts?${text}` : '/staff/accounts';
}

export default async function StaffAccountsPage({ searchParams }: PageProps<'/staff/accounts'>) {
  const params = await searchParams;
  const q = single(params.q).slice(0, 200);
  const cursor = single(params.cursor);
  const gate = await staffGate(TITLE, ListStaff.access.roles, href(q, cursor));
  if (!gate.ok) return gate.page;

  const list = await getAsStaff(ListStaff, {
    query: { limit: PAGE_SIZE, q: q || undefined, cursor: cursor || undefined },
  });
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        Everyone who can log in to Writ, by email. A new account, more roles, enabling an account and the resets take
        effect only when a second admin approves them on <Link href="/staff/changes">Account changes</Link>.
      </p>
      <p>
        <Link href="/staff/accounts/new" className="button-link" data-testid="propose-account">
          Propose a new account
        </Link>
      </p>
      <form method="get" action="/staff/accounts" role="search" className="search-row">
        <label htmlFor="q">Search by name or email</label>
        <div className="inline-field">
          <input id="q" name="q" type="search" defaultValue={q} maxLength={200} />
          <button type="submit">Search</button>
        </div>
      </form>
      {list.ok ? (
        list.data.items.length === 0 ? (
          <p className="card" data-testid="accounts-empty">
            {cursor ? 'No more accounts.' : q ? `No account matches “${q}”.` : 'There are no staff accounts yet.'}{' '}
            {q || cursor ? <Link href="/staff/accounts">Show all accounts</Link> : null}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="queue stack" data-testid="accounts-table">
              <caption className="visually-hidden">Staff accounts{q ? ` matching “${q}”` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((account) => {
                  const state = accountState(account);
                  return (
                    <tr key={account.id}>
                      <td className="wrap" data-label="Name">
                        <Link href={`/staff/accounts/${account.id}`}>{account.displayName}</Link>
                      </td>
                      <td data-label="Email">{account.email}</td>
                      <td data-label="Roles">{account.roles.join(', ')}</td>
                      <td className={`wrap status-${state.tone}`} data-label="State">
                        {state.label}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <div role="alert" className="card" data-testid="accounts-error">
          <p className="status-bad">The accounts could not be loaded: {list.message}</p>
          <p>
            Try again in a minute, or <Link href="/staff/accounts">show all accounts</Link>.
          </p>
        </div>
      )}
      {list.ok ? (
        <p className="actions">
          {cursor ? <Link href={href(q)}>First page</Link> : null}
          {list.data.nextCursor ? (
            <Link href={href(q, list.data.nextCursor)} rel="next" data-testid="next-accounts">
              Next accounts
            </Link>
          ) : null}
        </p>
      ) : null}
    </>
  );
}
