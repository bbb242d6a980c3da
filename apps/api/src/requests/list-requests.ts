import {
  ANSWERED_STATUSES,
  isAnswered,
  SEARCH_COUNT_LIMIT,
  COUNTRY_CODES,
  type ListRequestsQuery,
  rangeBound,
  type RequestListPage,
  type RequestPage,
  type RequestSort,
  RequestStatus,
  type StatusCounts,
  type RequestSummary,
} from '@writ/contracts';
import { AppError } from '../common/index.js';
import type { PrismaService } from '../database/index.js';
import { Prisma } from '../generated/prisma/client.js';
import { decodeCursor, encodeCursor, type RequestCursor } from './cursor.js';
import { indexQuery, prefixQuery, queryWords, referenceQuery } from './search.js';

// Lists are keyset-paginated over (received_at DESC, id DESC), served by the request_received_at_id_idx index, or
// for the deadline sort over (due_at ASC, id ASC) with the requests without a due date after all others (the
// request_due_at_idx index); the cursor condition is a row comparison so PostgreSQL can start the index scan at
// the cursor, however deep the page.
// Summaries carry no target values, so listing is not an audit event; opening a request is.

/**
 * A summary as PostgreSQL makes it (summaryColumns names its columns after the contract's fields): instants as
 * ISO 8601 text, overdue as a boolean.
 */
type SummaryRow = RequestSummary & {
  /** Searches only: 1 when step 1 looked at a window, 0 when that window was everything past the cursor. */
  bounded?: number;
};

const answered = [...ANSWERED_STATUSES];
// The deadline sort's two parts, written out as constants: the open part is the predicate of the partial index
// request_open_due_idx, and the planner uses that index only for a condition it can see implies it.
const answeredList = Prisma.raw(answered.map((status) => `'${status}'`).join(', '));
const OPEN = Prisma.sql`r.status NOT IN (${answeredList})`;
const ANSWERED = Prisma.sql`r.status IN (${answeredList})`;

function toSummary({ bounded: _bounded, ...summary }: SummaryRow): RequestSummary {
  return summary;
}

/** The WHERE conditions of GET /requests. */
export interface ListFilter {
  where: Prisma.Sql[];
  /** The status filter, apart: counts per status ignore it (each chip counts what choosing it would show). */
  status?: Prisma.Sql;
  /** The statuses it lets through: the deadline sort skips a part of the list that holds none of them. */
  statuses?: readonly RequestStatus[];
  /** q as tsqueries (search.ts): `index` for the GIN index, `match` the exact rule (each word begins a word). */
  searchQuery?: { index: string; match: string };
}

// Searching (q) is where one plan cannot fit all: the planner multiplies the selectivities of q and the other
// filters as if they were independent, and a search's matches range from none to most of the table. So a search
// runs in up to two steps, each exact when it answers:
//  1. among the newest SEARCH_WINDOW requests past the cursor (a key bound on received_at): the newest matches.
//     The planner picks its way in with the bound known to cap the work: a backward walk of the newest-first index
//     for dense words, the search index (which also holds the filter columns, btree_gin) for rare words, or both
//     ANDed with a filter's own index. A full page here is the answer, since every match outside the window is
//     older than all inside it; so is any page when the window held every remaining request.
//  2. otherwise (few matches, or plenty but old): every match from the search index, then the newest of them.
// Over 100,000 requests each step costs a few milliseconds (bench/listing.bench.ts); the bound itself is an
// index-only walk of SEARCH_WINDOW entries.
export const SEARCH_WINDOW = 10_000;

export function listConditions(query: ListRequestsQuery, now: Date): ListFilter {
  const where: Prisma.Sql[] = [];
  let searchQuery: ListFilter['searchQuery'];
  const status = query.status ? Prisma.sql`r.status = ANY(${query.status}::"RequestStatus"[])` : undefined;
  if (query.type) where.push(Prisma.sql`r.type = ANY(${query.type}::"RequestType"[])`);
  if (query.legalProcess) {
    where.push(Prisma.sql`r.legal_process = ANY(${query.legalProcess}::"LegalProcess"[])`);
  }
  if (query.country !== undefined) {
    const country = query.country.trim().toUpperCase();
    if (!COUNTRY_CODES.includes(country)) {
      throw new AppError(
        'UNKNOWN_COUNTRY',
        `country: "${query.country}" is not an assigned ISO 3166-1 alpha-2 code (two letters, e.g. "DE").`,
        { issues: [{ path: ['country'], message: 'not an assigned ISO 3166-1 alpha-2 code' }] },
      );
    }
    where.push(Prisma.sql`r.country = ${country}`);
  }
  if (query.authorityId) where.push(Prisma.sql`r.authority_id = ${query.authorityId}::uuid`);
  if (query.receivedFrom) where.push(Prisma.sql`r.received_at >= ${rangeBound(query.receivedFrom, 'from')}`);
  if (query.receivedTo) where.push(Prisma.sql`r.received_at < ${rangeBound(query.receivedTo, 'to')}`);
  if (query.overdue === true) {
    where.push(Prisma.sql`r.due_at < ${now} AND r.status <> ALL(${answered}::"RequestStatus"[])`);
  } else if (query.overdue === false) {
    where.push(Prisma.sql`(r.due_at IS NULL OR r.due_at >= ${now} OR r.status = ANY(${answered}::"RequestStatus"[]))`);
  }
  const reference = query.q === undefined ? null : referenceQuery(query.q);
  if (reference) {
    where.push(Prisma.sql`r.reference = ${reference}`);
  } else if (query.q !== undefined) {
    const words = queryWords(query.q);
    if (words.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'q: search for at least one letter or digit', {
        issues: [{ path: ['q'], message: 'needs at least one letter or digit' }],
      });
    }
    searchQuery = { index: indexQuery(words), match: prefixQuery(words) };
  }
  return {
    where,
    ...(status ? { status, statuses: query.status } : {}),
    ...(searchQuery ? { searchQuery } : {}),
  };
}

/**
 * An instant as JavaScript's toISOString writes it (years 1900-2999 only are stored). Formatted by PostgreSQL:
 * parsing a page of timestamps into Dates and printing them again was an eighth of a listing's CPU.
 */
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The summary of each request; overdue as isOverdue (@writ/contracts) decides it, at `now`. The number of targets
 * is the column the database keeps exact (triggers on target), not a count per row.
 */
const summaryColumns = (now: Date) => Prisma.sql`
  r.id, r.reference, r.type::text AS type, r.legal_process::text AS "legalProcess", r.authority_id AS "authorityId",
  a.name AS "authorityName", r.country, r.case_number AS "caseNumber", ${iso('r.received_at')} AS "receivedAt",
  ${iso('r.acknowledged_at')} AS "acknowledgedAt", ${iso('r.due_at')} AS "dueAt",
  ${iso('r.responded_at')} AS "respondedAt", r.has_ndo AS "hasNdo", ${iso('r.ndo_ends_at')} AS "ndoEndsAt",
  ${iso('r.user_notified_at')} AS "userNotifiedAt", r.status::text AS status, r.outcome::text AS outcome,
  coalesce(r.due_at < ${now} AND r.status <> ALL(${answered}::"RequestStatus"[]), false) AS overdue,
  r.version, r.target_count AS "targetCount"`;

const NEWEST_FIRST = Prisma.sql`ORDER BY r.received_at DESC, r.id DESC`;

const all = (conditions: Prisma.Sql[]) => (conditions.length ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`);

/**
 * One page of request summaries matching `where`, newest received first. Planned with the actual values on every
 * call: a generic plan, made once for all values, is what turned a 3 ms search into a 30 ms one.
 */
export async function pageOfRequests(
  prisma: PrismaService,
  filter: ListFilter,
  page: { cursor?: string | undefined; limit: number; sort?: RequestSort },
  now: Date,
): Promise<RequestPage> {
  const sort = page.sort ?? 'received';
  const after = page.cursor ? decodeCursor(page.cursor, sort) : undefined;
  const walk: Walk = { prisma, filter, after, limit: page.limit + 1, now };
  const rows = sort === 'deadline' ? await soonestDue(walk) : await newestReceived(walk);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const key = (row: SummaryRow) => (sort === 'deadline' ? row.dueAt : row.receivedAt);
  return {
    items: items.map(toSummary),
    nextCursor:
      rows.length > page.limit && last
        ? encodeCursor({
            sort,
            key: key(last) === null ? null : new Date(key(last)!),
            id: last.id,
            answered: isAnswered(last.status),
          })
        : null,
  };
}

const matching = (filter: ListFilter) => [
  ...filter.where,
  ...(filter.status ? [filter.status] : []),
  // ts_match_vq is the function behind @@: written so, the prefix rule is checked on each row the index (or a
  // walk) hands over but never given to the GIN index, whose prefix scan would gather every request of every word
  // beginning so (search.ts).
  ...(filter.searchQuery
    ? [
        Prisma.sql`r.search_vector @@ ${filter.searchQuery.index}::tsquery`,
        Prisma.sql`ts_match_vq(r.search_vector, ${filter.searchQuery.match}::tsquery)`,
      ]
    : []),
];

/** One walk through the matching requests, in one order, from a cursor. */
interface Walk {
  prisma: PrismaService;
  filter: ListFilter;
  after: RequestCursor | undefined;
  /** Rows wanted: a page and one more, to tell whether another page follows. */
  limit: number;
  now: Date;
}

const summaries = (prisma: PrismaService, sql: Prisma.Sql) => prisma.query<SummaryRow>(sql, 'per-call');

async function newestReceived({ prisma, filter, after, limit, now }: Walk): Promise<SummaryRow[]> {
  const cursor = after ? [Prisma.sql`(r.received_at, r.id) < (${after.key}, ${after.id}::uuid)`] : [];
  const query = (sql: Prisma.Sql) => summaries(prisma, sql);
  if (!filter.searchQuery) {
    return query(Prisma.sql`
      SELECT ${summaryColumns(now)} FROM request r JOIN authority a ON a.id = r.authority_id
       WHERE ${all([...matching(filter), ...cursor])} ${NEWEST_FIRST} LIMIT ${limit}`);
  }
  const matches = all(matching(filter));
  /** Summaries of the requests `picked` (ids), newest first. */
  const pageOf = (picked: Prisma.Sql) => Prisma.sql`
    SELECT ${summaryColumns(now)}
      FROM (${picked}) top JOIN request r ON r.id = top.id JOIN authority a ON a.id = r.authority_id
     ${NEWEST_FIRST}`;
  // Step 1. The ids are picked first and summarised after: a bitmap plan sorts all its matches in the window,
  // and summarising each of them would cost more than the search.
  const windowed = await query(Prisma.sql`
    WITH b AS MATERIALIZED (
           SELECT r.received_at FROM request r WHERE ${all(cursor)} ${NEWEST_FIRST}
           OFFSET ${SEARCH_WINDOW - 1} LIMIT 1),
         page AS (${pageOf(Prisma.sql`
           SELECT r.id FROM request r
            WHERE ${matches} AND ${all(cursor)}
              AND r.received_at >= coalesce((SELECT received_at FROM b), '-infinity'::timestamptz)
            ${NEWEST_FIRST} LIMIT ${limit}`)})
    SELECT page.*, (SELECT count(*) FROM b)::int AS bounded
      FROM (SELECT 1) one LEFT JOIN page ON TRUE
     ORDER BY page."receivedAt" DESC, page.id DESC`);
  const rows = windowed.filter((row) => row.id !== null);
  if (rows.length < limit && windowed[0]!.bounded === 1) {
    // Step 2. MATERIALIZED keeps the planner from walking the newest-first index instead.
    return query(Prisma.sql`
      WITH m AS MATERIALIZED (SELECT r.id, r.received_at FROM request r WHERE ${matches} AND ${all(cursor)})
      ${pageOf(Prisma.sql`SELECT id FROM m ORDER BY received_at DESC, id DESC LIMIT ${limit}`)}`);
  }
  return rows;
}

/**
 * The deadline sort: first the requests still to be answered, soonest due first and those without a due date after
 * them (not yet acknowledged, say) in id order; then the answered ones in the same order, since a clerk sorting by
 * deadline wants what is urgent, not a request closed long ago. Each part is two ordered walks rather than one
 * ORDER BY with NULLS LAST: a row comparison never matches a NULL, so a cursor inside an undated tail needs its own
 * condition. The open part walks request_open_due_idx (its predicate is OPEN below, as written there), so it never
 * passes an answered request; the answered part walks request_due_at_idx.
 */
async function soonestDue({ prisma, filter, after, limit, now }: Walk): Promise<SummaryRow[]> {
  const query = (sql: Prisma.Sql) => summaries(prisma, sql);
  const matches = matching(filter);
  const select = (conditions: Prisma.Sql[], order: Prisma.Sql, take: number) => Prisma.sql`
    SELECT ${summaryColumns(now)} FROM request r JOIN authority a ON a.id = r.authority_id
     WHERE ${all([...matches, ...conditions])} ${order} LIMIT ${take}`;
  // A part the status filter leaves empty is not walked at all.
  const parts = [false, true].filter(
    (answeredPart) =>
      (!after || answeredPart || !after.answered) &&
      (!filter.statuses || filter.statuses.some((status) => isAnswered(status) === answeredPart)),
  );
  let rows: SummaryRow[] = [];
  for (const answeredPart of parts) {
    const part = answeredPart ? ANSWERED : OPEN;
    // The cursor counts only within its own part; the next part starts at its beginning.
    const from = after && after.answered === answeredPart ? after : undefined;
    if (rows.length < limit && (!from || from.key !== null)) {
      // The plain bound on due_at lets the index scan start at the cursor; the row comparison settles ties.
      const cursor = from
        ? [Prisma.sql`r.due_at >= ${from.key} AND (r.due_at, r.id) > (${from.key}, ${from.id}::uuid)`]
        : [];
      rows = rows.concat(
        await query(
          select(
            [part, Prisma.sql`r.due_at IS NOT NULL`, ...cursor],
            Prisma.sql`ORDER BY r.due_at ASC, r.id ASC`,
            limit - rows.length,
          ),
        ),
      );
    }
    if (rows.length < limit) {
      const cursor = from?.key === null ? [Prisma.sql`r.id > ${from.id}::uuid`] : [];
      rows = rows.concat(
        await query(
          select([part, Prisma.sql`r.due_at IS NULL`, ...cursor], Prisma.sql`ORDER BY r.id ASC`, limit - rows.length),
        ),
      );
    }
  }
  return rows;
}

/**
 * Matches per status under every filter but the status one, in one grouped count. Uses the same conditions as the
 * page, so a chip's number is what choosing it lists. A search is counted only up to SEARCH_COUNT_LIMIT matches
 * (null beyond): each match costs a visit to its row, and a word most requests share would cost hundreds of
 * milliseconds for every page of its results.
 */
export async function countByStatus(prisma: PrismaService, filter: ListFilter): Promise<StatusCounts | null> {
  const unfiltered = filter.where.length === 0 && !filter.searchQuery;
  const matches = all(matching({ ...filter, status: undefined }));
  // Without a filter (the queue as it opens, or narrowed by status alone), the counts the database keeps per status
  // (migration 20261205000000_request_status_counts) instead of counting every request on each page.
  const rows = await prisma.query<{ status: string; n: number }>(
    unfiltered
      ? Prisma.sql`SELECT status, n FROM request_status_counts()`
      : filter.searchQuery
        ? Prisma.sql`SELECT m.status::text AS status, count(*)::int AS n
                       FROM (SELECT r.status FROM request r WHERE ${matches} LIMIT ${SEARCH_COUNT_LIMIT + 1}) m
                      GROUP BY m.status`
        : Prisma.sql`SELECT r.status::text AS status, count(*)::int AS n FROM request r WHERE ${matches}
                      GROUP BY r.status`,
    'per-call',
  );
  const counts = Object.fromEntries(RequestStatus.options.map((status) => [status, 0])) as StatusCounts;
  let total = 0;
  for (const row of rows) {
    counts[row.status as RequestStatus] = row.n;
    total += row.n;
  }
  return filter.searchQuery && total > SEARCH_COUNT_LIMIT ? null : counts;
}

export async function listRequests(
  prisma: PrismaService,
  query: ListRequestsQuery,
  now = new Date(),
): Promise<RequestListPage> {
  const filter = listConditions(query, now);
  const [page, counts] = await Promise.all([
    pageOfRequests(prisma, filter, query, now),
    query.counts ? countByStatus(prisma, filter) : undefined,
  ]);
  if (counts === undefined) return page;
  return counts ? { ...page, counts } : { ...page, tooManyToCount: SEARCH_COUNT_LIMIT };
}

/**
 * Whose users may now be told (docs/DOMAIN.md "users notified"): delivered or closed, naming targets, no gag order in
 * force (none, or one that has ended), and not yet notified. The first two conditions are the predicate of the
 * partial index request_notification_queue_idx, so the page is read newest first from the queue alone instead of
 * walking past every open request; keep them implying it.
 */
export function notificationQueue(
  prisma: PrismaService,
  page: { cursor?: string | undefined; limit: number },
  now = new Date(),
): Promise<RequestPage> {
  const where = [
    Prisma.sql`r.status = ANY(${['DELIVERED', 'CLOSED']}::"RequestStatus"[])`,
    Prisma.sql`r.user_notified_at IS NULL`,
    Prisma.sql`(r.has_ndo = false OR (r.ndo_ends_at IS NOT NULL AND r.ndo_ends_at <= ${now}))`,
    Prisma.sql`EXISTS (SELECT 1 FROM target t WHERE t.request_id = r.id)`,
  ];
  return pageOfRequests(prisma, { where }, page, now);
}
