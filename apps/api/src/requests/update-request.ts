import type { RequestDetail, UpdateRequest } from '@writ/contracts';
import type { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { Tx } from '../database/index.js';
import type { Prisma } from '../generated/prisma/client.js';
import { expectEditable, expectVersion, lockRequest } from './lock-request.js';
import { readRequest } from './read-request.js';
import { assertConsistent, toDateOrNull } from './request-rules.js';
import { loadRequestDetail, sortCategories } from './request-view.js';
import { searchText, searchWords } from './search.js';

// Free text may name people (a requester, a suspect in the reasons): its new value goes to the audit event's
// personal part. Enums, dates and flags are safe to publish and go to details as from → to.
const TEXT_FIELDS = ['requesterContact', 'caseNumber', 'legalBasis', 'statementOfReasons', 'offenceCategory'] as const;
const DATE_FIELDS = ['issuedAt', 'receivedAt', 'dueAt', 'expiresAt', 'ndoEndsAt'] as const;
const PLAIN_FIELDS = ['type', 'legalProcess', 'hasNdo'] as const;

const sameInstant = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** PATCH /requests/{id}: corrections while editable, against the version the client read. */
export async function updateRequest(
  tx: Tx,
  audit: AuditService,
  actor: Identity,
  id: string,
  input: UpdateRequest,
  now = new Date(),
): Promise<RequestDetail> {
  const current = await lockRequest(tx, id);
  expectVersion(current, input.version);
  await expectEditable(tx, current);

  const data: Prisma.RequestUncheckedUpdateInput = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const personal: Record<string, string> = {};

  for (const field of TEXT_FIELDS) {
    const next = input[field];
    if (next === undefined || next === current[field]) continue;
    data[field] = next;
    changes[field] = { from: current[field] === null ? null : 'set', to: next === null ? null : 'set' };
    personal[field] = next ?? '';
  }
  const merged = {
    issuedAt: current.issuedAt,
    receivedAt: current.receivedAt,
    dueAt: current.dueAt,
    expiresAt: current.expiresAt,
    hasNdo: input.hasNdo ?? current.hasNdo,
    ndoEndsAt: current.ndoEndsAt,
  };
  for (const field of DATE_FIELDS) {
    if (input[field] === undefined) continue;
    const next = toDateOrNull(input[field]);
    if (sameInstant(next, current[field])) continue;
    if (field === 'receivedAt') merged.receivedAt = next!;
    else merged[field] = next;
    (data as Record<string, unknown>)[field] = next;
    changes[field] = { from: current[field]?.toISOString() ?? null, to: next?.toISOString() ?? null };
  }
  for (const field of PLAIN_FIELDS) {
    const next = input[field];
    if (next === undefined || next === current[field]) continue;
    data[field] = next;
    changes[field] = { from: current[field], to: next };
  }
  // A closed-list value, safe to publish like the other enums (null clears it).
  if (input.offenceCategoryCode !== undefined && input.offenceCategoryCode !== current.offenceCategoryCode) {
    data.offenceCategoryCode = input.offenceCategoryCode;
    changes.offenceCategoryCode = { from: current.offenceCategoryCode, to: input.offenceCategoryCode };
  }
  assertConsistent(merged, now);

  if (input.authorityId !== undefined && input.authorityId !== current.authorityId) {
    const [authority] = await tx.$queryRaw<{ country: string }[]>`
      SELECT country FROM authority WHERE id = ${input.authorityId}::uuid FOR KEY SHARE`;
    if (!authority) {
      throw new AppError('NOT_FOUND', `authorityId: authority ${input.authorityId} is not in the registry.`, {
        issues: [{ path: ['authorityId'], message: 'not in the authority registry' }],
      });
    }
    data.authorityId = input.authorityId;
    changes.authorityId = { from: current.authorityId, to: input.authorityId };
    if (authority.country !== current.country) {
      data.country = authority.country;
      changes.country = { from: current.country, to: authority.country };
    }
  }

  if (input.categories) {
    const before = await tx.requestedCategory.findMany({ where: { requestId: id } });
    const key = (list: { category: string; asWritten?: string | null }[]) =>
      JSON.stringify(sortCategories(list).map((c) => [c.category, c.asWritten ?? null]));
    if (key(before) !== key(input.categories)) {
      await tx.requestedCategory.deleteMany({ where: { requestId: id } });
      await tx.requestedCategory.createMany({
        data: input.categories.map((c) => ({ requestId: id, category: c.category, asWritten: c.asWritten ?? null })),
      });
      changes.categories = {
        from: sortCategories(before).map((c) => c.category),
        to: sortCategories(input.categories).map((c) => c.category),
      };
    }
  }

  // Nothing differs from what is stored: no write, no new version; the answer is still a (recorded) read.
  if (Object.keys(changes).length === 0) return readRequest(tx, audit, actor, id, now);

  if ('caseNumber' in data) data.searchText = searchText(current.reference, (data.caseNumber as string | null) ?? null);
  data.version = current.version + 1;
  await tx.request.update({ where: { id }, data, select: { id: true } });
  // Search reads the free text too: new words for any corrected text (Prisma cannot write a tsvector).
  if (TEXT_FIELDS.some((field) => field !== 'requesterContact' && field in data)) {
    const text = (field: (typeof TEXT_FIELDS)[number]) =>
      field in data ? (data[field] as string | null) : current[field];
    const words = searchWords(current.reference, {
      caseNumber: text('caseNumber'),
      legalBasis: text('legalBasis'),
      statementOfReasons: text('statementOfReasons'),
      offenceCategory: text('offenceCategory'),
    });
    await tx.$executeRaw`UPDATE request SET search_vector = array_to_tsvector(${words}::text[]) WHERE id = ${id}::uuid`;
  }
  await audit.record(tx, {
    actor,
    action: 'request.updated',
    subjectType: 'request',
    subjectId: id,
    details: { version: current.version + 1, changed: Object.keys(changes), changes },
    personal,
  });
  return loadRequestDetail(tx, id, now);
}
