import type { RequestSummary } from '@writ/contracts';
import Link from '@/components/link';
import { day, DueBadge, dueState, StatusBadge, words } from './request-text';

export function QueueTable({ items, now }: { items: readonly RequestSummary[]; now: Date }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results">
      <table className="queue stack" data-testid="queue">
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
            <th scope="col">Authority</th>
            <th scope="col">Case number</th>
            <th scope="col">Type</th>
            <th scope="col">Received</th>
            <th scope="col">Targets</th>
          </tr>
        </thead>
        <tbody>
          {items.map((request) => (
            <tr key={request.id} data-testid="queue-row" data-request-id={request.id}>
              <td data-label="Reference">
                <Link href={`/staff/requests/${request.id}`} className="mono">
                  {request.reference}
                </Link>
              </td>
              <td data-label="Status">
                <StatusBadge status={request.status} />
              </td>
              <td data-label="Due">
                {day(request.dueAt)} <DueBadge state={dueState(request, now)} />
              </td>
              <td data-label="Authority" className="wrap">
                {request.authorityName} ({request.country})
              </td>
              <td data-label="Case number" className="wrap">
                {request.caseNumber ?? '—'}
              </td>
              <td data-label="Type">{words(request.type)}</td>
              <td data-label="Received">{day(request.receivedAt)}</td>
              <td data-label="Targets">{request.targetCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
