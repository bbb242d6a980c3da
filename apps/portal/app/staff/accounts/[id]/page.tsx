import { GetStaff, ListStaffChanges } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { KIND_LABEL } from '../../changes/change-text';
import { accountState, formatTime } from '../../admin/words';
import { AccountActions } from './account-actions';

export const metadata = { title: 'Staff account' };
export const dynamic = 'force-dynamic';

const TITLE = 'Staff account';

export default async function StaffAccountPage({ params }: PageProps<'/staff/accounts/[id]'>) {
  const { id } = await params;
  const gate = await staffGate(TITLE, GetStaff.access.roles, `/staff/accounts/${encodeURIComponent(id)}`);
  if (!gate.ok) return gate.page;

  const [account, pending] = await Promise.all([
    getAsStaff(GetStaff, { params: { id } }),
    getAsStaff(ListStaffChanges, { query: { staffId: id, status: 'PENDING' } }),
  ]);
  if (!account.ok) {
    return (
      <>
        <h1>{TITLE}</h1>
        <div role="alert" className="card" data-testid="account-error">
          <p className="status-bad">
            {account.status === 404 || account.status === 400
              ? 'There is no staff account at this address.'
              : `The account could not be loaded: ${account.message}`}
          </p>
          <p>
            <Link href="/staff/accounts">Back to staff accounts</Link>
          </p>
        </div>
      </>
    );
  }
  const staff = account.data;
  const state = accountState(staff);
  const self = staff.id === gate.me.staff.id;
  return (
    <>
      <p>
        <Link href="/staff/accounts">← Staff accounts</Link>
      </p>
      <h1>
        {staff.displayName}
        {self ? ' (you)' : ''}
      </h1>
      <dl className="facts card" data-testid="account-facts">
        <dt>Email</dt>
        <dd>{staff.email}</dd>
        <dt>Roles</dt>
        <dd data-testid="account-roles">{staff.roles.join(', ')}</dd>
        <dt>State</dt>
        <dd className={`status-${state.tone}`} data-testid="account-state">
          {state.label}
        </dd>
        <dt>Authenticator</dt>
        <dd>
          {staff.secondFactorEnrolled
            ? `Set up; ${staff.recoveryCodesLeft} recovery code${staff.recoveryCodesLeft === 1 ? '' : 's'} left`
            : 'Not set up: enrolled at the next login'}
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(staff.createdAt)}</dd>
        <dt>Last changed</dt>
        <dd>{formatTime(staff.updatedAt)}</dd>
      </dl>
      <h2>Waiting for approval</h2>
      {pending.ok ? (
        pending.data.items.length === 0 ? (
          <p className="muted" data-testid="account-no-pending">
            No change to this account is waiting for a second admin.
          </p>
        ) : (
          <ul data-testid="account-pending">
            {pending.data.items.map((change) => (
              <li key={change.id}>
                {KIND_LABEL[change.kind]}, proposed {formatTime(change.proposedAt)}
                {change.proposedBy === gate.me.staff.id ? ' by you' : ''} —{' '}
                <Link href="/staff/changes">decide on Account changes</Link>
              </li>
            ))}
          </ul>
        )
      ) : (
        <p className="status-bad">The pending changes could not be loaded: {pending.message}</p>
      )}
      <h2>Change this account</h2>
      <AccountActions account={staff} self={self} csrfToken={gate.me.csrfToken ?? ''} />
    </>
  );
}
