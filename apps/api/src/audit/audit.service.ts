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

/** An audit event ready to insert: what `record` writes, for a caller that folds the INSERT into its own statement. */
export interface PreparedEvent {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  /** The auditor's copy: the public details plus the openings of the personal identifiers' commitments. */
  details: string;
  /** The public view as RFC 8785 bytes: the transparency-log leaf. */
  leaf: Buffer;
}

/** Builds the row for an audit event: its public leaf (personal identifiers as salted commitments) and the full copy. */
export function prepareEvent(input: AuditInput, at = new Date()): PreparedEvent {
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
  return {
    at,
    actorId: who.id,
    actorLabel: who.label,
    action: input.action,
    subjectType: input.subjectType,
    subjectId,
    details: JSON.stringify({ ...details, personal: openings }),
    leaf,
  };
}

/**
 * Writes audit events. Always called with the transaction of the change it records, so an event exists if and
 * only if the change committed. Events are append-only and become transparency-log leaves (LogPending queue).
 */
@Injectable()
export class AuditService {
  async record(tx: Tx, input: AuditInput): Promise<bigint> {
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
