import { AuditAction, AuditActorFilter, type ListAuditEvents, type RouteInput, Uuid } from '@writ/contracts';

// The explorer's filters as they travel in the page's address, and as the API takes them. Shared by the list page
// and the CSV export, so an export holds exactly the events the page found.

export interface EventQuery {
  action: AuditAction | '';
  /**
   * Who acted, as the auditor typed it or chose it in the results: a colleague's email (any case), "system",
   * "system:<job>", "public", or a staff id (what the field took before, so ids kept in notes still work).
   */
  actor: string;
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

/** An actor the API can search for, or '' for one it could not (named in `dropped` instead of being sent). */
function readActor(value: string): string {
  if (value === '' || Uuid.safeParse(value).success) return value;
  const actor = AuditActorFilter.safeParse(value);
  return actor.success ? actor.data : '';
}

/** Only what the API understands goes on; a malformed value is dropped and named (`dropped`), not sent. */
export function readEventQuery(params: SearchParams): { query: EventQuery; dropped: string[] } {
  const dropped: string[] = [];
  const action = AuditAction.safeParse(single(params.action));
  if (single(params.action) && !action.success) dropped.push('action');
  // actorId: the address an actor's link made before the field took emails, kept in auditors' notes.
  const typed = single(params.actor) || single(params.actorId);
  const actor = readActor(typed);
  if (typed && !actor) dropped.push('actor');
  const time = (name: 'from' | 'to') => {
    const value = single(params[name]);
    if (value === '' || (LOCAL_MINUTE.test(value) && !Number.isNaN(Date.parse(`${value}:00Z`)))) return value;
    dropped.push(name);
    return '';
  };
  return {
    query: {
      action: action.success ? action.data : '',
      actor,
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
  const byId = Uuid.safeParse(query.actor).success;
  // Empty fields stay out of the query (undefined), as the API's defaults say "any".
  return {
    limit: page.limit,
    action: query.action || undefined,
    actorId: byId ? query.actor : undefined,
    actor: byId ? undefined : query.actor || undefined,
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

/**
 * The search narrowed to the actor an event names (its label: an email, system:<job> or public), keeping the other
 * filters; null for a label the actor filter would not take.
 */
export function actorHref(label: string, query: Partial<EventQuery> = {}): string | null {
  return AuditActorFilter.safeParse(label).success ? explorerHref({ ...query, actor: label }) : null;
}
