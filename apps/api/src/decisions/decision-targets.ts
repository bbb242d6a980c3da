import type { DecisionPreview, DecisionSummary } from '@writ/contracts';
import type { LoadedRequest } from './load-policy-rows.js';

type DecisionTarget = DecisionPreview['decisions'][number]['target'];

/** The targets as a decision names them (selector and role, no lookup), by id. */
export function targetsById(loaded: LoadedRequest): Map<string, DecisionTarget> {
  return new Map(
    loaded.targets.map((target) => [
      target.id,
      {
        id: target.id,
        selectorType: target.selectorType as DecisionTarget['selectorType'],
        value: target.value,
        role: target.role as DecisionTarget['role'],
      },
    ]),
  );
}

/** A summary's counts as the audit events publish them. */
export const counts = (summary: DecisionSummary) => ({
  decisions: summary.total,
  released: summary.released,
  denied: summary.denied,
  rejection: summary.rejection,
});
