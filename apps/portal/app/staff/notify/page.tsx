import { NotificationQueueRoute, RecordUserNotifiedRoute } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { StatusBadge, day, when } from '../requests/request-text';
import { MarkNotified } from './mark-notified';
import { ToldNotice } from './told-notice';

export const metadata = { title: 'Users to notify' };
export const dynamic = 'force-dynamic';

const TITLE = 'Users to notify';
const PAGE_SIZE = 20;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function pageHref(cursor?: string): string {
  return cursor ? `/staff/notify?${new URLSearchParams({ cursor })}` : '/staff/notify';
}

export default async function NotifyPage({ searchParams }: PageProps<'/staff/notify'>) {
  const cursor = single((await searchParams).cursor);
  const gate = await staffGate(TITLE, NotificationQueueRoute.access.roles, pageHref(cursor || undefined));
  if (!gate.ok) return gate.page;

  const list = await getAsStaff(NotificationQueueRoute, { query: { limit: PAGE_SIZE, cursor: cursor || undefined } });
  // Auditors read the queue; only those the API lets record the step are offered it.
  const canRecord = RecordUserNotifiedRoute.access.roles.some((role) => gate.me.staff.roles.includes(role));
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted">
        Answered requests whose gag order has ended (or that never had one) and whose user has not been told yet. Tell
        the user through the usual channel, then record it here; the request then leaves this list.
      </p>
      {list.ok ? (
        <ToldNotice key={cursor}>
          <h2 id="results" aria-live="polite">
            {list.data.items.length === 0
              ? 'Nobody to notify'
              : `${list.data.items.length}${list.data.nextCursor ? '+' : ''} request${list.data.items.length === 1 ? '' : 's'} to tell the user about${cursor ? ' (next page)' : ''}`}
          </h2>
          {list.data.items.length === 0 ? (
            <p className="card" data-testid="notify-empty">
              {cursor
                ? 'No more requests on this list.'
                : 'Every user who may be told has been told. Requests appear here once they are answered and no gag order is in force.'}{' '}
              {cursor ? <Link href="/staff/notify">First page</Link> : null}
            </p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results">
              <table className="queue stack" data-testid="notify-queue">
                <thead>
                  <tr>
                    <th scope="col">Reference</th>
                    <th scope="col">Status</th>
                    <th scope="col">Authority</th>
                    <th scope="col">Gag order</th>
                    <th scope="col">Received</th>
                    {canRecord ? <th scope="col">Step</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((request) => (
                    <tr key={request.id} data-testid="notify-row" data-request-id={request.id}>
                      <td data-label="Reference">
                        <Link href={`/staff/requests/${request.id}`} className="mono">
                          {request.reference}
                        </Link>
                      </td>
                      <td data-label="Status">
                        <StatusBadge status={request.status} />
                      </td>
                      <td data-label="Authority" className="wrap">
                        {request.authorityName} ({request.country})
                      </td>
                      <td data-label="Gag order" className="wrap">
                        {request.hasNdo ? `Ended ${when(request.ndoEndsAt)}` : 'None'}
                      </td>
                      <td data-label="Received">{day(request.receivedAt)}</td>
                      {canRecord ? (
                        <td data-label="Step" className="wrap">
                          <MarkNotified
                            requestId={request.id}
                            reference={request.reference}
                            csrfToken={gate.me.csrfToken ?? ''}
                          />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="actions">
            {cursor ? <Link href={pageHref()}>First page</Link> : null}
            {list.data.nextCursor ? (
              <Link href={pageHref(list.data.nextCursor)} rel="next" data-testid="notify-next-page">
                Next page
              </Link>
            ) : null}
          </p>
        </ToldNotice>
      ) : (
        <div role="alert" className="card" data-testid="notify-error">
          <p className="status-bad">The list could not be loaded: {list.message}</p>
          <p>
            Try again in a minute, or <Link href="/staff/notify">reload the first page</Link>.
          </p>
        </div>
      )}
    </>
  );
}
