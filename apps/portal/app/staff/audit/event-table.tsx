import type { AuditEvent } from '@writ/contracts';
import Link from '@/components/link';
import { actorHref, explorerHref, type EventQuery } from './event-query';

/** The instant as the log stores it, to the second, in UTC. */
export function instant(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 19)} UTC`;
}

/** An event's actor, as a link to only their events (keeping `query`'s other filters) where it can be one. */
export function ActorLink({ label, query }: { label: string; query?: EventQuery }) {
  const href = actorHref(label, query);
  return href ? (
    <Link href={href} title="Only this actor's events">
      {label}
    </Link>
  ) : (
    label
  );
}

/**
 * One row per event. The actor and subject are links that narrow the search to them, keeping the other filters:
 * "everything this person did", "everything that happened to this request" are one click (or Enter) away. An actor
 * is narrowed to by the label the row shows (an email, system:<job>, public), which the actor field then holds.
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
                <ActorLink label={event.actorLabel} query={query} />
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
