import type { DocumentList, RequestDetail, RequestHistoryEvent, RequestHistoryPage } from '@writ/contracts';
import Link from '@/components/link';
import type { StaffResult } from '@/lib/staff-api';
import { when, words } from '../request-text';
import { actorWords, type HistoryContext, historyText } from './history-words';

/** How the history is shown: with or without the reads, and from which page on (the API's cursor). */
export interface HistoryView {
  withReads: boolean;
  cursor: string | null;
}

/** Events per page of the history on the request page. */
export const HISTORY_PAGE = 100;

/** `?history=all` shows the reads too; `historyCursor` is the API's cursor, checked by the API like any input. */
export function historyView(params: Record<string, string | string[] | undefined>): HistoryView {
  const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
  const cursor = one(params.historyCursor);
  return { withReads: one(params.history) === 'all', cursor: cursor && cursor.length <= 200 ? cursor : null };
}

function historyHref(requestId: string, view: HistoryView): string {
  const query = new URLSearchParams();
  if (view.withReads) query.set('history', 'all');
  if (view.cursor) query.set('historyCursor', view.cursor);
  const text = query.toString();
  return `/staff/requests/${encodeURIComponent(requestId)}${text ? `?${text}` : ''}#timeline`;
}

/**
 * The reason typed with a step is personal, so the history's event does not carry it; the request's own list of
 * transitions does. Written in the same transaction, a step's row and its event are milliseconds apart.
 */
function reasonFor(request: RequestDetail, event: RequestHistoryEvent): string | null {
  if (event.action !== 'request.transitioned') return null;
  const at = Date.parse(event.at);
  let best: { reason: string | null; gap: number } | null = null;
  for (const step of request.transitions) {
    if (step.from !== event.details.from || step.to !== event.details.to) continue;
    const gap = Math.abs(Date.parse(step.at) - at);
    if (gap < 5_000 && (best === null || gap < best.gap)) best = { reason: step.reason, gap };
  }
  return best?.reason ?? null;
}

/** What the request itself records, when its history cannot be read: intake and each status change. */
function Fallback({ request }: { request: RequestDetail }) {
  const entries = [
    { at: request.createdAt, text: `Logged as received (${when(request.receivedAt)})`, detail: null as string | null },
    ...request.transitions.map((step) => ({
      at: step.at,
      text: `${words(step.from)} → ${words(step.to)}`,
      detail: step.reason,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry, index) => (
        <li key={index}>
          <span className="small muted">{when(entry.at)}</span>
          <br />
          {entry.text}
          {entry.detail ? <span className="muted"> — {entry.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function Timeline({
  request,
  history,
  documents,
  view,
  auditor,
}: {
  request: RequestDetail;
  history: StaffResult<RequestHistoryPage>;
  documents: StaffResult<DocumentList>;
  view: HistoryView;
  /** Auditors open each event in full, with its inclusion proof. */
  auditor: boolean;
}) {
  const ctx: HistoryContext = {
    fileNames: new Map(documents.ok ? documents.data.items.map((doc) => [doc.id, doc.filename]) : []),
    targetNames: new Map(
      request.targets.map((target) => [target.id, `${words(target.selectorType).toLowerCase()} ${target.value}`]),
    ),
  };
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline">History</h2>
      <p className="small" data-testid="history-scope">
        {view.withReads ? (
          <>
            Every audit event about this request, newest first, reads included.{' '}
            <Link href={historyHref(request.id, { withReads: false, cursor: null })}>Leave out the reads</Link>
          </>
        ) : (
          <>
            What was done to this request, newest first. Opening it or its documents is left out.{' '}
            <Link href={historyHref(request.id, { withReads: true, cursor: null })}>Show the reads too</Link>
          </>
        )}
      </p>
      {!history.ok ? (
        <>
          <p role="alert" className="status-bad" data-testid="history-error">
            The full history could not be read: {history.message} Below are the status changes the request itself
            records.
          </p>
          <Fallback request={request} />
        </>
      ) : history.data.items.length === 0 ? (
        <p data-testid="history-empty">
          {view.cursor ? 'No older events.' : 'Nothing recorded yet.'}{' '}
          {view.cursor ? <Link href={historyHref(request.id, { ...view, cursor: null })}>Newest events</Link> : null}
        </p>
      ) : (
        <>
          <ol className="timeline" data-testid="timeline">
            {history.data.items.map((event) => {
              const reason = reasonFor(request, event);
              return (
                <li key={event.id} data-testid="history-event">
                  <span className="small muted">
                    {when(event.at)} · {actorWords(event.actorLabel)}
                  </span>
                  <br />
                  {historyText(event, ctx)}
                  {reason ? <span className="muted"> — {reason}</span> : null}
                  {auditor ? (
                    <>
                      <br />
                      <Link
                        className="small"
                        href={`/staff/audit/events/${encodeURIComponent(event.id)}`}
                        data-testid="history-action"
                      >
                        <span className="mono">{event.action}</span>
                        {event.logIndex === null ? ' (not yet in the log)' : ` · log position ${event.logIndex}`}
                      </Link>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <p className="small" data-testid="history-pages">
            {view.cursor ? <Link href={historyHref(request.id, { ...view, cursor: null })}>Newest events</Link> : null}
            {view.cursor && history.data.nextCursor ? ' · ' : null}
            {history.data.nextCursor ? (
              <Link href={historyHref(request.id, { ...view, cursor: history.data.nextCursor })} rel="next">
                Older events
              </Link>
            ) : null}
          </p>
        </>
      )}
    </section>
  );
}
