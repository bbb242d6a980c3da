import { CreateRequestRoute, ListAuthorities } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { NewRequestForm } from './new-request-form';

export const metadata = { title: 'Log a request' };
export const dynamic = 'force-dynamic';

const TITLE = 'Log a request';

export default async function NewRequestPage() {
  const gate = await staffGate(TITLE, CreateRequestRoute.access.roles, '/staff/requests/new');
  if (!gate.ok) return gate.page;
  // Requests come only from authorities in the registry; a suspended one cannot send new ones. Whether any is
  // suspended is asked too, so the form can say why one the clerk expects is missing from the list.
  const [authorities, suspended] = await Promise.all([
    getAsStaff(ListAuthorities, { query: { status: 'ACTIVE', limit: 200 } }),
    getAsStaff(ListAuthorities, { query: { status: 'SUSPENDED', limit: 1 } }),
  ]);
  return (
    <>
      <p className="small">
        <Link href="/staff/requests">← All requests</Link>
      </p>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        Write down the demand exactly as it arrived. Attach the order itself on the next step, once the request has its
        reference.
      </p>
      {!authorities.ok ? (
        <p role="alert" className="status-bad" data-testid="authorities-error">
          The list of authorities could not be loaded: {authorities.message} Reload the page to try again.
        </p>
      ) : authorities.data.items.length === 0 ? (
        <p className="card" data-testid="no-authorities">
          {suspended.ok && suspended.data.items.length > 0
            ? 'No authority in the registry is active: suspended ones cannot send new requests. An admin must re-activate the authority (another admin approves) before its requests can be logged.'
            : 'No active authority is in the registry yet. An admin must add the authority before its requests can be logged.'}
        </p>
      ) : (
        <NewRequestForm
          authorities={authorities.data.items}
          someSuspended={suspended.ok && suspended.data.items.length > 0}
          csrfToken={gate.me.csrfToken ?? ''}
        />
      )}
    </>
  );
}
