import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DecisionList, DecisionPreview, Outcome, RecordedDecisions, RequestStatus } from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import { AuditService } from '../audit/audit.service.js';
import type { Identity } from '../auth/identity.js';
import { AppError, notFound } from '../common/app-error.js';
import { PrismaService, type Tx } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { POLICY } from '../policy/policy-config.provider.js';
import { lockRequest } from '../requests/lock-request.js';
import { transitionRequest } from '../requests/transition-request.js';
import { SUBSCRIBER_LOOKUP, type SubscriberLookup } from '../subscriber-data/subscriber-lookup.js';
import { summarise, toDecisionView } from './decision-view.js';
import { evaluateRequest, releaseScope } from './evaluate-request.js';
import { type LoadedRequest, loadRequestForPolicy } from './load-policy-rows.js';
import { toPolicyInputs } from './policy-inputs.js';

/** Up to 100 targets × 8 categories, each with its audit event, in one transaction. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

const DECISION_INCLUDE = {
  target: { select: { id: true, selectorType: true, value: true, role: true, lookupResult: true } },
} as const;

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

@Injectable()
export class DecisionsService {
  private readonly logger = new Logger('Decisions');

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(POLICY) private readonly policy: CompiledPolicy,
    @Inject(SUBSCRIBER_LOOKUP) private readonly lookup: SubscriberLookup,
  ) {}

  /** Nothing is stored but the audit event of reading the targets. */
  preview(actor: Identity, requestId: string): Promise<DecisionPreview> {
    const now = new Date();
    return this.prisma.$transaction(async (tx) => {
      const loaded = await loadRequestForPolicy(tx, requestId);
      const evaluated = evaluateRequest(this.policy, toPolicyInputs(loaded.rows), loaded.categories, now);
      const targets = targetsById(loaded);
      const decisions = evaluated.map(({ targetId, category, decision }) => ({
        target: targets.get(targetId)!,
        category,
        outcome: decision.outcome,
        reasons: decision.reasons,
        release: releaseScope(decision),
      }));
      const summary = summarise(decisions);
      await this.audit.record(tx, {
        actor,
        action: 'decision.previewed',
        subjectType: 'request',
        subjectId: requestId,
        details: { targetIds: loaded.targets.map((t) => t.id), policyHash: this.policy.hash, ...counts(summary) },
      });
      return {
        requestId,
        requestStatus: loaded.status,
        policyVersion: this.policy.version,
        policyHash: this.policy.hash,
        evaluatedAt: now.toISOString(),
        decisions,
        summary,
      };
    });
  }

  /**
   * Every decision, its audit event, the lookup of the targets something may be released for, and VERIFIED →
   * DECIDED, in one transaction. Once only: the request row lock serialises concurrent calls, the second finds
   * the decisions and answers ALREADY_EXISTS (and the unique (target, category) index backs that up).
   */
  async record(actor: Identity, requestId: string): Promise<RecordedDecisions> {
    const now = new Date();
    return this.prisma
      .$transaction(async (tx) => {
        const current = await lockRequest(tx, requestId);
        const existing = await tx.decision.count({ where: { requestId } });
        if (existing > 0) {
          throw new AppError(
            'ALREADY_EXISTS',
            `Decisions were already recorded for this request (${existing}); they are recorded once. ` +
              `Read them with GET /requests/${requestId}/decisions.`,
            { decisions: existing },
          );
        }
        assertDecidable(current.status as RequestStatus);
        const loaded = await loadRequestForPolicy(tx, requestId);
        const evaluated = evaluateRequest(this.policy, toPolicyInputs(loaded.rows), loaded.categories, now);
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
          await this.audit.record(tx, {
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

        await this.resolveReleasedTargets(
          tx,
          actor,
          loaded,
          new Set(rows.filter((r) => r.outcome === 'RELEASE').map((r) => r.targetId)),
        );
        await transitionRequest(tx, this.audit, actor, requestId, { to: 'DECIDED', version: current.version }, now);

        const summary = summarise(rows);
        let outcome = current.outcome as Outcome;
        if (summary.rejection !== null) {
          // Settled now for the reports; closing the request later (DECIDED → CLOSED) states it to the authority.
          outcome = `REJECTED_${summary.rejection}`;
          await tx.request.update({ where: { id: requestId }, data: { outcome }, select: { id: true } });
        }
        await this.audit.record(tx, {
          actor,
          action: 'decisions.recorded',
          subjectType: 'request',
          subjectId: requestId,
          details: { policyHash: this.policy.hash, outcome, ...counts(summary) },
        });

        const stored = await tx.decision.findMany({
          where: { requestId },
          include: DECISION_INCLUDE,
        });
        const order = new Map<string, number>(rows.map((row, index) => [row.id, index]));
        stored.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        return {
          requestStatus: 'DECIDED' as const,
          outcome,
          policyHash: this.policy.hash,
          items: stored.map(toDecisionView),
          summary,
        };
      }, TX_OPTIONS)
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw new AppError(
            'ALREADY_EXISTS',
            'Decisions were already recorded for this request; they are recorded once.',
          );
        }
        throw error;
      });
  }

  list(actor: Identity, requestId: string): Promise<DecisionList> {
    return this.prisma.$transaction(async (tx) => {
      const request = await tx.request.findUnique({ where: { id: requestId }, select: { id: true } });
      if (!request) throw notFound('This request');
      const rows = await tx.decision.findMany({
        where: { requestId },
        include: DECISION_INCLUDE,
        orderBy: [{ target: { createdAt: 'asc' } }, { targetId: 'asc' }, { category: 'asc' }],
      });
      const items = rows.map(toDecisionView);
      const summary = summarise(items);
      await this.audit.record(tx, {
        actor,
        action: 'decisions.read',
        subjectType: 'request',
        subjectId: requestId,
        details: {
          decisionIds: items.map((item) => item.id),
          targetIds: [...new Set(items.map((item) => item.target.id))],
        },
      });
      return { items, summary };
    });
  }

  /**
   * Which account each target designates, only for targets something may be released for: looking up a victim
   * or a witness would itself be processing nobody asked for. A store that cannot answer leaves the result
   * unset (disclosure looks again); it does not undo the decisions.
   */
  private async resolveReleasedTargets(
    tx: Tx,
    actor: Identity,
    loaded: LoadedRequest,
    released: Set<string>,
  ): Promise<void> {
    for (const target of loaded.targets) {
      if (!released.has(target.id)) continue;
      let lookup;
      try {
        lookup = await this.lookup.resolve({ type: target.selectorType as never, value: target.value });
      } catch (error) {
        this.logger.warn({ err: error, targetId: target.id }, 'subscriber lookup failed; the target stays unresolved');
        continue;
      }
      await tx.target.update({
        where: { id: target.id },
        data: { lookupResult: lookup.result, resolvedAccountId: lookup.accountId },
        select: { id: true },
      });
      await this.audit.record(tx, {
        actor,
        action: 'target.looked_up',
        subjectType: 'request',
        subjectId: loaded.id,
        details: { targetId: target.id, lookupResult: lookup.result },
        ...(lookup.accountId === null ? {} : { personal: { accountId: lookup.accountId } }),
      });
      target.lookupResult = lookup.result;
    }
  }
}

function targetsById(loaded: LoadedRequest) {
  return new Map(
    loaded.targets.map((target) => [
      target.id,
      {
        id: target.id,
        selectorType: target.selectorType as DecisionPreview['decisions'][number]['target']['selectorType'],
        value: target.value,
        role: target.role as DecisionPreview['decisions'][number]['target']['role'],
      },
    ]),
  );
}

const counts = (summary: { total: number; released: number; denied: number; rejection: string | null }) => ({
  decisions: summary.total,
  released: summary.released,
  denied: summary.denied,
  rejection: summary.rejection,
});
