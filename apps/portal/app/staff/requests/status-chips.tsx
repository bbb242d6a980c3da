import { RequestStatus, type StatusCounts } from '@writ/contracts';
import Link from '@/components/link';
import { words } from './request-text';
import { groupDigits } from '@/lib/group-digits';

/**
 * One link per status with how many requests it holds under the other filters (the API counts them in one query,
 * ignoring the status filter), so a clerk sees where the work is before choosing. Links, not buttons: each is an
 * address, reached by Tab and followed by Enter, that works without JavaScript. A search with more matches than the
 * API counts (`tooManyToCount`) keeps the links, without numbers, and says how to get them.
 */
export function StatusChips({
  counts,
  tooManyToCount,
  current,
  hrefFor,
}: {
  counts: StatusCounts | undefined;
  tooManyToCount?: number | undefined;
  current: RequestStatus | '';
  hrefFor: (status: RequestStatus | '') => string;
}) {
  const total = counts ? RequestStatus.options.reduce((sum, status) => sum + counts[status], 0) : undefined;
  const count = (n: number | undefined) => (n === undefined ? null : <span className="count">{groupDigits(n)}</span>);
  return (
    <nav aria-label="Quick filters with counts" className="chips" data-testid="status-chips">
      {counts ? null : (
        <p className="field-help" data-testid="too-many-to-count">
          More than {groupDigits(tooManyToCount ?? 0)} requests match this search, too many to count by status. Add a
          word or a filter to see the counts.
        </p>
      )}
      <ul>
        <li>
          <Link href={hrefFor('')} aria-current={current === '' ? 'page' : undefined} data-testid="chip-any">
            Any status {count(total)}
          </Link>
        </li>
        {RequestStatus.options.map((status) => (
          <li key={status}>
            <Link
              href={hrefFor(status)}
              aria-current={current === status ? 'page' : undefined}
              data-testid={`chip-${status}`}
              className={counts?.[status] === 0 ? 'empty' : undefined}
            >
              {words(status)} {count(counts?.[status])}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
