import { GetAuthority, ListRegistryChanges } from '@writ/contracts';
import Link from '@/components/link';
import { countryName } from '@/lib/countries';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { AUTHORITY_KIND_LABEL, formatTime, single } from '../../admin/words';
import { CHANGE_KIND_LABEL } from '../changes/registry-change-text';
import { AddChannelForm } from './add-channel-form';
import { AddKeyForm } from './add-key-form';
import { AuthorityStatusActions } from './authority-status-actions';
import { ChannelList } from './channel-list';
import { DeleteAuthorityAction } from './delete-authority';
import { EditAuthorityForm } from './edit-authority-form';
import { KeyTable } from './key-table';

export const metadata = { title: 'Authority' };
export const dynamic = 'force-dynamic';

const TITLE = 'Authority';

export default async function AuthorityPage({ params, searchParams }: PageProps<'/staff/registry/[id]'>) {
  const { id } = await params;
  const created = single((await searchParams).created) === '1';
  const gate = await staffGate(TITLE, GetAuthority.access.roles, `/staff/registry/${encodeURIComponent(id)}`);
  if (!gate.ok) return gate.page;
  const admin = gate.me.staff.roles.includes('ADMIN');
  const csrfToken = gate.me.csrfToken ?? '';

  const [found, pending] = await Promise.all([
    getAsStaff(GetAuthority, { params: { id } }),
    admin ? getAsStaff(ListRegistryChanges, { query: { authorityId: id, status: 'PENDING' } }) : null,
  ]);
  if (!found.ok) {
    return (
      <>
        <h1>{TITLE}</h1>
        <div role="alert" className="card" data-testid="authority-error">
          <p className="status-bad">
            {found.status === 404 || found.status === 400
              ? 'There is no authority at this address.'
              : `The authority could not be loaded: ${found.message}`}
          </p>
          <p>
            <Link href="/staff/registry">Back to the registry</Link>
          </p>
        </div>
      </>
    );
  }
  const authority = found.data;
  return (
    <>
      <p>
        <Link href="/staff/registry">← Authority registry</Link>
      </p>
      <h1>{authority.name}</h1>
      {created ? (
        <p role="status" className="status-ok" data-testid="authority-created">
          Registered, suspended. Its activation waits for a second admin on Registry changes; add its keys and channels
          meanwhile.
        </p>
      ) : null}
      <dl className="facts card" data-testid="authority-facts">
        <dt>Status</dt>
        <dd className={authority.status === 'ACTIVE' ? 'status-ok' : 'status-warn'} data-testid="authority-status">
          {authority.status === 'ACTIVE'
            ? 'Active: its orders can be verified'
            : 'Suspended: intake and verification do not rely on it'}
        </dd>
        <dt>Kind</dt>
        <dd>{AUTHORITY_KIND_LABEL[authority.kind]}</dd>
        <dt>Country</dt>
        <dd>
          {countryName(authority.country)} ({authority.country})
        </dd>
        <dt>Jurisdiction</dt>
        <dd>{authority.jurisdiction}</dd>
        <dt>Registered</dt>
        <dd>{formatTime(authority.createdAt)}</dd>
      </dl>
      {pending ? (
        <>
          <h2>Waiting for a second admin</h2>
          {pending.ok ? (
            pending.data.items.length === 0 ? (
              <p className="muted" data-testid="authority-no-pending">
                No change to this authority is waiting for approval.
              </p>
            ) : (
              <ul data-testid="authority-pending">
                {pending.data.items.map((change) => (
                  <li key={change.id}>
                    {CHANGE_KIND_LABEL[change.kind]}
                    {change.proposed.key
                      ? ` (${change.proposed.key.kind}, ${change.proposed.key.fingerprint.slice(0, 16)}…)`
                      : ''}
                    {change.proposed.channel
                      ? ` (${change.proposed.channel.kind} ${change.proposed.channel.value})`
                      : ''}
                    , proposed {formatTime(change.proposedAt)}
                    {change.proposedBy === gate.me.staff.id ? ' by you' : ''} —{' '}
                    <Link href={`/staff/registry/changes#change-${change.id}`}>see Registry changes</Link>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <p className="status-bad">The pending changes could not be loaded: {pending.message}</p>
          )}
        </>
      ) : null}
      <h2 id="keys-heading">Keys and certificates</h2>
      <KeyTable authority={authority} admin={admin} csrfToken={csrfToken} />
      <h2 id="channels-heading">Contact channels</h2>
      <ChannelList authority={authority} admin={admin} csrfToken={csrfToken} />
      {admin ? (
        <>
          <h2>Change this authority</h2>
          <div className="admin-sections">
            <AddKeyForm authorityId={authority.id} csrfToken={csrfToken} />
            <AddChannelForm authorityId={authority.id} csrfToken={csrfToken} />
          </div>
          <EditAuthorityForm key={authority.version} authority={authority} csrfToken={csrfToken} />
          <AuthorityStatusActions authority={authority} csrfToken={csrfToken} />
          <DeleteAuthorityAction id={authority.id} name={authority.name} csrfToken={csrfToken} />
        </>
      ) : null}
    </>
  );
}
