import {
  LegalProcess,
  ListRequestsRoute,
  RequestSort,
  RequestStatus,
  RequestType,
  type RouteInput,
  Uuid,
} from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { QueueFilters, type QueueQuery, SORT_WORDS } from './queue-filters';
import { QueueTable } from './queue-table';
import { StatusChips } from './status-chips';

export const metadata = { title: 'Requests' };
export const dynamic = 'force-dynamic';

const TITLE = 'Requests';
const PAGE_SIZE = 50;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** Only what the API understands goes on; anything else in the address is dropped, not sent to be refused. */
function readQuery(params: Record<string, string | string[] | undefined>): QueueQuery {
  const status = RequestStatus.safeParse(single(params.status));
  const type = RequestType.safeParse(single(params.type));
  const legalProcess = LegalProcess.safeParse(single(params.legalProcess));
  const sort = RequestSort.safeParse(single(params.sort));
  return {
    q: single(params.q).slice(0, 100),
    status: status.success ? status.data : '',
    type: type.success ? type.data : '',
    legalProcess: legalProcess.success ? legalProcess.data : '',
    country: single(params.country).toUpperCase().slice(0, 10),
    overdue: single(params.overdue) === 'true',
    sort: sort.success ? sort.data : 'received',
    authorityId: Uuid.safeParse(single(params.authorityId)).success ? single(params.authorityId).toLowerCase() : '',
    receivedFrom: day(single(params.receivedFrom)),
    receivedTo: day(single(params.receivedTo)),
  };
}

/** A day as the date field writes it (YYYY-MM-DD), or nothing: the API takes it as that whole UTC day. */
function day(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : '';
}

/**
 * The API refuses a range that ends before it starts (in its own terms, receivedTo and receivedFrom); the page
 * says so in the form's words without asking it. Both are whole days (YYYY-MM-DD), so they compare as text.
 */
function rangeError(query: QueueQuery): string | null {
  return query.receivedFrom && query.receivedTo && query.receivedTo < query.receivedFrom
    ? '“Received until” must not be before “Received from”.'
    : null;
}

function apiQuery(query: QueueQuery, cursor: string): URLSearchParams {
  const search = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (query.q) search.set('q', query.q);
  if (query.status) search.set('status', query.status);
  if (query.type) search.set('type', query.type);
  if (query.legalProcess) search.set('legalProcess', query.legalProcess);
  if (query.country) search.set('country', query.country);
  if (query.overdue) search.set('overdue', 'true');
  if (query.authorityId) search.set('authorityId', query.authorityId);
  if (query.receivedFrom) search.set('receivedFrom', query.receivedFrom);
  if (query.receivedTo) search.set('receivedTo', query.receivedTo);
  // The default order stays out of the address, so the plain queue keeps its plain address.
  if (query.sort !== 'received') search.set('sort', query.sort);
  if (cursor) search.set('cursor', cursor);
  return search;
}

function pageHref(query: QueueQuery, cursor?: string): string {
  const search = apiQuery(query, cursor ?? '');
  search.delete('limit');
  const text = search.toString();
  return text ? `/staff/requests?${text}` : '/staff/requests';
}

export default async function RequestsPage({ searchParams }: PageProps<'/staff/requests'>) {
  const params = await searchParams;
  const query = readQuery(params);
  const cursor = single(params.cursor);
  // Counts only for the first page: they describe the filters, not the page, and deeper pages need not pay for them.
  const search = apiQuery(query, cursor);
  if (!cursor) search.set('counts', 'true');
  // Asked for alongside the gate's "who is here", not after it: one round trip to the API instead of two in a row.
  // The API decides access for the list itself; if the gate turns the person away, the answer is simply unused.
  // The values in `search` were read through the contract's own enums (readQuery), so they are the query it takes.
  const badRange = rangeError(query);
  const listing = badRange
    ? null
    : getAsStaff(ListRequestsRoute, {
        query: Object.fromEntries(search) as RouteInput<typeof ListRequestsRoute>['query'],
      });
  const gate = await staffGate(TITLE, ListRequestsRoute.access.roles, pageHref(query, cursor || undefined));
  if (!gate.ok) return gate.page;
  const list = listing ? await listing : ({ ok: false, status: 400, message: badRange ?? '' } as const);
  const filtered = Boolean(
    query.q ||
    query.status ||
    query.type ||
    query.legalProcess ||
    query.country ||
    query.overdue ||
    query.authorityId ||
    query.receivedFrom ||
    query.receivedTo,
  );
  const canLog = gate.me.staff.roles.includes('INTAKE');
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted">
        Every demand for data as it was received. Open one to see its targets, documents and history.
        {canLog ? (
          <>
            {' '}
            <Link href="/staff/requests/new">Log a new request</Link>
          </>
        ) : null}
      </p>
      {/* Keyed by the filters: a chip or link navigates without a reload, and an uncontrolled form would otherwise
          keep showing (and submit) the filters of the page before. */}
      <QueueFilters
        key={JSON.stringify(query)}
        query={query}
        authorityName={list.ok ? list.data.items[0]?.authorityName : undefined}
        receivedToError={badRange ? 'queue-error-text' : undefined}
      />
      {list.ok ? (
        <>
          {list.data.counts || list.data.tooManyToCount ? (
            <StatusChips
              counts={list.data.counts}
              tooManyToCount={list.data.tooManyToCount}
              current={query.status}
              hrefFor={(status) => pageHref({ ...query, status })}
            />
          ) : null}
          <h2 id="results" aria-live="polite">
            {list.data.items.length === 0
              ? 'No requests'
              : `${list.data.items.length}${list.data.nextCursor ? '+' : ''} request${list.data.items.length === 1 ? '' : 's'}, ${SORT_WORDS[query.sort].toLowerCase()}${cursor ? ' (next page)' : ''}`}
          </h2>
          {list.data.items.length === 0 ? (
            <p className="card" data-testid="queue-empty">
              {cursor
                ? 'No more requests.'
                : filtered
                  ? 'No request matches these filters. Loosen a filter or clear them all.'
                  : 'No requests have been logged yet.'}{' '}
              {filtered || cursor ? <Link href="/staff/requests">Show all requests</Link> : null}
            </p>
          ) : (
            <QueueTable items={list.data.items} now={new Date()} />
          )}
          <p className="actions">
            {cursor ? <Link href={pageHref(query)}>First page</Link> : null}
            {list.data.nextCursor ? (
              <Link href={pageHref(query, list.data.nextCursor)} rel="next" data-testid="older-page">
                Next page
              </Link>
            ) : null}
          </p>
        </>
      ) : (
        <div role="alert" className="card" data-testid="queue-error">
          <p className="status-bad" id="queue-error-text">
            {badRange ?? `The list could not be loaded: ${list.message}`}
          </p>
          <p>
            {badRange
              ? 'Correct the dates above, or '
              : list.status === 400
                ? 'Correct the filter named above, or '
                : 'Try again in a minute, or '}
            <Link href="/staff/requests">show all requests</Link>.
          </p>
        </div>
      )}
    </>
  );
}
