import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/prisma.service.js';
import type { Identity } from '../auth/identity.js';
import { encodeLeaf } from './leaf.js';

export type Actor = Identity | { system: string } | { public: true };

export interface AuditInput {
  actor: Actor;
  /** dotted verb, e.g. "request.created", "document.read", "decision.recorded" */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** Safe to publish: ids, statuses, counts, codes. Never a selector value, a name or a number. */
  details?: Record<string, unknown>;
  /** Personal identifiers (selector values, phone numbers, IPs): published only as salted commitments. */
  personal?: Record<string, string>;
}

function actorId(actor: Actor): { id: string | null; label: string; leaf: string } {
  if ('staffId' in actor) return { id: actor.staffId, label: actor.email, leaf: `staff:${actor.staffId}` };
  if ('system' in actor) return { id: null, label: `system:${actor.system}`, leaf: `system:${actor.system}` };
  return { id: null, label: 'public', leaf: 'public' };
}

/**
 * Writes audit events. Always called with the transaction of the change it records, so an event exists if and
 * only if the change committed. Events are append-only and become transparency-log leaves (LogPending queue).
 */
@Injectable()
export class AuditService {
  async record(tx: Tx, input: AuditInput): Promise<bigint> {
    const at = new Date();
    const who = actorId(input.actor);
    const subjectId = input.subjectId ?? null;
    const details = input.details ?? {};
    const { leaf, openings } = encodeLeaf(
      {
        at: at.toISOString(),
        actor: who.leaf,
        action: input.action,
        subject: { type: input.subjectType, id: subjectId },
        details,
      },
      input.personal,
    );
    // One plain statement (Prisma's create costs several times more CPU on this hot path): the row's trigger
    // queues it for the integrator (log_pending), and its position in the log, not a database id, is what
    // identifies a leaf publicly.
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO audit_event (at, actor_id, actor_label, action, subject_type, subject_id, details, leaf)
      VALUES (${at}, ${who.id}::uuid, ${who.label}, ${input.action}, ${input.subjectType}, ${subjectId},
              ${JSON.stringify({ ...details, personal: openings })}::jsonb, ${leaf})
      RETURNING id`;
    const id = rows[0]!.id;
    return id;
  }
}
