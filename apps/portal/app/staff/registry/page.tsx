import { AuthorityStatus, ListAuthorities } from '@writ/contracts';
import Link from '@/components/link';
import { countryName } from '@/lib/countries';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { AUTHORITY_KIND_LABEL, single } from '../admin/words';
import { NewAuthorityForm } from './new-authority-form';

export const metadata = { title: 'Authority registry' };
export const dynamic = 'force-dynamic';

const TITLE = 'Authority registry';
const PAGE_SIZE = 50;

function href(q: string, status: string, cursor?: string): string {
  const search = new URLSearchParams();
  if (q) search.set('q', q);
  if (status) search.set('status', status);
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();
  return text ? `/staff/registry?${text}` : '/staff/registry';
}

export default async function RegistryPage({ searchParams }: PageProps<'/staff/registry'>) {
  const params = await searchParams;
  const q = single(params.q).slice(0, 100);
  const parsedStatus = AuthorityStatus.safeParse(single(params.status));
  const status = parsedStatus.success ? parsedStatus.data : '';
  const cursor = single(params.cursor);
  // Set by the authority page after a delete, so the person sees it is gone (a name only; nothing is looked up).
  const deleted = single(params.deleted).slice(0, 200);
  const gate = await staffGate(TITLE, ListAuthorities.access.roles, href(q, status, cursor));
  if (!gate.ok) return gate.page;
  const admin = gate.me.staff.roles.includes('ADMIN');

  const list = await getAsStaff(ListAuthorities, {
    query: { limit: PAGE_SIZE, q: q || undefined, status: status || undefined, cursor: cursor || undefined },
  });
  return (
    <>
      <h1>{TITLE}</h1>
      {deleted ? (
        <p role="status" className="status-ok" data-testid="authority-deleted">
          Deleted {deleted}.
        </p>
      ) : null}
      <p className="muted prose">
        The courts and other authorities that may send requests, with the keys and certificates their orders are checked
        against and the channels used to call them back. Whatever adds trust (a key, a channel, an activation) takes
        effect only when a second admin approves it
        {admin ? (
          <>
            {' '}
            on <Link href="/staff/registry/changes">Registry changes</Link>
          </>
        ) : null}
        .
      </p>
      {admin ? (
        <p>
          <a href="#new-authority">Register an authority</a> (the form is below the list)
        </p>
      ) : null}
      <form method="get" action="/staff/registry" role="search" className="filters">
        <div className="wide">
          <label htmlFor="q">Search by name</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <div>
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={status}>
            <option value="">Any</option>
            <option value="ACTIVE">Active</option>
            <option value="SUSPENDED">Suspended</option>
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      {list.ok ? (
        list.data.items.length === 0 ? (
          <p className="card" data-testid="authorities-empty">
            {cursor
              ? 'No more authorities.'
              : q || status
                ? 'No authority matches this search.'
                : 'No authority is registered yet.'}{' '}
            {q || status || cursor ? <Link href="/staff/registry">Show all authorities</Link> : null}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="queue stack" data-testid="authorities-table">
              <caption className="visually-hidden">Authorities</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Country</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((authority) => (
                  <tr key={authority.id}>
                    <td className="wrap" data-label="Name">
                      <Link href={`/staff/registry/${authority.id}`}>{authority.name}</Link>
                    </td>
                    <td data-label="Kind">{AUTHORITY_KIND_LABEL[authority.kind]}</td>
                    <td data-label="Country">{countryName(authority.country)}</td>
                    <td data-label="Status" className={authority.status === 'ACTIVE' ? 'status-ok' : 'status-warn'}>
                      {authority.status === 'ACTIVE' ? 'Active' : 'Suspended'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <div role="alert" className="card" data-testid="authorities-error">
          <p className="status-bad">The registry could not be loaded: {list.message}</p>
          <p>
            Try again in a minute, or <Link href="/staff/registry">show all authorities</Link>.
          </p>
        </div>
      )}
      {list.ok ? (
        <p className="actions">
          {cursor ? <Link href={href(q, status)}>First page</Link> : null}
          {list.data.nextCursor ? (
            <Link href={href(q, status, list.data.nextCursor)} rel="next">
              Next authorities
            </Link>
          ) : null}
        </p>
      ) : null}
      {admin ? (
        <>
          <h2 id="new-authority">Register an authority</h2>
          <NewAuthorityForm csrfToken={gate.me.csrfToken ?? ''} />
        </>
      ) : null}
    </>
  );
}
