import { AppError } from '../common/app-error.js';
import type { DisclosureContext } from './disclosure-context.js';
import { type Delivery, openDelivery, recordDelivery } from './deliver-package.js';
import { parseDownloadToken, secretMatches } from './download-token.js';
import { lockDisclosure } from './lock-disclosure.js';

const NO_SUCH_LINK = () =>
  new AppError(
    'NOT_FOUND',
    'This download link is not valid. Check that the whole link was copied; if it was, ask the platform for a new one.',
  );

/**
 * The authority's one download, public: a token that does not match answers 404 (forged and truncated alike), a
 * used or expired one 410, and none of these changes anything. The first good one delivers the package.
 */
export async function downloadPackage(ctx: DisclosureContext, token: string): Promise<Delivery> {
  const parsed = parseDownloadToken(token);
  if (!parsed) throw NO_SUCH_LINK();
  const now = new Date();
  const { disclosure, reference } = await ctx.prisma
    .$transaction(async (tx) => {
      const locked = await lockDisclosure(tx, parsed.disclosureId);
      const { disclosure } = locked;
      if (!secretMatches(parsed.secret, disclosure.linkTokenHash)) throw NO_SUCH_LINK();
      if (disclosure.status === 'DELIVERED' || disclosure.filesDeletedAt !== null) {
        throw new AppError(
          'DOWNLOAD_GONE',
          'This package was already downloaded, and its files are deleted: a link works once. Ask the platform if ' +
            'you did not receive it.',
        );
      }
      if (disclosure.downloadExpiresAt === null || disclosure.downloadExpiresAt.getTime() <= now.getTime()) {
        throw new AppError(
          'DOWNLOAD_GONE',
          `This download link expired at ${disclosure.downloadExpiresAt?.toISOString() ?? 'creation'}. Ask the platform for a new one.`,
        );
      }
      if (disclosure.status !== 'APPROVED' || disclosure.linkCreatedById === null) throw NO_SUCH_LINK();
      const creator = await tx.staff.findUniqueOrThrow({
        where: { id: disclosure.linkCreatedById },
        select: { email: true },
      });
      // The delivery was authorised when the link was made (its route demands REVIEWER or APPROVER); the authority's
      // download completes it, so the request's step is recorded as that person's.
      const deliverer = {
        staffId: disclosure.linkCreatedById,
        email: creator.email,
        roles: ['REVIEWER', 'APPROVER'] as const,
        via: 'token' as const,
      };
      await recordDelivery(ctx, tx, locked, 'LINK', { public: true }, deliverer, now);
      return { disclosure, reference: locked.request.reference };
    })
    .catch((error: unknown) => {
      // An unknown disclosure id reads as a bad link too, not as "no such package".
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw NO_SUCH_LINK();
      throw error;
    });
  return openDelivery(ctx, disclosure, reference);
}
