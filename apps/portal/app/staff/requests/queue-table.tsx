import type { RequestSummary } from '@writ/contracts';
import Link from 'next/link';
import { day, DueBadge, dueState, StatusBadge, words } from './request-text';

export function QueueTable({ items, now }: { items: readonly RequestSummary[]; now: Date }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results">
      <table className="queue" data-testid="queue">
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
              <td>
                <Link href={`/staff/requests/${request.id}`} className="mono">
                  {request.reference}
                </Link>
              </td>
              <td>
                <StatusBadge status={request.status} />
              </td>
              <td>
                {day(request.dueAt)} <DueBadge state={dueState(request, now)} />
              </td>
              <td className="wrap">
                {request.authorityName} ({request.country})
              </td>
              <td className="wrap">{request.caseNumber ?? '—'}</td>
              <td>{words(request.type)}</td>
              <td>{day(request.receivedAt)}</td>
              <td>{request.targetCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
