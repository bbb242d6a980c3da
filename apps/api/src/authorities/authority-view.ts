import type { Authority, AuthorityDetail, AuthorityKey, ContactChannel } from '@writ/contracts';
import type {
  Authority as AuthorityRow,
  AuthorityContactChannel as ChannelRow,
  AuthorityKey as KeyRow,
} from '../generated/prisma/client.js';
import { describeCertificate } from './key-material.js';

// Database rows → contract shapes. Only named fields go out; the response interceptor strips anything else too.

export const DETAIL_INCLUDE = {
  contactChannels: { orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }] },
  keys: { orderBy: [{ createdAt: 'asc' as const }, { id: 'asc' as const }] },
};

export function toAuthority(row: AuthorityRow): Authority {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    jurisdiction: row.jurisdiction,
    status: row.status,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toDetail(row: AuthorityRow & { contactChannels: ChannelRow[]; keys: KeyRow[] }): AuthorityDetail {
  return { ...toAuthority(row), channels: row.contactChannels.map(toChannel), keys: row.keys.map(toKey) };
}

export function toChannel(row: ChannelRow): ContactChannel {
  return {
    id: row.id,
    authorityId: row.authorityId,
    kind: row.kind,
    value: row.value,
    label: row.label,
    verifiedAt: row.verifiedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toKey(row: KeyRow): AuthorityKey {
  return {
    id: row.id,
    authorityId: row.authorityId,
    kind: row.kind,
    material: row.material,
    fingerprint: row.fingerprint,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    certificate: row.kind === 'X509' ? describeCertificate(row.material) : null,
  };
}
