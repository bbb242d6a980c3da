import type { VerificationView } from '@writ/contracts';
import { z } from 'zod';

export interface VerificationRow {
  id: string;
  requestId: string;
  method: 'SIGNATURE' | 'OUT_OF_BAND';
  result: string;
  documentId: string | null;
  contactPerson: string | null;
  contactedAt: Date | null;
  note: string | null;
  details: unknown;
  recordedById: string;
  recordedAt: Date;
  confirmedById: string | null;
  confirmedAt: Date | null;
  contactChannel: { id: string; kind: string; value: string; label: string | null } | null;
}

/** What SIGNATURE evidence keeps in `details` (written by record-signature.ts). */
export const SignatureDetails = z.object({
  authorityId: z.string(),
  documentSha256: z.string(),
  signatureSha256: z.string(),
  format: z.string(),
  message: z.string(),
  signer: z
    .object({
      keyId: z.string(),
      fingerprint: z.string().optional(),
      subject: z.string().optional(),
      serialNumber: z.string().optional(),
      certificateSha256: z.string().optional(),
    })
    .nullable(),
  checkedAt: z.string(),
});
export type SignatureDetails = z.infer<typeof SignatureDetails>;

export function toVerificationView(row: VerificationRow): VerificationView {
  const signature = row.method === 'SIGNATURE' ? SignatureDetails.safeParse(row.details) : null;
  return {
    id: row.id,
    requestId: row.requestId,
    method: row.method,
    result: row.result,
    signature:
      signature?.success && row.documentId !== null
        ? {
            documentId: row.documentId,
            documentSha256: signature.data.documentSha256,
            format: signature.data.format,
            message: signature.data.message,
            signer: signature.data.signer,
            checkedAt: signature.data.checkedAt,
          }
        : null,
    outOfBand:
      row.method === 'OUT_OF_BAND' && row.contactChannel !== null && row.contactedAt !== null
        ? {
            contactChannel: row.contactChannel,
            contactPerson: row.contactPerson ?? '',
            contactedAt: row.contactedAt.toISOString(),
            note: row.note ?? '',
          }
        : null,
    recordedById: row.recordedById,
    recordedAt: row.recordedAt.toISOString(),
    confirmedById: row.confirmedById,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}

export const VERIFICATION_INCLUDE = {
  contactChannel: { select: { id: true, kind: true, value: true, label: true } },
} as const;
