import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { isForeignKeyViolation } from '../database/index.js';
import type { AuthoritiesContext } from './authorities-context.js';
import { lockAuthority } from './authority-lock.js';
import { aboutAuthority } from './about-authority.js';

/** Only an authority no request refers to can go: requests and reports must keep their issuer. */
export async function deleteAuthority(ctx: AuthoritiesContext, actor: Identity, id: string): Promise<void> {
  await ctx.prisma
    .$transaction(async (tx) => {
      // The row lock makes a concurrent intake for this authority wait for us (its foreign key needs the row).
      const current = await lockAuthority(tx, id);
      const requests = await tx.request.count({ where: { authorityId: id } });
      if (requests > 0) {
        throw new AppError(
          'CONFLICT',
          `${requests} request(s) refer to this authority, so it cannot be deleted; suspend it instead.`,
          { requests },
        );
      }
      const evidence = await tx.verification.count({ where: { contactChannel: { authorityId: id } } });
      if (evidence > 0) {
        throw new AppError('CONFLICT', 'Its contact channels are evidence in verifications; suspend it instead.');
      }
      await tx.authority.delete({ where: { id } });
      await ctx.audit.record(tx, {
        actor,
        action: 'authority.deleted',
        ...aboutAuthority(id),
        details: { name: current.name, kind: current.kind, country: current.country },
      });
    })
    .catch((error: unknown) => {
      if (isForeignKeyViolation(error)) {
        throw new AppError('CONFLICT', 'A request now refers to this authority; suspend it instead.');
      }
      throw error;
    });
}
