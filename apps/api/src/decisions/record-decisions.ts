import { randomUUID } from 'node:crypto';
import type { Outcome, RecordedDecisions, RequestStatus } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { isUniqueViolation, TX } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { lockRequest, transitionRequest } from '../requests/index.js';
import { lookUpTargets, storeTargetLookups } from '../subscriber-data/index.js';
import type { DecisionsContext } from './decisions-context.js';
import { counts, targetsById } from './decision-targets.js';
import { DECISION_INCLUDE, summarise, toDecisionView } from './decision-view.js';
import { evaluateRequest } from './evaluate-request.js';
import { type LoadedRequest, loadRequestForPolicy } from './load-policy-rows.js';
import { toPolicyInputs } from './policy-inputs.js';

/** Decisions are recorded on a VERIFIED request; the message says what to do from anywhere else. */
function assertDecidable(status: RequestStatus): void {
  if (status === 'VERIFIED') return;
  if (status === 'RECEIVED' || status === 'IN_REVIEW') {
    throw new AppError(
      'VERIFICATION_INCOMPLETE',
      `The request is ${status}: its order is not verified yet. Record verification evidence and have a second ` +
        'person confirm it; the request then moves to VERIFIED and decisions can be recorded.',
      { status },
    );
  }
  throw new AppError('ILLEGAL_TRANSITION', `Decisions are recorded on a VERIFIED request; this one is ${status}.`, {
    from: status,
    to: 'DECIDED',
  });
}

/**
 * Every decision, its audit event and VERIFIED → DECIDED in one transaction. Once only: the request row lock
 * serialises concurrent calls, the second finds the decisions and answers ALREADY_EXISTS (and the unique
 * (target, category) index backs that up). Then, outside that transaction, the targets something may be
 * released for are looked up in the subscriber store.
 */
export async function recordDecisions(
  ctx: DecisionsContext,
  actor: Identity,
  requestId: string,
): Promise<RecordedDecisions> {
  const now = new Date();
  const { policy } = ctx;
  const recorded = await ctx.prisma
    .$transaction(async (tx) => {
      const current = await lockRequest(tx, requestId);
      const existing = await tx.decision.count({ where: { requestId } });
      if (existing > 0) {
        throw new AppError(
          'ALREADY_EXISTS',
          `Decisions were already recorded for this request (${existing}); they are recorded once. ` +
            'Reload the request to see them.',
          { decisions: existing },
        );
      }
      assertDecidable(current.status as RequestStatus);
      const loaded = await loadRequestForPolicy(tx, requestId);
      const evaluated = evaluateRequest(policy, toPolicyInputs(loaded.rows), loaded.categories, now);
      const rows = evaluated.map(({ targetId, category, decision }) => ({
        id: randomUUID(),
        requestId,
        targetId,
        category,
        outcome: decision.outcome,
        reasons: decision.reasons,
        policyHash: decision.policyHash,
        decidedById: actor.staffId,
        decidedAt: now,
      }));
      await tx.decision.createMany({
        data: rows.map((row) => ({ ...row, reasons: row.reasons as Prisma.InputJsonValue })),
      });

      const targets = targetsById(loaded);
      for (const row of rows) {
        const target = targets.get(row.targetId)!;
        await ctx.audit.record(tx, {
          actor,
          action: 'decision.recorded',
          subjectType: 'decision',
          subjectId: row.id,
          details: {
            requestId,
            targetId: row.targetId,
            category: row.category,
            outcome: row.outcome,
            reasonCodes: row.reasons.map((reason) => reason.code),
            policyHash: row.policyHash,
          },
          personal: { selector: `${target.selectorType}:${target.value}` },
        });
      }

      await transitionRequest(
        tx,
        ctx.audit,
        actor,
        requestId,
        { to: 'DECIDED', version: current.version },
        now,
        'policy',
      );

      const summary = summarise(rows);
      let outcome = current.outcome as Outcome;
      if (summary.rejection !== null) {
        // Settled now for the reports; closing the request later (DECIDED → CLOSED) states it to the authority.
        outcome = `REJECTED_${summary.rejection}`;
        await tx.request.update({ where: { id: requestId }, data: { outcome }, select: { id: true } });
      }
      await ctx.audit.record(tx, {
        actor,
        action: 'decisions.recorded',
        subjectType: 'request',
        subjectId: requestId,
        details: { policyHash: policy.hash, outcome, ...counts(summary) },
      });

      const released = new Set(rows.filter((row) => row.outcome === 'RELEASE').map((row) => row.targetId));
      return {
        order: rows.map((row) => row.id),
        releasedTargets: loaded.targets.filter((target) => released.has(target.id)),
        response: { requestStatus: 'DECIDED' as const, outcome, policyHash: policy.hash, summary },
      };
    }, TX.bulk)
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new AppError(
          'ALREADY_EXISTS',
          'Decisions were already recorded for this request; they are recorded once.',
        );
      }
      throw error;
    });

  await resolveTargets(ctx, actor, requestId, recorded.releasedTargets);
  const stored = await ctx.prisma.decision.findMany({ where: { requestId }, include: DECISION_INCLUDE });
  const position = new Map<string, number>(recorded.order.map((id, index) => [id, index]));
  stored.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return { ...recorded.response, items: stored.map(toDecisionView) };
}

/**
 * Which account each target designates, only for targets something may be released for: looking up a victim
 * or a witness would itself be processing nobody asked for. The store may be the platform's own (a remote
 * service), so it is asked outside any transaction; one that cannot answer leaves the result unset for
 * disclosure to ask again, and never undoes the decisions.
 */
async function resolveTargets(
  ctx: DecisionsContext,
  actor: Identity,
  requestId: string,
  targets: LoadedRequest['targets'],
): Promise<void> {
  const { found, failed } = await lookUpTargets(ctx.lookup, targets);
  for (const { id, error } of failed) {
    ctx.logger.warn({ err: error, targetId: id }, 'subscriber lookup failed; the target stays unresolved');
  }
  if (found.length === 0) return;
  // The decisions are committed by now: a failure here is logged, and the answer still reports them.
  try {
    await ctx.prisma.$transaction((tx) => storeTargetLookups(tx, ctx.audit, actor, requestId, found));
  } catch (error) {
    ctx.logger.error({ err: error, requestId }, 'could not store the target lookups; the targets stay unresolved');
  }
}
