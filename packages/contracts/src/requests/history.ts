import { z } from 'zod';
import { AuditEvent } from '../log/log.contract.js';
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

/**
 * An audit event as the auditors' explorer lists it, less the leaf bytes and the actor's id: who acted is its label
 * (a staff member's email, "system:<job>", or "public", the authority following its download link), and `details`
 * holds only the public details, as in the log's leaf (docs/AUDIT-ACTIONS.md lists them per action). Its `id` opens
 * the event in full, with its inclusion proof, for an auditor (/audit/events/{id}).
 */
export const RequestHistoryEvent = AuditEvent.omit({ actorId: true, leaf: true });
export type RequestHistoryEvent = z.infer<typeof RequestHistoryEvent>;

export const RequestHistoryPage = Page(RequestHistoryEvent);
export type RequestHistoryPage = z.infer<typeof RequestHistoryPage>;
