import { DisclosureManifest, PACKAGE_MANIFEST_FILE, type PackageLinkInfo } from '@writ/contracts';
import type { DisclosureContext } from './disclosure-context.js';
import { NO_SUCH_LINK } from './download-package.js';
import { parseDownloadToken, secretMatches } from './download-token.js';
import { effectiveStatus } from './expire-package.js';
import { checkLinkCreator } from './link-creator.js';

/**
 * What a one-time link is, for GET and HEAD: read only, so a mail scanner's prefetch, a link preview or the
 * authority opening it twice burns nothing; only a POST delivers (download-package.ts). Answers only to the whole
 * token, as the download does, and shows no released value: the request, the files, their sizes, the counts.
 */
export async function describeDownload(ctx: DisclosureContext, token: string): Promise<PackageLinkInfo> {
  const parsed = parseDownloadToken(token);
  if (!parsed) throw NO_SUCH_LINK();
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    const disclosure = await tx.disclosure.findUnique({ where: { id: parsed.disclosureId } });
    // Compared even when there is no such package, so that case takes as long as a wrong secret.
    const matches = secretMatches(parsed.secret, disclosure?.linkTokenHash ?? null);
    if (!disclosure || !matches) throw NO_SUCH_LINK();
    const status = effectiveStatus(disclosure, now);
    if (status !== 'APPROVED' && status !== 'DELIVERED' && status !== 'EXPIRED') throw NO_SUCH_LINK();
    let state: PackageLinkInfo['state'] =
      status === 'DELIVERED' ? 'DELIVERED' : status === 'EXPIRED' || disclosure.filesDeletedAt ? 'EXPIRED' : 'READY';
    if (state === 'READY' && !(await checkLinkCreator(tx, disclosure)).ok) state = 'REVOKED';
    const request = await tx.request.findUniqueOrThrow({
      where: { id: disclosure.requestId },
      select: { reference: true, caseNumber: true },
    });
    const manifest = DisclosureManifest.parse(disclosure.manifest);
    const signed = Buffer.byteLength(disclosure.signature ?? '', 'utf8');
    const files = [
      { name: PACKAGE_MANIFEST_FILE, size: signed, sha256: null },
      ...manifest.files.map((file) => ({ name: file.name, size: file.size, sha256: file.sha256 })),
    ];
    return {
      reference: request.reference,
      caseNumber: request.caseNumber,
      state,
      usable: state === 'READY',
      expiresAt: disclosure.downloadExpiresAt?.toISOString() ?? null,
      deliveredAt: disclosure.deliveredAt?.toISOString() ?? null,
      files,
      totalSize: files.reduce((sum, file) => sum + file.size, 0),
      items: manifest.items,
      verifierKey: ctx.keys.verifierKey,
    };
  });
}
