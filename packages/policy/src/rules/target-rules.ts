import type { ReleasableCategory } from '@writ/contracts';
import { DAY_MS, instantMillis } from '../instant.js';
import type { Order } from '../order.js';
import type { PolicyParameters } from '../policy-config.js';
import { type Reason, reason } from '../reason-code.js';
import { sameSelector } from '../selector.js';
import type { Target } from '../target.js';
import { instantWords, SELECTOR_WORDS } from '../words.js';

/**
 * docs/POLICY.md rule 4, "The target is named and is a suspect". The order is null when it could not be read; the
 * cross-check against its named targets is then skipped because INVALID_INPUT has already denied.
 */
export function checkTarget(target: Target, order: Order | null, out: Reason[]): void {
  const inOrder = order === null || order.namedTargets.some((named) => sameSelector(named, target.selector));
  if (!target.namedInOrder || !inOrder) {
    out.push(
      reason(
        'TARGET_NOT_NAMED',
        inOrder
          ? `This ${SELECTOR_WORDS[target.selector.type]} is not marked as explicitly named in the order.`
          : `This ${SELECTOR_WORDS[target.selector.type]} is not among the identifiers the order names.`,
      ),
    );
  }
  switch (target.role) {
    case 'SUSPECT':
      break;
    case 'VICTIM':
      out.push(
        reason(
          'TARGET_IS_VICTIM',
          'The order names this person as a victim; only suspects\u2019 data can be released.',
        ),
      );
      break;
    case 'WITNESS':
      out.push(
        reason(
          'TARGET_IS_WITNESS',
          'The order names this person as a witness; only suspects\u2019 data can be released.',
        ),
      );
      break;
    case 'UNSPECIFIED':
      out.push(reason('TARGET_ROLE_UNSPECIFIED', 'The order does not designate this person as a suspect.'));
      break;
  }
}

/** docs/POLICY.md rule 5, "The window is bounded": only IP addresses are tied to a window. */
export function checkWindow(
  target: Target,
  category: ReleasableCategory,
  parameters: PolicyParameters,
  out: Reason[],
): void {
  if (category !== 'IP_ADDRESS') return;
  const { start, end } = target.window;
  if (start === null || end === null) {
    out.push(reason('WINDOW_UNBOUNDED', 'IP addresses are released only for a window with a stated start and end.'));
    return;
  }
  const length = instantMillis(end) - instantMillis(start);
  if (length <= 0) {
    out.push(
      reason(
        'WINDOW_INVERTED',
        `The time window ends (${instantWords(end)}) before or when it starts (${instantWords(start)}).`,
      ),
    );
  } else if (length > parameters.maxWindowDays * DAY_MS) {
    const days = Math.ceil(length / DAY_MS);
    out.push(
      reason(
        'WINDOW_TOO_LONG',
        `The time window covers ${days} days; at most ${parameters.maxWindowDays} are allowed.`,
      ),
    );
  }
}
