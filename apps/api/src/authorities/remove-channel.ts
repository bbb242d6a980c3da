import type { Identity } from '../auth/index.js';
import { AppError, notFound } from '../common/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { aboutAuthority } from './about-authority.js';

/** A channel that a verification used is evidence and stays; one never used can go, at once. */
export async function removeChannel(
  ctx: AuthoritiesContext,
  actor: Identity,
  authorityId: string,
  channelId: string,
): Promise<void> {
  await ctx.prisma.$transaction(async (tx) => {
    // Locked first: a verification recorded concurrently must either be counted here or fail its foreign key.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM authority_contact_channel WHERE id = ${channelId}::uuid AND authority_id = ${authorityId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound('This contact channel');
    const uses = await tx.verification.count({ where: { contactChannelId: channelId } });
    if (uses > 0) {
      throw new AppError(
        'CONFLICT',
        `This channel was used in ${uses} verification(s) and is kept as their evidence; add the new channel alongside it.`,
        { verifications: uses },
      );
    }
    const row = await tx.authorityContactChannel.delete({ where: { id: channelId } });
    // The channel's value may name a person (a clerk's e-mail): the event shows only its kind.
    await ctx.audit.record(tx, {
      actor,
      action: 'authority.channel.removed',
      ...aboutAuthority(authorityId),
      details: { channelId, kind: row.kind },
    });
  });
}
