import { READ_ACTIONS, type RequestHistoryPage, type RequestHistoryQuery } from '@writ/contracts';
import type { AuditAction } from '@writ/contracts';
import { bigintCursor, notFound } from '../common/index.js';
import type { PrismaService } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';

interface HistoryRow {
  id: bigint;
  at: Date;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown> | null;
  log_index: bigint | null;
}

const reads = Prisma.join([...READ_ACTIONS]);

/**
 * A request's history: the audit events whose subject is the request, one of its documents or one of its
 * decisions, newest first. Served by audit_event's (subject_type, subject_id) index.
 *
 * Only the public details leave the database (the auditor's copy minus its `personal` openings): what anyone may
 * read in the log, plus who acted. So, unlike reading the request itself, this read is not an audit event: it
 * shows no target value, and every page view would otherwise add a line to the very history it shows.
 */
export async function requestHistory(
  prisma: PrismaService,
  id: string,
  query: RequestHistoryQuery,
): Promise<RequestHistoryPage> {
  const before = query.cursor ? bigintCursor.decode(query.cursor) : null;
  const exists = await prisma.request.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw notFound(`Request ${id}`);
  const rows = await prisma.$queryRaw<HistoryRow[]>`
    SELECT e.id, e.at, e.actor_label, e.action, e.subject_type, e.subject_id,
           e.details - 'personal' AS details, l.index AS log_index
      FROM audit_event e
      LEFT JOIN log_entry l ON l.event_id = e.id
     WHERE ((e.subject_type = 'request' AND e.subject_id = ${id})
         OR (e.subject_type = 'document'
             AND e.subject_id IN (SELECT d.id::text FROM document d WHERE d.request_id = ${id}::uuid))
         OR (e.subject_type = 'decision'
             AND e.subject_id IN (SELECT d.id::text FROM decision d WHERE d.request_id = ${id}::uuid)))
       ${before === null ? Prisma.empty : Prisma.sql`AND e.id < ${before}`}
       ${query.withoutReads ? Prisma.sql`AND e.action NOT IN (${reads})` : Prisma.empty}
     ORDER BY e.id DESC
     LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id.toString(),
      at: row.at.toISOString(),
      actorLabel: row.actor_label,
      // Only AuditService writes events, and it takes declared actions only; the response contract checks again.
      action: row.action as AuditAction,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      details: row.details ?? {},
      logIndex: row.log_index === null ? null : Number(row.log_index),
    })),
    nextCursor: rows.length > query.limit ? bigintCursor.encode(page.at(-1)!.id) : null,
  };
}
