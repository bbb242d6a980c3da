import { EventIdParams, GetAuditEvent } from '@writ/contracts';
import Link from '@/components/link';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { explorerHref } from '../../event-query';
import { ActorLink, instant } from '../../event-table';
import { InclusionCheck } from './inclusion-check';

export const metadata = { title: 'Audit event' };
export const dynamic = 'force-dynamic';

function decodedLeaf(leaf: string): string {
  const text = Buffer.from(leaf, 'base64').toString('utf8');
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export default async function AuditEventView({ params }: PageProps<'/staff/audit/events/[id]'>) {
  const { id } = await params;
  const title = `Audit event #${id.slice(0, 20)}`;
  const gate = await staffGate(title, GetAuditEvent.access.roles, `/staff/audit/events/${encodeURIComponent(id)}`);
  if (!gate.ok) return gate.page;
  const back = (
    <p>
      <Link href="/staff/audit">Back to the audit explorer</Link>
    </p>
  );
  if (!EventIdParams.safeParse({ id }).success) {
    return (
      <>
        <h1>Audit event</h1>
        <p role="alert" className="status-bad" data-testid="event-error">
          “{id.slice(0, 40)}” is not an event number. Event numbers are whole numbers, as in the explorer&apos;s list.
        </p>
        {back}
      </>
    );
  }
  const event = await getAsStaff(GetAuditEvent, { params: { id } });
  if (!event.ok) {
    return (
      <>
        <h1>{title}</h1>
        <p role="alert" className="status-bad" data-testid="event-error">
          {event.status === 404
            ? `There is no audit event #${id}. Check the number, or find the event in the explorer.`
            : `The event could not be loaded: ${event.message} Try again in a minute.`}
        </p>
        {back}
      </>
    );
  }
  const e = event.data;
  return (
    <>
      <h1>{title}</h1>
      {back}
      <dl className="card facts" data-testid="event-facts">
        <dt>Action</dt>
        <dd className="mono">
          <Link href={explorerHref({ action: e.action })}>{e.action}</Link>
        </dd>
        <dt>When</dt>
        <dd>{instant(e.at)}</dd>
        <dt>Actor</dt>
        <dd>
          <ActorLink label={e.actorLabel} />
        </dd>
        <dt>Subject</dt>
        <dd className="mono">
          {e.subjectId ? (
            <Link href={explorerHref({ subjectType: e.subjectType, subjectId: e.subjectId })}>
              {e.subjectType} {e.subjectId}
            </Link>
          ) : (
            e.subjectType
          )}
        </dd>
        <dt>Log index</dt>
        <dd>{e.logIndex ?? 'not sequenced yet (normally within a second): reload'}</dd>
      </dl>

      <h2>Inclusion in the log</h2>
      {e.logIndex === null ? (
        <p className="check warn" data-testid="inclusion">
          This event has not been given a place in the log yet. Reload in a second to check its proof.
        </p>
      ) : (
        <InclusionCheck leaf={e.leaf} index={e.logIndex} />
      )}
      <p>
        <a href={`/api/audit/events/${e.id}/receipt`} download={`writ-receipt-${e.id}.txt`}>
          Download the offline receipt
        </a>{' '}
        <span className="muted">(check it with writ-verify, or on the public audit page with the leaf below)</span>
      </p>

      <h2>Details, in full</h2>
      <p className="muted">
        What the API keeps for auditors, personal identifiers included. The public leaf holds only their salted
        commitments.
      </p>
      <pre className="card code" tabIndex={0} data-testid="event-details">
        {JSON.stringify(e.details, null, 2)}
      </pre>

      <h2>Leaf (public view)</h2>
      <pre className="card code" tabIndex={0} data-testid="event-leaf-json">
        {decodedLeaf(e.leaf)}
      </pre>
      <label htmlFor="leaf-base64">The exact leaf bytes, base64</label>
      <textarea id="leaf-base64" readOnly rows={3} className="mono" value={e.leaf} data-testid="event-leaf" />
    </>
  );
}
