import {
  checkAuditEvent,
  type AuditAction,
  type AuditDetails,
  type AuditPersonal,
  type AuditSubject,
} from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { encodeLeaf } from './leaf.js';

// No Nest here: scripts run by tsx (scripts/totp/reseal.ts) write audit events with it too.

export type Actor = Identity | { system: string } | { public: true };

/**
 * An audit event of a declared action (packages/contracts/src/audit): the subject type, public details and personal
 * identifiers are typed by its declaration, so an undeclared action or field does not compile, and prepareEvent
 * checks them again at run time (for callers that build details dynamically).
 */
export type AuditInput<A extends AuditAction = AuditAction> = {
  actor: Actor;
  action: A;
  subjectType: AuditSubject<A>;
  subjectId?: string | null;
} & (Record<never, never> extends AuditDetails<A>
  ? {
      /** Safe to publish: ids, statuses, counts, codes. Never a selector value, a name or a number. */
      details?: AuditDetails<A>;
    }
  : { details: AuditDetails<A> }) &
  (Record<never, never> extends AuditPersonal<A>
    ? {
        /** Personal identifiers (selector values, phone numbers, IPs): published only as salted commitments. */
        personal?: AuditPersonal<A>;
      }
    : { personal: AuditPersonal<A> });

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
export function prepareEvent<A extends AuditAction>(input: AuditInput<A>, at = new Date()): PreparedEvent {
  const who = actorId(input.actor);
  const subjectId = input.subjectId ?? null;
  const details = (input.details ?? {}) as Record<string, unknown>;
  const personal = (input.personal ?? {}) as Record<string, string>;
  checkAuditEvent(input.action, details, personal);
  const { leaf, openings } = encodeLeaf(
    {
      at: at.toISOString(),
      actor: who.leaf,
      action: input.action,
      subject: { type: input.subjectType, id: subjectId },
      details,
    },
    personal,
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
