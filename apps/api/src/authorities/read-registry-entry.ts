import { notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import { materialBytes } from './key-material.js';

/** What other features need from the registry to verify an order (docs/POLICY.md, "Verification"). Plain data. */
export interface AuthorityRegistryEntry {
  id: string;
  name: string;
  kind: 'COURT' | 'PROSECUTOR' | 'POLICE' | 'ADMINISTRATIVE' | 'OTHER';
  country: string;
  jurisdiction: string;
  /** A SUSPENDED authority must not be relied on; the caller decides what that means for its step. */
  status: 'ACTIVE' | 'SUSPENDED';
  /** Keys not revoked. Their windows still apply: check them against the signing time or `at`. */
  keys: Array<{
    id: string;
    kind: 'ED25519' | 'X509';
    /** ED25519: base64 raw key. X509: PEM certificate. */
    material: string;
    /** ED25519: the raw 32-byte public key. X509: the DER certificate. */
    bytes: Uint8Array;
    fingerprint: string;
    validFrom: Date;
    validTo: Date;
  }>;
  /** The only channels an out-of-band confirmation may use. */
  channels: Array<{
    id: string;
    kind: 'EMAIL' | 'PHONE' | 'PORTAL' | 'POST';
    value: string;
    label: string | null;
    verifiedAt: Date;
  }>;
}

/**
 * The registry entry other features verify against: the authority, its keys that are not revoked, and its
 * contact channels. Pass `tx` to read inside your own transaction; pass `at` to keep only keys whose
 * validity window contains that instant (e.g. the time an order was signed).
 */
export async function readRegistryEntry(
  db: PrismaService | Tx,
  authorityId: string,
  at?: Date,
): Promise<AuthorityRegistryEntry> {
  const row = await db.authority.findUnique({
    where: { id: authorityId },
    include: {
      contactChannels: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      keys: {
        where: { revokedAt: null, ...(at ? { validFrom: { lte: at }, validTo: { gte: at } } : {}) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
  });
  if (!row) throw notFound('This authority');
  const { id, name, kind, country, jurisdiction, status } = row;
  return {
    ...{ id, name, kind, country, jurisdiction, status },
    keys: row.keys.map((key) => ({
      id: key.id,
      kind: key.kind,
      material: key.material,
      bytes: materialBytes(key.kind, key.material),
      fingerprint: key.fingerprint,
      validFrom: key.validFrom,
      validTo: key.validTo,
    })),
    channels: row.contactChannels.map(({ id, kind, value, label, verifiedAt }) => ({
      id,
      kind,
      value,
      label,
      verifiedAt,
    })),
  };
}
