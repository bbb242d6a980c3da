import type { LegalProcess, RequestType, SelectorType, TargetRole } from '@writ/contracts';
import {
  type IssuingAuthority,
  type Order,
  OutOfBandOutcome,
  Sha256Hex,
  SignatureStatus,
  type Target,
  type VerificationEvidence,
  type VerificationSummary,
} from '@writ/policy';
import type { TargetRow } from '../requests/index.js';

/*
 * Database rows → the policy engine's inputs (packages/policy README, "Inputs"). The one place where stored data
 * meets the rules, so it is small and has no I/O: load-policy-rows.ts reads, this maps, the engine decides.
 *
 * Deny by default: whatever is missing or unreadable maps to null (or to no evidence), never to a value that
 * could satisfy a rule. Values the engine cannot parse are passed on as they are, and the engine denies with
 * INVALID_INPUT; nothing here throws.
 */

export interface RequestRowForPolicy {
  type: string;
  legalProcess: string;
  caseNumber: string | null;
  legalBasis: string | null;
  statementOfReasons: string | null;
  offenceCategory: string | null;
  issuedAt: Date | null;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
}

export interface AuthorityRowForPolicy {
  id: string;
  kind: string;
  status: string;
  country: string;
  jurisdiction: string;
}

/** The target columns the policy reads. */
export type TargetRowForPolicy = Pick<
  TargetRow,
  'id' | 'selectorType' | 'value' | 'role' | 'namedInOrder' | 'windowStart' | 'windowEnd'
>;

export interface VerificationRowForPolicy {
  method: string;
  result: string;
  details: unknown;
  /** SHA-256 of the linked document as hashed at intake (SIGNATURE). */
  documentSha256: string | null;
  /** The authority whose registry entry holds the contact channel used (OUT_OF_BAND); null without a channel. */
  channelAuthorityId: string | null;
  recordedById: string;
  confirmedById: string | null;
}

export interface PolicyRows {
  request: RequestRowForPolicy;
  /** The issuing authority as the registry holds it; null when it is not there. */
  authority: AuthorityRowForPolicy | null;
  targets: readonly TargetRowForPolicy[];
  /** SHA-256 of every document of kind ORDER attached to the request. */
  orderDocumentSha256s: readonly string[];
  verifications: readonly VerificationRowForPolicy[];
}

export interface PolicyInputs {
  order: Order;
  verification: VerificationSummary;
  targets: ReadonlyArray<{ id: string; target: Target }>;
}

/** The registry's jurisdiction text is its id for the engine; the engine accepts ids of at most 128 characters. */
const MAX_JURISDICTION = 128;

const blankToNull = (value: string | null): string | null => (value === null || value.trim() === '' ? null : value);
const instant = (value: Date | null): string | null =>
  value === null || Number.isNaN(value.getTime()) ? null : value.toISOString();

function issuingAuthority(row: AuthorityRowForPolicy | null): IssuingAuthority | null {
  if (row === null) return null;
  const jurisdiction = row.jurisdiction.trim();
  return {
    id: row.id,
    kind: row.kind as IssuingAuthority['kind'],
    status: row.status as IssuingAuthority['status'],
    country: row.country as IssuingAuthority['country'],
    // Too long to be an accepted jurisdiction id anyway: the country alone then decides (rule 3).
    jurisdiction: jurisdiction === '' || jurisdiction.length > MAX_JURISDICTION ? null : jurisdiction,
  };
}

/**
 * The order document is the request's one document of kind ORDER. None, or several (which one is the order?),
 * map to null: signature evidence then counts for no document, and only out-of-band confirmation can verify.
 */
function orderDocumentSha256(hashes: readonly string[]): string | null {
  const distinct = [...new Set(hashes)];
  return distinct.length === 1 ? distinct[0]! : null;
}

const selector = (row: TargetRowForPolicy) => ({ type: row.selectorType as SelectorType, value: row.value });

function target(row: TargetRowForPolicy): Target {
  return {
    selector: selector(row),
    role: row.role as TargetRole,
    namedInOrder: row.namedInOrder,
    window: { start: instant(row.windowStart), end: instant(row.windowEnd) },
  };
}

const detail = (details: unknown, key: string): unknown =>
  typeof details === 'object' && details !== null && !Array.isArray(details)
    ? (details as Record<string, unknown>)[key]
    : undefined;
const nonEmptyString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/**
 * One stored verification as engine evidence, or null when it cannot be tied to a document or an authority:
 * such a row proves nothing either way. A result the engine does not know counts as a failed check.
 */
export function toEvidence(row: VerificationRowForPolicy): VerificationEvidence | null {
  const recorded = { recordedBy: row.recordedById, confirmedBy: row.confirmedById };
  if (row.method === 'SIGNATURE') {
    // The hash of the bytes actually checked (stored with the evidence) wins over the intake hash of the document.
    const checked = Sha256Hex.safeParse(detail(row.details, 'documentSha256'));
    const documentSha256 = checked.success ? checked.data : row.documentSha256;
    const authorityId = nonEmptyString(detail(row.details, 'authorityId'));
    if (documentSha256 === null || authorityId === null) return null;
    const status = SignatureStatus.safeParse(row.result);
    return {
      method: 'SIGNATURE',
      documentSha256,
      status: status.success ? status.data : 'MALFORMED',
      authorityId,
      ...recorded,
    };
  }
  if (row.method === 'OUT_OF_BAND') {
    const authorityId = row.channelAuthorityId ?? nonEmptyString(detail(row.details, 'authorityId'));
    if (authorityId === null) return null;
    const outcome = OutOfBandOutcome.safeParse(row.result);
    return {
      method: 'OUT_OF_BAND',
      channelFromRegistry: row.channelAuthorityId !== null,
      outcome: outcome.success ? outcome.data : 'NOT_CONFIRMED',
      authorityId,
      ...recorded,
    };
  }
  return null;
}

export function toPolicyInputs(rows: PolicyRows): PolicyInputs {
  const { request } = rows;
  const order: Order = {
    requestType: request.type as RequestType,
    legalProcess: request.legalProcess as LegalProcess,
    issuingAuthority: issuingAuthority(rows.authority),
    caseNumber: blankToNull(request.caseNumber),
    legalBasis: blankToNull(request.legalBasis),
    statementOfReasons: blankToNull(request.statementOfReasons),
    // An offence category is only recorded for criminal matters; without one the statement of reasons is required.
    criminalInvestigation: blankToNull(request.offenceCategory) !== null,
    issuedAt: instant(request.issuedAt),
    expiresAt: instant(request.expiresAt),
    withdrawnAt: instant(request.withdrawnAt),
    documentSha256: orderDocumentSha256(rows.orderDocumentSha256s),
    // Targets marked as named in the order are the identifiers the order names; the others were added later.
    namedTargets: rows.targets.filter((row) => row.namedInOrder).map(selector),
  };
  const evidence = rows.verifications.map(toEvidence).filter((item): item is VerificationEvidence => item !== null);
  return {
    order,
    verification: { evidence },
    targets: rows.targets.map((row) => ({ id: row.id, target: target(row) })),
  };
}
