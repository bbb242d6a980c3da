import type { VerificationEvidenceAge } from '@writ/contracts';
import type { Tx } from '../database/index.js';

const HOUR_MS = 3_600_000;

/** The key id a signature verification recorded (verification/record-signature.ts puts the signer in its details). */
function signerKeyId(details: unknown): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const signer = (details as { signer?: unknown }).signer;
  if (typeof signer !== 'object' || signer === null) return null;
  const keyId = (signer as { keyId?: unknown }).keyId;
  return typeof keyId === 'string' && /^[0-9a-f-]{36}$/i.test(keyId) ? keyId : null;
}

/**
 * For each piece of verification evidence on a request: the registry entry it relied on (the key or certificate
 * that vouched for the signature, the channel the authority was called back on), when that entry was registered,
 * and whether it was younger than `minAgeHours` at the time. Read in the caller's transaction.
 */
export async function verificationEvidenceAge(
  tx: Tx,
  requestId: string,
  minAgeHours: number,
): Promise<VerificationEvidenceAge[]> {
  const rows = await tx.verification.findMany({
    where: { requestId },
    orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    include: { contactChannel: { select: { id: true, createdAt: true } } },
  });
  const keyIds = [...new Set(rows.map((row) => signerKeyId(row.details)).filter((id) => id !== null))];
  const keys = new Map(
    (await tx.authorityKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, createdAt: true } })).map(
      (key) => [key.id, key.createdAt],
    ),
  );
  return rows.map((row) => {
    const verifiedAt = row.method === 'OUT_OF_BAND' ? (row.contactedAt ?? row.recordedAt) : row.recordedAt;
    const keyId = row.method === 'SIGNATURE' ? signerKeyId(row.details) : null;
    const entry =
      row.method === 'OUT_OF_BAND'
        ? row.contactChannel && {
            type: 'CHANNEL' as const,
            id: row.contactChannel.id,
            at: row.contactChannel.createdAt,
          }
        : keyId && keys.has(keyId)
          ? { type: 'KEY' as const, id: keyId, at: keys.get(keyId)! }
          : null;
    const ageHours = entry ? (verifiedAt.getTime() - entry.at.getTime()) / HOUR_MS : 0;
    return {
      verificationId: row.id,
      method: row.method,
      result: row.result,
      verifiedAt: verifiedAt.toISOString(),
      registryEntry: entry
        ? {
            type: entry.type,
            id: entry.id,
            registeredAt: entry.at.toISOString(),
            ageAtVerificationHours: Math.round(ageHours * 100) / 100,
            recentlyRegistered: ageHours < minAgeHours,
          }
        : null,
    };
  });
}
