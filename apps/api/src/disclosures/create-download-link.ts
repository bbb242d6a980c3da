import { buildPath, DownloadPackageRoute, type DownloadLink } from '@writ/contracts';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Disclosure } from '../generated/prisma/client.js';
import type { DisclosureContext } from './disclosure-context.js';
import { newDownloadToken } from './download-token.js';
import { expireIfDue } from './expire-package.js';
import { assertNotPreparer } from './link-creator.js';
import { lockDisclosure } from './lock-disclosure.js';

/** Delivery (a link or an export) needs an approved package whose files are still there. */
export function assertDeliverable(disclosure: Disclosure): void {
  if (disclosure.status === 'EXPIRED') {
    throw new AppError(
      'DOWNLOAD_GONE',
      `The download link of this package expired unused (${disclosure.downloadExpiresAt?.toISOString() ?? ''}), so ` +
        'its files are deleted and the request went back to DECIDED: prepare a new package and have it approved.',
      { status: disclosure.status },
    );
  }
  if (disclosure.status === 'DELIVERED' || disclosure.filesDeletedAt !== null) {
    throw new AppError(
      'DOWNLOAD_GONE',
      disclosure.status === 'DELIVERED'
        ? `This package was delivered (${disclosure.deliveredVia ?? 'LINK'}, ${disclosure.deliveredAt?.toISOString() ?? ''}) and its files are deleted; it is delivered once.`
        : 'The files of this package are deleted (its download link expired, or it was rejected).',
      { status: disclosure.status },
    );
  }
  if (disclosure.status !== 'APPROVED') {
    throw new AppError(
      'DISCLOSURE_NOT_APPROVED',
      `This package is ${disclosure.status}; only an approved package can be delivered. An approver other than ` +
        'the person who prepared it must approve it first.',
      { status: disclosure.status },
    );
  }
}

/**
 * A one-time link for the authority, which has no account: the token is returned once and only its hash is kept.
 * Making a new link replaces an unused, unexpired one (a link sent to a wrong address can be withdrawn this way);
 * once a link has expired the package has too (expire-package.ts).
 */
export async function createDownloadLink(ctx: DisclosureContext, actor: Identity, id: string): Promise<DownloadLink> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.env.DISCLOSURE_LINK_TTL_HOURS * 3_600_000);
  const { token, hash } = newDownloadToken(id);
  await expireIfDue(ctx, id, now);
  await ctx.prisma.$transaction(async (tx) => {
    const { disclosure } = await lockDisclosure(tx, id);
    assertDeliverable(disclosure);
    assertNotPreparer(disclosure, actor, 'make its download link');
    await tx.disclosure.update({
      where: { id },
      data: { linkTokenHash: hash, linkCreatedById: actor.staffId, linkCreatedAt: now, downloadExpiresAt: expiresAt },
      select: { id: true },
    });
    await ctx.audit.record(tx, {
      actor,
      action: 'disclosure.link_created',
      subjectType: 'request',
      subjectId: disclosure.requestId,
      details: {
        disclosureId: id,
        expiresAt: expiresAt.toISOString(),
        replacesLink: disclosure.linkTokenHash !== null,
      },
    });
  });
  return {
    disclosureId: id,
    token,
    path: buildPath(DownloadPackageRoute.path, { token }),
    expiresAt: expiresAt.toISOString(),
  };
}
