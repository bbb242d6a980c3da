import { AppError } from '../common/index.js';

// Rules that span fields, checked on the request as it would be stored (on create, and on the merged result of a
// correction), so a PATCH of one date cannot leave the request contradicting itself.

/** Clocks of the intake desk and the server differ a little; more than this ahead is a typo. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface RequestDates {
  issuedAt: Date | null;
  receivedAt: Date;
  dueAt: Date | null;
  expiresAt: Date | null;
  hasNdo: boolean;
  ndoEndsAt: Date | null;
}

interface Issue {
  path: string[];
  message: string;
}

export function requestProblems(state: RequestDates, now: Date): Issue[] {
  const issues: Issue[] = [];
  if (state.receivedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    issues.push({ path: ['receivedAt'], message: 'must not be in the future' });
  }
  if (state.issuedAt && state.issuedAt > state.receivedAt) {
    issues.push({
      path: ['issuedAt'],
      message: 'must not be after receivedAt: an order cannot arrive before it is issued',
    });
  }
  if (state.expiresAt && state.issuedAt && state.expiresAt <= state.issuedAt) {
    issues.push({ path: ['expiresAt'], message: 'must be after issuedAt' });
  }
  if (state.dueAt && state.dueAt < state.receivedAt) {
    issues.push({ path: ['dueAt'], message: 'must not be before receivedAt' });
  }
  issues.push(...ndoProblems(state));
  return issues;
}

/**
 * The gag-order fields against the rest of the request. Separate so that PUT /requests/{id}/ndo, which changes
 * only these two fields long after intake, is judged on them alone and not on dates it does not touch.
 */
export function ndoProblems(state: Pick<RequestDates, 'issuedAt' | 'hasNdo' | 'ndoEndsAt'>): Issue[] {
  const issues: Issue[] = [];
  if (state.ndoEndsAt && !state.hasNdo) {
    issues.push({
      path: ['ndoEndsAt'],
      message: 'only a request with a gag order (hasNdo: true) can say when it ends; send ndoEndsAt: null to clear it',
    });
  }
  if (state.ndoEndsAt && state.issuedAt && state.ndoEndsAt < state.issuedAt) {
    issues.push({
      path: ['ndoEndsAt'],
      message: 'must not be before issuedAt: a gag order cannot end before the order was issued',
    });
  }
  return issues;
}

export function assertConsistent(state: RequestDates, now: Date): void {
  throwIfAny(requestProblems(state, now));
}

export function throwIfAny(issues: Issue[]): void {
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), {
      issues,
    });
  }
}

export const toDate = (value: string): Date => new Date(value);
export const toDateOrNull = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
