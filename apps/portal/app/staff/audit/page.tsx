import { ListAuditEvents } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { EventFilters } from './event-filters';
import { apiSearch, explorerHref, isFiltered, readEventQuery } from './event-query';
import { EventTable } from './event-table';

export const metadata = { title: 'Audit explorer' };
export const dynamic = 'force-dynamic';

// The auditor's view of every event in full (personal identifiers opened, as the API gives them to AUDITOR), as
// distinct from the public /audit page, which checks the log itself and shows no event.

const TITLE = 'Audit explorer';
const PAGE_SIZE = 50;

export default async function AuditExplorerPage({ searchParams }: PageProps<'/staff/audit'>) {
  const params = await searchParams;
  const { query, dropped } = readEventQuery(params);
  const cursor = typeof params.cursor === 'string' ? params.cursor.slice(0, 200) : '';
  const gate = await staffGate(TITLE, ListAuditEvents.access.roles, explorerHref(query, cursor || undefined));
  if (!gate.ok) return gate.page;

  const list = await getAsStaff(ListAuditEvents, { query: apiSearch(query, { cursor, limit: PAGE_SIZE }) });
  const filtered = isFiltered(query);
  // An email no account has: said at the field and in place of the results, not shown as "No events" (which would
  // read as "this person did nothing").
  const unknownActor = !list.ok && list.code === 'UNKNOWN_ACTOR';
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted">
        Every event in the audit log, newest first, in full: the public log shows each only as its leaf. Reading here is
        itself recorded as an event. <Link href="/staff/audit/checkpoints">Checkpoint history</Link>
      </p>
      {dropped.length > 0 ? (
        <p role="alert" className="status-bad" data-testid="dropped-filters">
          Ignored {dropped.join(', ')}: {dropped.length === 1 ? 'it is' : 'they are'} not in a form the log can search
          (an actor is a colleague&apos;s email, <span className="mono">system</span> or{' '}
          <span className="mono">public</span>; times are a date and a time).
        </p>
      ) : null}
      {/* Keyed by the filters: the actor and subject links navigate without a reload, and an uncontrolled form
          would otherwise keep showing (and submit) the filters of the page before. */}
      <EventFilters key={JSON.stringify(query)} query={query} actorError={unknownActor ? list.message : undefined} />
      {list.ok ? (
        <>
          <h2 id="results" aria-live="polite">
            {list.data.items.length === 0
              ? 'No events'
              : `${list.data.items.length}${list.data.nextCursor ? '+' : ''} event${list.data.items.length === 1 ? '' : 's'}${cursor ? ' (older page)' : ''}`}
          </h2>
          {list.data.items.length === 0 ? (
            <p className="card" data-testid="events-empty">
              {cursor
                ? 'No older events.'
                : filtered
                  ? 'No event matches these filters. Widen the time range or clear a filter.'
                  : 'The log holds no events yet.'}{' '}
              {filtered || cursor ? <Link href="/staff/audit">Show all events</Link> : null}
            </p>
          ) : (
            <>
              <p>
                <a href={explorerHref(query, undefined, '/staff/audit/export')} download data-testid="export-csv">
                  Download these events as CSV
                </a>{' '}
                <span className="muted">(every page of this search, not only this one)</span>
              </p>
              <EventTable items={list.data.items} query={query} />
            </>
          )}
          <p className="actions">
            {cursor ? <Link href={explorerHref(query)}>Newest events</Link> : null}
            {list.data.nextCursor ? (
              <Link href={explorerHref(query, list.data.nextCursor)} rel="next" data-testid="older-events">
                Older events
              </Link>
            ) : null}
          </p>
        </>
      ) : (
        <div role="alert" className="card" data-testid="events-error">
          {unknownActor ? (
            <>
              <p className="status-bad">No events are shown: no staff account has the email in the Actor field.</p>
              <p>
                Correct it above, or <Link href={explorerHref({ ...query, actor: '' })}>search without the actor</Link>{' '}
                and choose their name in the results.
              </p>
            </>
          ) : (
            <>
              <p className="status-bad">The events could not be loaded: {list.message}</p>
              <p>
                {list.status === 400 ? 'Correct the filter named above, or ' : 'Try again in a minute, or '}
                <Link href="/staff/audit">show all events</Link>.
              </p>
            </>
          )}
        </div>
      )}
    </>
  );
}
