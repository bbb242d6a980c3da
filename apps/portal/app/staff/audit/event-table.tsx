import type { AuditEvent } from '@writ/contracts';
import Link from '@/components/link';
import { explorerHref, type EventQuery } from './event-query';

/** The instant as the log stores it, to the second, in UTC. */
export function instant(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 19)} UTC`;
}

/**
 * One row per event. The actor and subject are links that narrow the search to them, keeping the other filters:
 * "everything this person did", "everything that happened to this request" are one click (or Enter) away.
 */
export function EventTable({ items, query }: { items: readonly AuditEvent[]; query: EventQuery }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="results">
      <table className="queue stack" data-testid="events">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Subject</th>
            <th scope="col">Log index</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id} data-testid="event-row" data-event-id={event.id} data-action={event.action}>
              <td data-label="Event">
                <Link href={`/staff/audit/events/${event.id}`} className="mono" aria-label={`Event ${event.id}`}>
                  #{event.id}
                </Link>
              </td>
              <td data-label="When">{instant(event.at)}</td>
              <td data-label="Action" className="wrap">
                <span className="mono">{event.action}</span>
              </td>
              <td data-label="Actor" className="wrap">
                {event.actorId ? (
                  <Link href={explorerHref({ ...query, actorId: event.actorId })} title="Only this actor's events">
                    {event.actorLabel}
                  </Link>
                ) : (
                  event.actorLabel
                )}
              </td>
              <td data-label="Subject" className="wrap">
                {event.subjectId ? (
                  <Link
                    href={explorerHref({ ...query, subjectType: event.subjectType, subjectId: event.subjectId })}
                    title="Only this subject's events"
                    className="mono"
                  >
                    {event.subjectType} {event.subjectId.slice(0, 8)}
                  </Link>
                ) : (
                  event.subjectType
                )}
              </td>
              <td data-label="Log index">{event.logIndex ?? 'not yet sequenced'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
