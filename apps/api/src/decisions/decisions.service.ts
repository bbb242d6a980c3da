import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DecisionList, DecisionPreview, Outcome, RecordedDecisions, RequestStatus } from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { isUniqueViolation, PrismaService, TX } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { POLICY } from '../policy/index.js';
import { lockRequest, transitionRequest } from '../requests/index.js';
import {
  lookUpTargets,
  storeTargetLookups,
  SUBSCRIBER_LOOKUP,
  type SubscriberLookup,
} from '../subscriber-data/index.js';
import { summarise, toDecisionView } from './decision-view.js';
import { evaluateRequest, releaseScope } from './evaluate-request.js';
import { type LoadedRequest, loadRequestForPolicy } from './load-policy-rows.js';
import { toPolicyInputs } from './policy-inputs.js';
import { verificationEvidenceAge } from './verification-evidence-age.js';

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
    @Inject(ENV) private readonly env: Env,
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
      const minAgeHours = this.env.REGISTRY_KEY_MIN_AGE_HOURS;
      const verifications = await verificationEvidenceAge(tx, requestId, minAgeHours);
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
        verifications,
        registryKeyMinAgeHours: minAgeHours,
      };
    });
  }

  /**
   * Every decision, its audit event and VERIFIED → DECIDED in one transaction. Once only: the request row lock
   * serialises concurrent calls, the second finds the decisions and answers ALREADY_EXISTS (and the unique
   * (target, category) index backs that up). Then, outside that transaction, the targets something may be
   * released for are looked up in the subscriber store.
   */
  async record(actor: Identity, requestId: string): Promise<RecordedDecisions> {
    const now = new Date();
    const recorded = await this.prisma
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

        await transitionRequest(
          tx,
          this.audit,
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
        await this.audit.record(tx, {
          actor,
          action: 'decisions.recorded',
          subjectType: 'request',
          subjectId: requestId,
          details: { policyHash: this.policy.hash, outcome, ...counts(summary) },
        });

        const released = new Set(rows.filter((row) => row.outcome === 'RELEASE').map((row) => row.targetId));
        return {
          order: rows.map((row) => row.id),
          releasedTargets: loaded.targets.filter((target) => released.has(target.id)),
          response: { requestStatus: 'DECIDED' as const, outcome, policyHash: this.policy.hash, summary },
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

    await this.resolveTargets(actor, requestId, recorded.releasedTargets);
    const stored = await this.prisma.decision.findMany({ where: { requestId }, include: DECISION_INCLUDE });
    const position = new Map<string, number>(recorded.order.map((id, index) => [id, index]));
    stored.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
    return { ...recorded.response, items: stored.map(toDecisionView) };
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
   * or a witness would itself be processing nobody asked for. The store may be the platform's own (a remote
   * service), so it is asked outside any transaction; one that cannot answer leaves the result unset for
   * disclosure to ask again, and never undoes the decisions.
   */
  private async resolveTargets(actor: Identity, requestId: string, targets: LoadedRequest['targets']): Promise<void> {
    const { found, failed } = await lookUpTargets(this.lookup, targets);
    for (const { id, error } of failed) {
      this.logger.warn({ err: error, targetId: id }, 'subscriber lookup failed; the target stays unresolved');
    }
    if (found.length === 0) return;
    // The decisions are committed by now: a failure here is logged, and the answer still reports them.
    try {
      await this.prisma.$transaction((tx) => storeTargetLookups(tx, this.audit, actor, requestId, found));
    } catch (error) {
      this.logger.error({ err: error, requestId }, 'could not store the target lookups; the targets stay unresolved');
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
