import { AppError } from '../common/index.js';
import type { Disclosure } from '../generated/prisma/client.js';
import type { DisclosureContext } from './disclosure-context.js';
import { type Delivery, openDelivery, recordDelivery } from './deliver-package.js';
import { parseDownloadToken, secretMatches } from './download-token.js';
import { expireIfDue } from './expire-package.js';
import { checkLinkCreator } from './link-creator.js';
import { lockDisclosure } from './lock-disclosure.js';

export const NO_SUCH_LINK = () =>
  new AppError(
    'NOT_FOUND',
    'This download link is not valid. Check that the whole link was copied; if it was, ask the platform for a new one.',
  );

/** The 410 of a link that no longer delivers, saying why. */
export function goneLink(disclosure: Disclosure): AppError {
  if (disclosure.status === 'DELIVERED') {
    return new AppError(
      'DOWNLOAD_GONE',
      'This package was already downloaded, and its files are deleted: a link works once. Ask the platform if ' +
        'you did not receive it.',
    );
  }
  return new AppError(
    'DOWNLOAD_GONE',
    `This download link expired at ${disclosure.downloadExpiresAt?.toISOString() ?? 'creation'}. Ask the platform for a new one.`,
  );
}

const REVOKED = () =>
  new AppError(
    'DOWNLOAD_LINK_REVOKED',
    'This download link was withdrawn: the person who made it may no longer hand packages over. Nothing was ' +
      'downloaded; ask the platform for a new link.',
  );

/**
 * The authority's one download, public and by POST only (GET and HEAD describe the link, describe-download.ts, so a
 * mail scanner following it burns nothing): a token that does not match answers 404 (forged and truncated alike), a
 * used or expired one 410, and none of these changes anything. The first good one delivers the package, provided
 * the link's creator may still deliver; otherwise the refusal is recorded and nothing is delivered.
 */
export async function downloadPackage(ctx: DisclosureContext, token: string): Promise<Delivery> {
  const parsed = parseDownloadToken(token);
  if (!parsed) throw NO_SUCH_LINK();
  const now = new Date();
  await expireIfDue(ctx, parsed.disclosureId, now).catch(() => undefined); // a bad id is answered below
  const outcome = await ctx.prisma
    .$transaction(async (tx) => {
      const locked = await lockDisclosure(tx, parsed.disclosureId);
      const { disclosure } = locked;
      if (!secretMatches(parsed.secret, disclosure.linkTokenHash)) throw NO_SUCH_LINK();
      if (disclosure.status === 'DELIVERED' || disclosure.status === 'EXPIRED' || disclosure.filesDeletedAt !== null) {
        throw goneLink(disclosure);
      }
      if (disclosure.downloadExpiresAt === null || disclosure.downloadExpiresAt.getTime() <= now.getTime()) {
        throw goneLink(disclosure);
      }
      if (disclosure.status !== 'APPROVED' || disclosure.linkCreatedById === null) throw NO_SUCH_LINK();
      const creator = await checkLinkCreator(tx, disclosure);
      if (!creator.ok) {
        // Committed on its own (nothing else is written): the log shows the authority came and was turned away.
        await ctx.audit.record(tx, {
          actor: { public: true },
          action: 'disclosure.download_refused',
          subjectType: 'request',
          subjectId: disclosure.requestId,
          details: { disclosureId: disclosure.id, linkCreatedById: creator.linkCreatedById, why: creator.why },
        });
        return { refused: true as const };
      }
      await recordDelivery(ctx, tx, locked, 'LINK', { public: true }, creator.deliverer, now);
      return { refused: false as const, disclosure, reference: locked.request.reference };
    })
    .catch((error: unknown) => {
      // An unknown disclosure id reads as a bad link too, not as "no such package".
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw NO_SUCH_LINK();
      throw error;
    });
  if (outcome.refused) throw REVOKED();
  return openDelivery(ctx, outcome.disclosure, outcome.reference);
}
