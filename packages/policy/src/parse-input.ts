import type { z } from 'zod';
import { pathOf } from './policy-config.js';
import { type Reason, reason } from './reason-code.js';

const MAX_ISSUES_PER_INPUT = 10;

/**
 * "Deny by default": an input that does not match its schema becomes INVALID_INPUT reasons naming each problem,
 * so staff see everything to fix at once, and the rules that need it are skipped. Never throws.
 */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, name: string, out: Reason[]): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  for (const issue of issues.slice(0, MAX_ISSUES_PER_INPUT)) {
    const where = issue.path.length === 0 ? name : `${name}.${pathOf(issue.path)}`;
    out.push(reason('INVALID_INPUT', `${where}: ${issue.message}`));
  }
  if (issues.length > MAX_ISSUES_PER_INPUT) {
    out.push(reason('INVALID_INPUT', `${name}: ${issues.length - MAX_ISSUES_PER_INPUT} more problems not listed.`));
  }
  return null;
}

/** The decision's clock. A Date that is not a real time cannot say whether an order has expired. */
export function parseNow(now: unknown, out: Reason[]): number | null {
  const time = now instanceof Date ? now.getTime() : Number.NaN;
  if (Number.isFinite(time)) return time;
  out.push(reason('INVALID_INPUT', 'now: must be a valid Date.'));
  return null;
}
