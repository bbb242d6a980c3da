import { AuditAction, type ListAuditEvents, type RouteInput, Uuid } from '@writ/contracts';

// The explorer's filters as they travel in the page's address, and as the API takes them. Shared by the list page
// and the CSV export, so an export holds exactly the events the page found.

export interface EventQuery {
  action: AuditAction | '';
  actorId: string;
  subjectType: string;
  subjectId: string;
  /** As the datetime-local field writes it (YYYY-MM-DDTHH:MM), read as UTC. */
  from: string;
  to: string;
  /** 'true': the events that only record a read are left out. */
  withoutReads: '' | 'true';
}

export type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Only what the API understands goes on; a malformed value is dropped and named (`dropped`), not sent. */
export function readEventQuery(params: SearchParams): { query: EventQuery; dropped: string[] } {
  const dropped: string[] = [];
  const action = AuditAction.safeParse(single(params.action));
  if (single(params.action) && !action.success) dropped.push('action');
  const actorId = single(params.actorId);
  const actorOk = actorId === '' || Uuid.safeParse(actorId).success;
  if (!actorOk) dropped.push('actor');
  const time = (name: 'from' | 'to') => {
    const value = single(params[name]);
    if (value === '' || (LOCAL_MINUTE.test(value) && !Number.isNaN(Date.parse(`${value}:00Z`)))) return value;
    dropped.push(name);
    return '';
  };
  return {
    query: {
      action: action.success ? action.data : '',
      actorId: actorOk ? actorId : '',
      subjectType: single(params.subjectType).slice(0, 100),
      subjectId: single(params.subjectId).slice(0, 100),
      from: time('from'),
      to: time('to'),
      withoutReads: single(params.withoutReads) === 'true' ? 'true' : '',
    },
    dropped,
  };
}

export function isFiltered(query: EventQuery): boolean {
  return Object.values(query).some((value) => value !== '');
}

/** The API's query for these filters (times as UTC instants). */
export function apiSearch(
  query: EventQuery,
  page: { cursor?: string; limit: number },
): RouteInput<typeof ListAuditEvents>['query'] {
  // Empty fields stay out of the query (undefined), as the API's defaults say "any".
  return {
    limit: page.limit,
    action: query.action || undefined,
    actorId: query.actorId || undefined,
    subjectType: query.subjectType || undefined,
    subjectId: query.subjectId || undefined,
    from: query.from ? new Date(`${query.from}:00Z`).toISOString() : undefined,
    to: query.to ? new Date(`${query.to}:00Z`).toISOString() : undefined,
    withoutReads: query.withoutReads || undefined,
    cursor: page.cursor || undefined,
  };
}

/** The page's own address for these filters (and a cursor), or another path under the explorer (the export). */
export function explorerHref(query: Partial<EventQuery>, cursor?: string, path = '/staff/audit'): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  if (cursor) search.set('cursor', cursor);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
