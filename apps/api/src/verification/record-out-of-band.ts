import type { OutOfBandResult, RecordedVerification, RecordOutOfBandVerification } from '@writ/contracts';
import type { OutOfBandOutcome } from '@writ/policy';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { TX } from '../database/index.js';
import { lockRequest } from '../requests/index.js';
import { assertCollecting, assertRoom, invalid } from './evidence-rules.js';
import { storeEvidence } from './store-evidence.js';
import type { VerificationContext } from './verification-context.js';

/** Clocks differ a little; a contact "now" on the caller's machine must not be refused as future. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** People note the time of a call to the minute (the portal's field has no seconds). */
const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

/**
 * A call-back confirms the order the platform holds: one dated before the order was issued, or before the request
 * reached the platform, cannot be about it (a typo, or evidence borrowed from another case). Compared to the
 * minute, so a call made in the minute the request arrived, noted without seconds, is not refused.
 */
function assertContactAfterOrder(contactedAt: Date, request: { receivedAt: Date; issuedAt: Date | null }): void {
  if (request.issuedAt && minuteOf(contactedAt) < minuteOf(request.issuedAt)) {
    throw invalid(
      'contactedAt',
      `is before the order was issued (${request.issuedAt.toISOString()}); record when the authority was contacted about this order`,
    );
  }
  if (minuteOf(contactedAt) < minuteOf(request.receivedAt)) {
    throw invalid(
      'contactedAt',
      `is before the request was received (${request.receivedAt.toISOString()}); record when the authority was contacted about this order`,
    );
  }
}

/**
 * A call-back to the authority through a channel of its registry entry, with what it said (docs/POLICY.md: the
 * channel must come from the registry entry of the issuing authority, never from the order).
 */
export async function recordOutOfBand(
  ctx: VerificationContext,
  actor: Identity,
  requestId: string,
  body: RecordOutOfBandVerification,
): Promise<RecordedVerification> {
  const now = new Date();
  const contactedAt = new Date(body.contactedAt);
  if (contactedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid('contactedAt', 'is in the future; record when the authority was contacted');
  }
  return ctx.prisma.$transaction(async (tx) => {
    const current = await lockRequest(tx, requestId);
    assertCollecting(current.status);
    assertContactAfterOrder(contactedAt, current);
    await assertRoom(tx, requestId);
    const channel = await tx.authorityContactChannel.findUnique({ where: { id: body.contactChannelId } });
    if (!channel || channel.authorityId !== current.authorityId) {
      throw new AppError(
        'CHANNEL_NOT_IN_REGISTRY',
        'That contact channel is not registered for the issuing authority. Confirm the order through one of the ' +
          "channels in the authority's registry entry, never through contact details taken from the order itself.",
        { contactChannelId: body.contactChannelId, authorityId: current.authorityId },
      );
    }
    return storeEvidence(ctx, tx, actor, {
      request: current,
      row: {
        method: 'OUT_OF_BAND',
        result: body.outcome,
        contactChannelId: channel.id,
        contactPerson: body.contactPerson,
        contactedAt,
        note: body.note,
        details: { authorityId: channel.authorityId, channelKind: channel.kind },
      },
      details: {
        method: 'OUT_OF_BAND',
        result: body.outcome,
        contactChannelId: channel.id,
        channelKind: channel.kind,
        contactedAt: contactedAt.toISOString(),
      },
      personal: { contactPerson: body.contactPerson, note: body.note },
      at: now,
    });
  }, TX.evidence);
}

// The contract's outcomes are the engine's: if either list changes alone, tsc fails here.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const outcomesAgree: Equal<OutOfBandResult, OutOfBandOutcome> = true;
void outcomesAgree;
