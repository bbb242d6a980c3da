import type { Identity } from '../auth/identity.js';
import { encodeLeaf } from './leaf.js';

// No Nest here: scripts run by tsx (scripts/totp/reseal.ts) write audit events with it too.

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
