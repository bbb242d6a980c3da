import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@writ/contracts';
import type { Tx } from '../database/index.js';
import { type AuditInput, prepareEvent } from './prepare-event.js';

export { prepareEvent, type Actor, type AuditInput, type PreparedEvent } from './prepare-event.js';

/**
 * Writes audit events. Always called with the transaction of the change it records, so an event exists if and
 * only if the change committed. Events are append-only and become transparency-log leaves (LogPending queue).
 */
@Injectable()
export class AuditService {
  async record<A extends AuditAction>(tx: Tx, input: AuditInput<A>): Promise<bigint> {
    const event = prepareEvent(input);
    // One plain statement (Prisma's create costs several times more CPU on this hot path): the row's trigger
    // queues it for the integrator (log_pending), and its position in the log, not a database id, is what
    // identifies a leaf publicly.
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO audit_event (at, actor_id, actor_label, action, subject_type, subject_id, details, leaf)
      VALUES (${event.at}, ${event.actorId}::uuid, ${event.actorLabel}, ${event.action}, ${event.subjectType},
              ${event.subjectId}, ${event.details}::jsonb, ${event.leaf})
      RETURNING id`;
    return rows[0]!.id;
  }
}
