import type { DecisionPreview } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import type { DecisionsContext } from './decisions-context.js';
import { counts, targetsById } from './decision-targets.js';
import { summarise } from './decision-view.js';
import { evaluateRequest, releaseScope } from './evaluate-request.js';
import { loadRequestForPolicy } from './load-policy-rows.js';
import { toPolicyInputs } from './policy-inputs.js';
import { verificationEvidenceAge } from './verification-evidence-age.js';

/** What the policy would decide now. Nothing is stored but the audit event of reading the targets. */
export function previewDecisions(ctx: DecisionsContext, actor: Identity, requestId: string): Promise<DecisionPreview> {
  const now = new Date();
  const { policy } = ctx;
  return ctx.prisma.$transaction(async (tx) => {
    const loaded = await loadRequestForPolicy(tx, requestId);
    const evaluated = evaluateRequest(policy, toPolicyInputs(loaded.rows), loaded.categories, now);
    const targets = targetsById(loaded);
    const decisions = evaluated.map(({ targetId, category, decision }) => ({
      target: targets.get(targetId)!,
      category,
      outcome: decision.outcome,
      reasons: decision.reasons,
      release: releaseScope(decision),
    }));
    const summary = summarise(decisions);
    const minAgeHours = ctx.env.REGISTRY_KEY_MIN_AGE_HOURS;
    const verifications = await verificationEvidenceAge(tx, requestId, minAgeHours);
    await ctx.audit.record(tx, {
      actor,
      action: 'decision.previewed',
      subjectType: 'request',
      subjectId: requestId,
      details: { targetIds: loaded.targets.map((t) => t.id), policyHash: policy.hash, ...counts(summary) },
    });
    return {
      requestId,
      requestStatus: loaded.status,
      policyVersion: policy.version,
      policyHash: policy.hash,
      evaluatedAt: now.toISOString(),
      decisions,
      summary,
      verifications,
      registryKeyMinAgeHours: minAgeHours,
    };
  });
}
