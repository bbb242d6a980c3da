import {
  findTransition,
  type Outcome,
  type RequestDetail,
  type RequestStatus,
  type StaffRole,
  type Transition,
  type TransitionRequest,
  transitionsFrom,
} from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { expectVersion, lockRequest } from './lock-request.js';
import { recordTransition } from './record-transition.js';
import { loadRequestDetail } from './request-view.js';

const DRIVEN_BY: Record<NonNullable<Transition['drivenBy']>, string> = {
  verification: 'a second person confirming the verification evidence',
  policy: 'recording the policy decisions',
  disclosure: 'the disclosure workflow',
};

/** The checks of the lifecycle table (packages/contracts/src/requests/lifecycle.ts), in the order a person meets them. */
export function checkTransition(
  from: RequestStatus,
  input: Pick<TransitionRequest, 'to' | 'reason' | 'reasonCode'>,
  roles: readonly StaffRole[],
): Transition {
  const edge = findTransition(from, input.to);
  if (!edge) {
    const allowed = transitionsFrom(from).map((t) => t.to);
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `A request cannot go from ${from} to ${input.to}. ` +
        (allowed.length
          ? `From ${from} it can go to: ${allowed.join(', ')}.`
          : `${from} is final: nothing follows it.`),
      { from, to: input.to, allowed },
    );
  }
  if (!roles.some((role) => edge.roles.includes(role))) {
    throw new AppError(
      'FORBIDDEN',
      `To ${edge.action} (${from} → ${input.to}) you need the role ${edge.roles.join(' or ')}.`,
      { from, to: input.to, roles: edge.roles },
    );
  }
  const issues = [
    ...edge.requires
      .filter((field) => input[field] === undefined)
      .map((field) => ({ path: [field], message: `is required to ${edge.action}` })),
    ...(['reason', 'reasonCode'] as const)
      .filter((field) => input[field] !== undefined && !edge.allows.includes(field))
      .map((field) => ({ path: [field], message: `does not apply to ${edge.action}` })),
  ];
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path[0]}: ${i.message}`).join('; '), { issues });
  }
  return edge;
}

function outcomeOf(edge: Transition, input: Pick<TransitionRequest, 'reasonCode'>): Outcome | undefined {
  if (edge.outcome === 'FROM_REASON_CODE') return `REJECTED_${input.reasonCode!}`;
  return edge.outcome;
}

/**
 * Moves a request one step along its lifecycle in the caller's transaction: status, outcome and the DSA
 * timestamps on the request, a RequestTransition row and an audit event, or (on any refusal) nothing at all.
 * Exported for the features that drive the later steps (verification, policy, disclosure), which call it inside
 * their own transactions after their own preconditions.
 */
export async function transitionRequest(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: TransitionRequest,
  now = new Date(),
  drivenBy?: Transition['drivenBy'],
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  expectVersion(current, input.version);
  const from = current.status as RequestStatus;
  const edge = checkTransition(from, input, actor.roles);
  // Steps that carry evidence (verification, decisions, disclosure) happen only through the feature that checks
  // that evidence, never through the generic transitions route: otherwise a role could skip straight past them.
  if (edge.drivenBy && edge.drivenBy !== drivenBy) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `${from} → ${edge.to} happens only through ${DRIVEN_BY[edge.drivenBy]}, which checks its evidence first.`,
      { from, to: edge.to, drivenBy: edge.drivenBy },
    );
  }

  if (edge.notSameActorAs) {
    const previous = await tx.requestTransition.findFirst({
      where: { requestId: id, toStatus: edge.notSameActorAs },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { actorId: true },
    });
    if (previous?.actorId === actor.staffId) {
      throw new AppError(
        'SEPARATION_OF_DUTIES',
        `You moved this request to ${edge.notSameActorAs}; someone else must ${edge.action} (four eyes, POLICY.md).`,
      );
    }
  }

  let outcome = outcomeOf(edge, input);
  if (from === 'DECIDED') {
    // The decisions already fixed the outcome when nothing was releasable; closing must not rewrite it, and
    // "no data" only makes sense where something could have been released.
    const releases = await tx.decision.count({ where: { requestId: id, outcome: 'RELEASE' } });
    if (edge.to === 'NO_DATA' && releases === 0) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `No decision released anything for this request, so its outcome is ${current.outcome}, not NO_DATA; close it instead.`,
        { from, to: edge.to },
      );
    }
    if (current.outcome !== 'PENDING') outcome = current.outcome as Outcome;
  }
  const data: Prisma.RequestUncheckedUpdateInput = {};
  if (outcome) data.outcome = outcome;
  // DSA Art. 10 medians: receipt acknowledged at the latest when work starts; "given effect" at the final answer.
  if (from === 'RECEIVED' && !current.acknowledgedAt) data.acknowledgedAt = now;
  if (edge.answers && !current.respondedAt) data.respondedAt = now;
  if (edge.to === 'WITHDRAWN') data.withdrawnAt = now;
  await recordTransition(tx, audit, actor, current, {
    to: edge.to,
    reason: input.reason ?? null,
    reasonCode: input.reasonCode ?? null,
    outcome: outcome ?? current.outcome,
    data,
    // Staff write reasons in their own words, which may name people.
    personal: input.reason ? { reason: input.reason } : {},
    now,
  });
  return loadRequestDetail(tx, id, now);
}
