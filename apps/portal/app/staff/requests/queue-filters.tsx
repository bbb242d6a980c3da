import { LegalProcess, RequestSort, RequestStatus, RequestType } from '@writ/contracts';
import Link from '@/components/link';
import { words } from './request-text';

export interface QueueQuery {
  q: string;
  status: RequestStatus | '';
  type: RequestType | '';
  legalProcess: LegalProcess | '';
  country: string;
  overdue: boolean;
  sort: RequestSort;
  /** One authority's requests (from a request page's "other requests from this authority"). */
  authorityId: string;
  /** Received on or after this day, and on or before that one (YYYY-MM-DD, UTC days). */
  receivedFrom: string;
  receivedTo: string;
}

export const SORT_WORDS: Record<RequestSort, string> = {
  received: 'Newest first',
  deadline: 'Due soonest first (open requests before answered)',
};

/**
 * A plain GET form: it works without JavaScript, by keyboard (Enter submits), and every filtered view has its own
 * address that can be bookmarked or sent to a colleague.
 */
export function QueueFilters({
  query,
  authorityName,
  receivedToError,
}: {
  query: QueueQuery;
  authorityName?: string;
  /** The id of the message saying what is wrong with "Received until", when something is. */
  receivedToError?: string;
}) {
  return (
    <form method="get" action="/staff/requests" className="card filters" role="search" aria-label="Filter requests">
      {query.authorityId ? (
        <p className="wide" data-testid="authority-filter">
          <input type="hidden" name="authorityId" value={query.authorityId} />
          Only requests from {authorityName ?? 'one authority'}.{' '}
          <Link href={withoutAuthority(query)}>Show every authority</Link>
        </p>
      ) : null}
      <div className="wide">
        <label htmlFor="q">Search requests</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={100}
          placeholder="WR-2026-42, 2 BvR 1234/21, fraud"
          aria-describedby="q-hint"
        />
        <p id="q-hint" className="field-help">
          Reference, case number, or words of the legal basis, reasons or offence. Each word you type must begin a word
          of the request.
        </p>
      </div>
      <div>
        <label htmlFor="status">Status</label>
        <select id="status" name="status" defaultValue={query.status}>
          <option value="">Any status</option>
          {RequestStatus.options.map((status) => (
            <option key={status} value={status}>
              {words(status)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="type">Type</label>
        <select id="type" name="type" defaultValue={query.type}>
          <option value="">Any type</option>
          {RequestType.options.map((type) => (
            <option key={type} value={type}>
              {words(type)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="legalProcess">Legal process</label>
        <select id="legalProcess" name="legalProcess" defaultValue={query.legalProcess}>
          <option value="">Any legal process</option>
          {LegalProcess.options.map((process) => (
            <option key={process} value={process}>
              {words(process)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="country">Country (two letters)</label>
        <input id="country" name="country" type="text" defaultValue={query.country} maxLength={10} size={4} />
      </div>
      <div>
        <label htmlFor="sort">Order</label>
        <select id="sort" name="sort" defaultValue={query.sort}>
          {RequestSort.options.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_WORDS[sort]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="receivedFrom">Received from</label>
        <input id="receivedFrom" name="receivedFrom" type="date" defaultValue={query.receivedFrom} />
      </div>
      <div>
        <label htmlFor="receivedTo">Received until (that day included)</label>
        <input
          id="receivedTo"
          name="receivedTo"
          type="date"
          defaultValue={query.receivedTo}
          aria-invalid={receivedToError ? true : undefined}
          aria-describedby={receivedToError}
        />
      </div>
      <div>
        <label className="check-label">
          <input type="checkbox" name="overdue" value="true" defaultChecked={query.overdue} /> Overdue only
        </label>
      </div>
      <div className="actions wide">
        <button type="submit">Show requests</button>
        <Link href="/staff/requests">Clear filters</Link>
      </div>
    </form>
  );
}

/** The same filters without the authority: the form is a GET form, so its address is its fields. */
function withoutAuthority(query: QueueQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, authorityId: '' })) {
    if (value === '' || value === false || (key === 'sort' && value === 'received')) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `/staff/requests?${text}` : '/staff/requests';
}
