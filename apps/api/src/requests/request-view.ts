import {
  DataCategory,
  isOverdue,
  type NextTransition,
  type RequestDetail,
  type RequestStatus,
  transitionsFrom,
} from '@writ/contracts';
import type { Tx } from '../database/index.js';
import { notFound } from '../common/index.js';

// Rows as the database holds them → the response shapes of the contract. Dates leave as ISO strings (UTC).

const iso = (value: Date): string => value.toISOString();
const isoOrNull = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);

export interface RequestRow {
  id: string;
  reference: string;
  type: string;
  legalProcess: string;
  authorityId: string;
  country: string;
  requesterContact: string | null;
  caseNumber: string | null;
  legalBasis: string | null;
  statementOfReasons: string | null;
  offenceCategory: string | null;
  offenceCategoryCode: string | null;
  issuedAt: Date | null;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  dueAt: Date | null;
  respondedAt: Date | null;
  expiresAt: Date | null;
  withdrawnAt: Date | null;
  hasNdo: boolean;
  ndoEndsAt: Date | null;
  userNotifiedAt: Date | null;
  status: string;
  outcome: string;
  statusReason: string | null;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface TargetRow {
  id: string;
  selectorType: string;
  value: string;
  role: string;
  namedInOrder: boolean;
  windowStart: Date | null;
  windowEnd: Date | null;
  resolvedAccountId: string | null;
  lookupResult: string | null;
  createdAt: Date;
}

export interface CategoryRow {
  category: string;
  asWritten: string | null;
}

export interface TransitionRow {
  id: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  /** null: the system (an approved package whose link expired unused sent the request back to DECIDED). */
  actorId: string | null;
  at: Date;
}

/** Same order as the database query below: targets by (createdAt, id), categories in enum order. */
export function sortTargets<T extends { createdAt: Date; id: string }>(targets: T[]): T[] {
  return [...targets].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function sortCategories<T extends { category: string }>(categories: T[]): T[] {
  const rank = (c: string) => DataCategory.options.indexOf(c as DataCategory);
  return [...categories].sort((a, b) => rank(a.category) - rank(b.category));
}

export function nextTransitions(status: RequestStatus): NextTransition[] {
  return transitionsFrom(status).map((t) => ({
    to: t.to,
    action: t.action,
    roles: [...t.roles],
    requires: [...t.requires],
  }));
}

export function toRequestDetail(
  row: RequestRow,
  parts: { authorityName: string; targets: TargetRow[]; categories: CategoryRow[]; transitions: TransitionRow[] },
  now = new Date(),
): RequestDetail {
  const status = row.status as RequestStatus;
  return {
    id: row.id,
    reference: row.reference,
    type: row.type as RequestDetail['type'],
    legalProcess: row.legalProcess as RequestDetail['legalProcess'],
    authorityId: row.authorityId,
    authorityName: parts.authorityName,
    country: row.country,
    requesterContact: row.requesterContact,
    caseNumber: row.caseNumber,
    legalBasis: row.legalBasis,
    statementOfReasons: row.statementOfReasons,
    offenceCategory: row.offenceCategory,
    offenceCategoryCode: row.offenceCategoryCode as RequestDetail['offenceCategoryCode'],
    issuedAt: isoOrNull(row.issuedAt),
    receivedAt: iso(row.receivedAt),
    acknowledgedAt: isoOrNull(row.acknowledgedAt),
    dueAt: isoOrNull(row.dueAt),
    respondedAt: isoOrNull(row.respondedAt),
    expiresAt: isoOrNull(row.expiresAt),
    withdrawnAt: isoOrNull(row.withdrawnAt),
    hasNdo: row.hasNdo,
    ndoEndsAt: isoOrNull(row.ndoEndsAt),
    userNotifiedAt: isoOrNull(row.userNotifiedAt),
    status,
    outcome: row.outcome as RequestDetail['outcome'],
    statusReason: row.statusReason,
    overdue: isOverdue({ status, dueAt: row.dueAt }, now),
    createdById: row.createdById,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    version: row.version,
    targets: sortTargets(parts.targets).map((t) => ({
      id: t.id,
      selectorType: t.selectorType as RequestDetail['targets'][number]['selectorType'],
      value: t.value,
      role: t.role as RequestDetail['targets'][number]['role'],
      namedInOrder: t.namedInOrder,
      windowStart: isoOrNull(t.windowStart),
      windowEnd: isoOrNull(t.windowEnd),
      resolvedAccountId: t.resolvedAccountId,
      lookupResult: t.lookupResult as RequestDetail['targets'][number]['lookupResult'],
      createdAt: iso(t.createdAt),
    })),
    categories: sortCategories(parts.categories).map((c) => ({
      category: c.category as RequestDetail['categories'][number]['category'],
      asWritten: c.asWritten,
    })),
    transitions: parts.transitions.map((t) => ({
      id: t.id,
      from: t.fromStatus as RequestStatus,
      to: t.toStatus as RequestStatus,
      reason: t.reason,
      actorId: t.actorId,
      at: iso(t.at),
    })),
    nextTransitions: nextTransitions(status),
  };
}

/** The whole request as the detail endpoints answer it. The caller records the read (or its write) in the log. */
export async function loadRequestDetail(tx: Tx, id: string, now = new Date()): Promise<RequestDetail> {
  const row = await tx.request.findUnique({
    where: { id },
    include: {
      authority: { select: { name: true } },
      targets: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      categories: true,
      transitions: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!row) throw notFound(`Request ${id}`);
  return toRequestDetail(
    row,
    {
      authorityName: row.authority.name,
      targets: row.targets,
      categories: row.categories,
      transitions: row.transitions,
    },
    now,
  );
}
