import { RequestStatus, type StatusCounts } from '@writ/contracts';
import Link from '@/components/link';
import { words } from './request-text';
import { groupDigits } from '@/lib/group-digits';

/**
 * One link per status with how many requests it holds under the other filters (the API counts them in one query,
 * ignoring the status filter), so a clerk sees where the work is before choosing. Links, not buttons: each is an
 * address, reached by Tab and followed by Enter, that works without JavaScript.
 */
export function StatusChips({
  counts,
  current,
  hrefFor,
}: {
  counts: StatusCounts;
  current: RequestStatus | '';
  hrefFor: (status: RequestStatus | '') => string;
}) {
  const total = RequestStatus.options.reduce((sum, status) => sum + counts[status], 0);
  return (
    <nav aria-label="Quick filters with counts" className="chips" data-testid="status-chips">
      <ul>
        <li>
          <Link href={hrefFor('')} aria-current={current === '' ? 'page' : undefined} data-testid="chip-any">
            Any status <span className="count">{groupDigits(total)}</span>
          </Link>
        </li>
        {RequestStatus.options.map((status) => (
          <li key={status}>
            <Link
              href={hrefFor(status)}
              aria-current={current === status ? 'page' : undefined}
              data-testid={`chip-${status}`}
              className={counts[status] === 0 ? 'empty' : undefined}
            >
              {words(status)} <span className="count">{groupDigits(counts[status])}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
