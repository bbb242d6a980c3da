import type { AuditEvent, RequestDetail } from '@writ/contracts';
import Link from '@/components/link';
import type { StaffResult } from '@/lib/staff-api';
import { when, words } from '../request-text';

interface Entry {
  at: string;
  text: string;
  detail?: string | null;
}

/** What the request itself records: intake, acknowledgement, each status change, the user being told. */
function lifecycle(request: RequestDetail): Entry[] {
  const entries: Entry[] = [{ at: request.createdAt, text: `Logged as received (${when(request.receivedAt)})` }];
  if (request.acknowledgedAt)
    entries.push({ at: request.acknowledgedAt, text: 'Receipt acknowledged to the authority' });
  for (const step of request.transitions) {
    entries.push({ at: step.at, text: `${words(step.from)} → ${words(step.to)}`, detail: step.reason });
  }
  if (request.userNotifiedAt) entries.push({ at: request.userNotifiedAt, text: 'The user was told' });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

export function Timeline({
  request,
  events,
}: {
  request: RequestDetail;
  /** The audit events about this request: only auditors may read them (null for everyone else). */
  events: StaffResult<{ items: AuditEvent[]; nextCursor: string | null }> | null;
}) {
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline">History</h2>
      <ol className="timeline" data-testid="timeline">
        {lifecycle(request).map((entry, index) => (
          <li key={index}>
            <span className="small muted">{when(entry.at)}</span>
            <br />
            {entry.text}
            {entry.detail ? <span className="muted"> — {entry.detail}</span> : null}
          </li>
        ))}
      </ol>
      {events === null ? null : (
        <>
          <h3>Audit events about this request</h3>
          {!events.ok ? (
            <p role="alert" className="status-bad">
              The audit events could not be read: {events.message}
            </p>
          ) : events.data.items.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit events about this request">
              <table data-testid="request-events">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">By</th>
                    <th scope="col">Log position</th>
                  </tr>
                </thead>
                <tbody>
                  {events.data.items.map((event) => (
                    <tr key={event.id}>
                      <td>{when(event.at)}</td>
                      <td className="mono">{event.action}</td>
                      <td>{event.actorLabel}</td>
                      <td>{event.logIndex ?? 'not yet sequenced'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {events.data.nextCursor ? (
                <p className="small" data-testid="request-events-more">
                  Showing the newest {events.data.items.length}.{' '}
                  <Link href={`/staff/audit?${new URLSearchParams({ subjectType: 'request', subjectId: request.id })}`}>
                    Every event about this request, page by page, in the audit explorer
                  </Link>
                </p>
              ) : null}
            </div>
          )}
        </>
      )}
    </section>
  );
}
