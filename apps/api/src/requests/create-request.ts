import { randomUUID } from 'node:crypto';
import type { CreateRequest, RequestDetail } from '@writ/contracts';
import type { AuditService } from '../audit/audit.service.js';
import type { Identity } from '../auth/identity.js';
import { AppError } from '../common/app-error.js';
import type { Tx } from '../database/prisma.service.js';
import { formatReference } from './reference.js';
import { assertConsistent, toDateOrNull } from './request-rules.js';
import { type RequestRow, toRequestDetail } from './request-view.js';
import { searchText, searchTokens } from './search.js';

/**
 * Logs a request as received: the request, its targets and categories, and the audit event, in the caller's
 * transaction. Six round trips; the answer is built from what was written rather than read back.
 */
export async function createRequest(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  input: CreateRequest,
  now = new Date(),
): Promise<RequestDetail> {
  const dates = {
    issuedAt: toDateOrNull(input.issuedAt),
    receivedAt: input.receivedAt ? new Date(input.receivedAt) : now,
    dueAt: toDateOrNull(input.dueAt),
    expiresAt: toDateOrNull(input.expiresAt),
    hasNdo: input.hasNdo,
    ndoEndsAt: toDateOrNull(input.ndoEndsAt),
  };
  assertConsistent(dates, now);

  // One round trip for the authority (kept from being deleted until we commit) and the reference number.
  const [authority] = await tx.$queryRaw<{ name: string; country: string; n: bigint }[]>`
    SELECT name, country, nextval('request_reference_seq') AS n
      FROM authority WHERE id = ${input.authorityId}::uuid FOR KEY SHARE`;
  if (!authority) {
    throw new AppError(
      'NOT_FOUND',
      `authorityId: authority ${input.authorityId} is not in the registry. Pick a registered authority, or ask an ` +
        'administrator to add this one first.',
      { issues: [{ path: ['authorityId'], message: 'not in the authority registry' }] },
    );
  }

  const id = randomUUID();
  const reference = formatReference(now.getUTCFullYear(), authority.n);
  const row: RequestRow = {
    id,
    reference,
    type: input.type,
    legalProcess: input.legalProcess,
    authorityId: input.authorityId,
    country: authority.country,
    requesterContact: input.requesterContact ?? null,
    caseNumber: input.caseNumber ?? null,
    legalBasis: input.legalBasis ?? null,
    statementOfReasons: input.statementOfReasons ?? null,
    offenceCategory: input.offenceCategory ?? null,
    ...dates,
    acknowledgedAt: null,
    respondedAt: null,
    withdrawnAt: null,
    userNotifiedAt: null,
    status: 'RECEIVED',
    outcome: 'PENDING',
    statusReason: null,
    createdById: actor.staffId,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await tx.request.create({
    data: {
      ...row,
      type: input.type,
      legalProcess: input.legalProcess,
      status: 'RECEIVED',
      outcome: 'PENDING',
      searchText: searchText(reference, row.caseNumber),
      searchTokens: searchTokens(reference, row.caseNumber),
    },
    select: { id: true },
  });

  const targets = input.targets.map((target) => ({
    id: randomUUID(),
    requestId: id,
    selectorType: target.selectorType,
    value: target.value,
    role: target.role,
    namedInOrder: target.namedInOrder,
    windowStart: toDateOrNull(target.windowStart),
    windowEnd: toDateOrNull(target.windowEnd),
    resolvedAccountId: null,
    lookupResult: null,
    createdAt: now,
  }));
  await tx.target.createMany({ data: targets });
  const categories = input.categories.map((entry) => ({ requestId: id, category: entry.category, asWritten: entry.asWritten ?? null }));
  await tx.requestedCategory.createMany({ data: categories });

  await audit.record(tx, {
    actor,
    action: 'request.created',
    subjectType: 'request',
    subjectId: id,
    details: {
      reference,
      type: input.type,
      legalProcess: input.legalProcess,
      authorityId: input.authorityId,
      country: authority.country,
      receivedAt: dates.receivedAt.toISOString(),
      dueAt: dates.dueAt?.toISOString() ?? null,
      hasNdo: input.hasNdo,
      targets: targets.map((t) => ({ id: t.id, selectorType: t.selectorType, role: t.role, namedInOrder: t.namedInOrder })),
      categories: categories.map((c) => c.category),
    },
    // Selector values, the case number and the requester's contact are personal: commitments only in public.
    personal: {
      ...Object.fromEntries(targets.map((t) => [`target:${t.id}`, t.value])),
      ...(row.caseNumber ? { caseNumber: row.caseNumber } : {}),
      ...(row.requesterContact ? { requesterContact: row.requesterContact } : {}),
    },
  });

  return toRequestDetail(row, { authorityName: authority.name, targets, categories, transitions: [] }, now);
}
