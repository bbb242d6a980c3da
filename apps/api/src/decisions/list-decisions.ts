import type { DecisionList } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { expectRequest, recordRead } from '../requests/index.js';
import type { DecisionsContext } from './decisions-context.js';
import { DECISION_INCLUDE, summarise, toDecisionView } from './decision-view.js';

/** A request's decisions as recorded; they name selectors, so reading them is an event. */
export function listDecisions(ctx: DecisionsContext, actor: Identity, requestId: string): Promise<DecisionList> {
  return ctx.prisma.$transaction(async (tx) => {
    await expectRequest(tx, requestId);
    const rows = await tx.decision.findMany({
      where: { requestId },
      include: DECISION_INCLUDE,
      orderBy: [{ target: { createdAt: 'asc' } }, { targetId: 'asc' }, { category: 'asc' }],
    });
    const items = rows.map(toDecisionView);
    const summary = summarise(items);
    await recordRead(tx, ctx.audit, actor, requestId, 'decisions.read', {
      decisionIds: items.map((item) => item.id),
      targetIds: [...new Set(items.map((item) => item.target.id))],
    });
    return { items, summary };
  });
}
