import type { AddContactChannelRequest, RegistryChange } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { lockAuthority } from './authority-lock.js';
import { normaliseChannel, refuseSameChannel } from './channel-value.js';
import { proposeRegistryChange } from './record-registry-change.js';

/** Clocks differ a little; a verification "now" on another machine must not be refused as future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * A contact channel is evidence for verifying an order (docs/POLICY.md, "Verification"), so adding one is only
 * proposed: it is added when another admin approves it (apply-registry-change.ts).
 */
export function proposeChannel(
  ctx: AuthoritiesContext,
  actor: Identity,
  authorityId: string,
  input: AddContactChannelRequest,
): Promise<RegistryChange> {
  const value = normaliseChannel(input.kind, input.value);
  const verifiedAt = input.verifiedAt ? new Date(input.verifiedAt) : new Date();
  if (verifiedAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw new AppError('VALIDATION_FAILED', 'verifiedAt: is in the future; record when the channel was verified', {
      issues: [{ path: ['verifiedAt'], message: 'is in the future' }],
    });
  }
  return proposeRegistryChange(ctx, actor, async (tx) => {
    await lockAuthority(tx, authorityId);
    await refuseSameChannel(tx, authorityId, input.kind, value);
    return {
      kind: 'ADD_CHANNEL',
      authorityId,
      payload: {
        channel: { kind: input.kind, value, label: input.label ?? null, verifiedAt: verifiedAt.toISOString() },
      },
    };
  });
}
