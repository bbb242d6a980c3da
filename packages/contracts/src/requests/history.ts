import { z } from 'zod';
import { AuditAction } from '../audit/actions.js';
import { Page, PageQuery } from '../pagination.js';

/**
 * A request's history for everyone who may open it: every audit event about the request, its documents and its
 * decisions, newest first. Only what the public log shows of each (its public details) plus who acted: personal
 * identifiers (selector values, reasons typed, file names) stay in the auditors' full view.
 */
export const RequestHistoryQuery = PageQuery.extend({
  /** true: leave out the events that only record a read (READ_ACTIONS), so the changes stand out. */
  withoutReads: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
}).strict();
export type RequestHistoryQuery = z.infer<typeof RequestHistoryQuery>;

export const RequestHistoryEvent = z.object({
  /** The audit event's id: an auditor opens it in full, with its inclusion proof, at /audit/events/{id}. */
  id: z.string(),
  at: z.iso.datetime(),
  /** A staff member's email, "system:<job>", or "public" (the authority following its download link). */
  actorLabel: z.string(),
  action: AuditAction,
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  /** The public details, as in the log's leaf (docs/AUDIT-ACTIONS.md lists them per action). */
  details: z.record(z.string(), z.unknown()),
  /** Position in the Merkle tree; null until the integrator has sequenced it (normally within a second). */
  logIndex: z.number().int().nullable(),
});
export type RequestHistoryEvent = z.infer<typeof RequestHistoryEvent>;

export const RequestHistoryPage = Page(RequestHistoryEvent);
export type RequestHistoryPage = z.infer<typeof RequestHistoryPage>;
