import { DisclosureManifest, type DisclosureView } from '@writ/contracts';
import type { Disclosure } from '../generated/prisma/client.js';
import { effectiveStatus } from './expire-package.js';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export function toDisclosureView(row: Disclosure, verifierKey: string): DisclosureView {
  return {
    id: row.id,
    requestId: row.requestId,
    // An expired link ends the package from that instant, whether or not the sweeper has written it yet.
    status: effectiveStatus(row, new Date()),
    manifest: DisclosureManifest.parse(row.manifest),
    manifestSha256: row.sha256,
    signedManifest: row.signature ?? '',
    verifierKey,
    preparedById: row.preparedById,
    preparedAt: row.preparedAt.toISOString(),
    approvedById: row.approvedById,
    approvedAt: iso(row.approvedAt),
    rejectedById: row.rejectedById,
    rejectedAt: iso(row.rejectedAt),
    rejectionReason: row.rejectionReason,
    linkCreatedAt: iso(row.linkCreatedAt),
    downloadExpiresAt: iso(row.downloadExpiresAt),
    deliveredAt: iso(row.deliveredAt),
    deliveredVia: row.deliveredVia,
    filesDeleted: row.filesDeletedAt !== null,
  };
}
