import { DataCategory, type LookupResult, type RequestStatus } from '@writ/contracts';
import { notFound } from '../common/index.js';
import type { PrismaService, Tx } from '../database/index.js';
import type { PolicyRows, TargetRowForPolicy } from './policy-inputs.js';

export interface LoadedRequest {
  id: string;
  status: RequestStatus;
  outcome: string;
  version: number;
  authorityId: string;
  rows: PolicyRows;
  /** The targets with what the response shows about them, in intake order. */
  targets: Array<TargetRowForPolicy & { lookupResult: LookupResult | null }>;
  /** Requested categories in the vocabulary's order. */
  categories: DataCategory[];
}

const CATEGORY_ORDER = DataCategory.options;

/** Everything the policy needs about one request, read in the caller's transaction. */
export async function loadRequestForPolicy(db: PrismaService | Tx, requestId: string): Promise<LoadedRequest> {
  const row = await db.request.findUnique({
    where: { id: requestId },
    include: {
      authority: { select: { id: true, kind: true, status: true, country: true, jurisdiction: true } },
      targets: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      categories: { select: { category: true } },
      documents: { where: { kind: 'ORDER' }, select: { sha256: true } },
      verifications: {
        orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
        include: { document: { select: { sha256: true } }, contactChannel: { select: { authorityId: true } } },
      },
    },
  });
  if (!row) throw notFound('This request');
  const targets = row.targets.map((target) => ({
    id: target.id,
    selectorType: target.selectorType,
    value: target.value,
    role: target.role,
    namedInOrder: target.namedInOrder,
    windowStart: target.windowStart,
    windowEnd: target.windowEnd,
    lookupResult: target.lookupResult,
  }));
  return {
    id: row.id,
    status: row.status,
    outcome: row.outcome,
    version: row.version,
    authorityId: row.authorityId,
    targets,
    categories: row.categories
      .map((entry) => entry.category)
      .sort((a, b) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b)),
    rows: {
      request: row,
      authority: row.authority,
      targets,
      orderDocumentSha256s: row.documents.map((document) => document.sha256),
      verifications: row.verifications.map((verification) => ({
        method: verification.method,
        result: verification.result,
        details: verification.details,
        documentSha256: verification.document?.sha256 ?? null,
        channelAuthorityId: verification.contactChannel?.authorityId ?? null,
        recordedById: verification.recordedById,
        confirmedById: verification.confirmedById,
      })),
    },
  };
}
