import { ListAuditEvents } from '@writ/contracts';
import type { NextRequest } from 'next/server';
import { getAsStaff } from '@/lib/staff-api';
import { apiSearch, readEventQuery } from '../event-query';
import { CSV_HEADER, csvLine, eventLine } from './csv';

export const dynamic = 'force-dynamic';

// The explorer's search as CSV: walks the API's own list page by page with the caller's session, so the API alone
// decides who may export and each page read is recorded in the log as any other read. Streamed, so a long export
// starts at once and the portal never holds it whole.

const PAGE = 200;
/** An export is for a search, not a copy of the log: past this, narrow the search (or use GET /log/entries). */
export const MAX_EXPORT_ROWS = 100_000;

function refusal(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status: status === 0 ? 503 : status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export async function GET(request: NextRequest): Promise<Response> {
  const { query } = readEventQuery(Object.fromEntries(request.nextUrl.searchParams));
  const page = (cursor?: string) =>
    getAsStaff(ListAuditEvents, { query: apiSearch(query, { limit: PAGE, ...(cursor ? { cursor } : {}) }) });
  const first = await page();
  if (!first.ok) {
    return refusal(
      first.status,
      first.status === 401
        ? 'You are not logged in, or your session has ended: log in again and repeat the export.'
        : `The export could not start: ${first.message}`,
    );
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let list = first.data;
      let rows = 0;
      controller.enqueue(encoder.encode(csvLine(CSV_HEADER)));
      for (;;) {
        for (const event of list.items) {
          if (rows === MAX_EXPORT_ROWS) break;
          controller.enqueue(encoder.encode(eventLine(event)));
          rows += 1;
        }
        if (!list.nextCursor || rows === MAX_EXPORT_ROWS) break;
        const next = await page(list.nextCursor);
        if (!next.ok) {
          // Headers are gone: the only honest signal left is an unfinished file, so the download fails visibly.
          controller.error(new Error(`export interrupted after ${rows} events: ${next.message}`));
          return;
        }
        list = next.data;
      }
      controller.close();
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '');
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="writ-audit-events-${stamp}Z.csv"`,
      'cache-control': 'no-store',
    },
  });
}
