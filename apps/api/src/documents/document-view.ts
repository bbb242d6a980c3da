import type { DocumentMetadata } from '@writ/contracts';
import type { Document as DocumentRow } from '../generated/prisma/client.js';

export function toMetadata(row: DocumentRow): DocumentMetadata {
  return {
    id: row.id,
    requestId: row.requestId,
    kind: row.kind,
    filename: row.filename,
    mediaType: row.mediaType,
    size: row.size,
    sha256: row.sha256,
    signature:
      row.signatureFormat && row.signatureSha256 ? { format: row.signatureFormat, sha256: row.signatureSha256 } : null,
    uploadedById: row.uploadedById,
    createdAt: row.createdAt.toISOString(),
  };
}

/** "1 KiB", "25 MiB": limits in messages people read. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
