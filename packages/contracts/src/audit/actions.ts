import { z } from 'zod';
import { AUTH_ACTIONS } from './auth-actions.js';
import { AUTHORITY_ACTIONS } from './authority-actions.js';
import type { AuditActionSpec } from './define-action.js';
import { DISCLOSURE_ACTIONS } from './disclosure-actions.js';
import { LOG_ACTIONS } from './log-actions.js';
import { REPORT_ACTIONS } from './report-actions.js';
import { REQUEST_ACTIONS } from './request-actions.js';
import { REVIEW_ACTIONS } from './review-actions.js';
import { STAFF_ACTIONS } from './staff-actions.js';

/**
 * Every action an audit event may carry. AuditService accepts nothing else, the log's contract types `action` with
 * it, and docs/AUDIT-ACTIONS.md is generated from it (npm run docs:audit). To add an action, declare it in the
 * file of its feature: its subject, a summary, and zod schemas for its public details and personal identifiers.
 */
export const AUDIT_ACTIONS = {
  ...REQUEST_ACTIONS,
  ...REVIEW_ACTIONS,
  ...DISCLOSURE_ACTIONS,
  ...REPORT_ACTIONS,
  ...AUTHORITY_ACTIONS,
  ...STAFF_ACTIONS,
  ...AUTH_ACTIONS,
  ...LOG_ACTIONS,
} satisfies Record<string, AuditActionSpec>;

export type AuditActions = typeof AUDIT_ACTIONS;
export type AuditAction = keyof AuditActions;
export const AuditAction = z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]]);

/**
 * The actions that only record that someone looked (a request, its documents, the log's full events…): an auditor
 * often wants them out of the way to see what was done. Named `<thing>.read` by convention (audit-actions.test.ts);
 * the one older exception is the decision preview, which stores nothing and comes with every view of a request in
 * review (a leaf's action is public forever, so it keeps its name).
 */
export const READ_ACTIONS = AuditAction.options.filter(
  (action) => action.endsWith('.read') || action === 'decision.previewed',
);

export type AuditSubject<A extends AuditAction> = AuditActions[A]['subject'];
export type AuditDetails<A extends AuditAction> = z.input<AuditActions[A]['details']>;
export type AuditPersonal<A extends AuditAction> = z.input<AuditActions[A]['personal']>;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, action);
}

/**
 * Checks an event's public details and personal identifiers against its declaration. Throws naming the action
 * and the offending fields: an undeclared field is a field about to be published by mistake.
 */
export function checkAuditEvent(action: string, details: unknown, personal: unknown): void {
  if (!isAuditAction(action)) throw new Error(`audit action ${JSON.stringify(action)} is not declared`);
  const spec: AuditActionSpec = AUDIT_ACTIONS[action];
  for (const [part, schema, value] of [
    ['details', spec.details, details],
    ['personal', spec.personal, personal],
  ] as const) {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new Error(`audit action ${action}: ${part} do not match the declaration: ${z.prettifyError(result.error)}`);
  }
}
