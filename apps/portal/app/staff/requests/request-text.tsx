import { DATA_CATEGORY_WORDS, isAnswered, type RequestStatus, type RequestSummary } from '@writ/contracts';

// Words and badges shared by the queue and the request page.

/** How close to its deadline a request may come before the queue warns about it. */
export const DUE_SOON_MS = 3 * 24 * 60 * 60 * 1000;

export type DueState = 'overdue' | 'due-soon' | null;

/** Overdue comes from the API (it owns the rule); "due soon" is the same rule moved three days earlier. */
export function dueState(request: Pick<RequestSummary, 'dueAt' | 'status' | 'overdue'>, now: Date): DueState {
  if (request.overdue) return 'overdue';
  if (request.dueAt === null || isAnswered(request.status)) return null;
  return Date.parse(request.dueAt) - now.getTime() <= DUE_SOON_MS ? 'due-soon' : null;
}

export const DUE_WORDS: Record<NonNullable<DueState>, string> = { overdue: 'Overdue', 'due-soon': 'Due soon' };

export function DueBadge({ state }: { state: DueState }) {
  if (state === null) return null;
  return (
    <span className={`badge ${state}`} data-testid="due-badge">
      {DUE_WORDS[state]}
    </span>
  );
}

export function words(value: string): string {
  const text = value.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function StatusBadge({ status }: { status: RequestStatus }) {
  return <span className="badge status">{words(status)}</span>;
}

/** Dates for people: the day and the time in UTC, said so, since staff and courts sit in different zones. */
export function when(value: string | null): string {
  if (value === null) return '—';
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}

export function day(value: string | null): string {
  return value === null ? '—' : value.slice(0, 10);
}

/** The data categories as an order would name them (one wording with the policy's reasons). */
export const CATEGORY_WORDS = DATA_CATEGORY_WORDS;
