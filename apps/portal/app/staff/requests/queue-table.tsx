import type { RequestSummary } from '@writ/contracts';
import { MarkupRegion } from '@/components/markup-region';
import { htmlText } from '@/lib/html-text';
import { day, DUE_WORDS, dueState, words } from './request-text';

// The queue's rows as markup, not JSX. A page of 50 requests is some 1,300 elements: React rendered each twice on
// the server (into the RSC payload and again into HTML) and the payload named each one again, which was a fifth of
// the portal's time per queue page (19-22 ms of CPU to 15-17 ms, bench/queue.bench.ts). As text it is one string
// in each. Attributes are single-quoted because the payload travels inside a double-quoted script string, where
// every double quote would be escaped. Each value passes through htmlText; the markup is what the JSX made.

function queueRowHtml(request: RequestSummary, now: Date): string {
  const due = dueState(request, now);
  const badge = due ? ` <span class='badge ${due}' data-testid='due-badge'>${DUE_WORDS[due]}</span>` : ' ';
  const id = htmlText(request.id);
  return (
    `<tr data-testid='queue-row' data-request-id='${id}'>` +
    `<td data-label='Reference'><a class='mono' href='/staff/requests/${id}'>${htmlText(request.reference)}</a></td>` +
    `<td data-label='Status'><span class='badge status'>${htmlText(words(request.status))}</span></td>` +
    `<td data-label='Due'>${htmlText(day(request.dueAt))}${badge}</td>` +
    `<td data-label='Authority' class='wrap'>${htmlText(request.authorityName)} (${htmlText(request.country)})</td>` +
    `<td data-label='Case number' class='wrap'>${htmlText(request.caseNumber ?? '—')}</td>` +
    `<td data-label='Type'>${htmlText(words(request.type))}</td>` +
    `<td data-label='Received'>${htmlText(day(request.receivedAt))}</td>` +
    `<td data-label='Targets'>${request.targetCount}</td></tr>`
  );
}

export function queueTableHtml(items: readonly RequestSummary[], now: Date): string {
  return (
    "<table class='queue stack' data-testid='queue'><thead><tr><th scope='col'>Reference</th>" +
    "<th scope='col'>Status</th><th scope='col'>Due</th><th scope='col'>Authority</th>" +
    "<th scope='col'>Case number</th><th scope='col'>Type</th><th scope='col'>Received</th>" +
    "<th scope='col'>Targets</th></tr></thead>" +
    `<tbody>${items.map((request) => queueRowHtml(request, now)).join('')}</tbody></table>`
  );
}

export function QueueTable({ items, now }: { items: readonly RequestSummary[]; now: Date }) {
  return <MarkupRegion className="table-scroll" labelledBy="results" html={queueTableHtml(items, now)} />;
}
