import { randomUUID } from 'node:crypto';
import type { CreateRequest, RequestDetail } from '@writ/contracts';
import { prepareEvent } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import type { RawQuery } from '../database/index.js';
import { newTargets, publicTargets, targetValues } from './new-targets.js';
import { assertConsistent, toDateOrNull } from './request-rules.js';
import { type RequestRow, toRequestDetail } from './request-view.js';
import { freeTextWords, SHORT_PREFIX } from './search.js';

/**
 * Logs a request as received: the request, its targets and categories, and the audit event, in one statement,
 * so `sql` may run it on its own (`PrismaService.sql`) or in a transaction (`PrismaService.transaction`); the answer is built
 * from what was written, not read back.
 */
export async function createRequest(
  sql: RawQuery,
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

  const id = randomUUID();
  const year = String(now.getUTCFullYear());
  const caseNumber = input.caseNumber ?? null;
  const targets = newTargets(input.targets, now);
  const categories = input.categories.map((entry) => ({
    category: entry.category,
    asWritten: entry.asWritten ?? null,
  }));
  const isoOrNull = (value: Date | null) => value?.toISOString() ?? null;
  const at = now.toISOString();
  // The public leaf names the country (a report's figures are recounted from leaves), so it is read first; the
  // statement below inserts nothing if the authority moved country in between (answered as below; a retry reads
  // the new country).
  const [authority] = await sql<{
    country: string;
  }>`SELECT country FROM authority WHERE id = ${input.authorityId}::uuid`;
  if (!authority) throw notInRegistry(input.authorityId);

  // The audit event goes into the same statement. Its public leaf is complete before the number is drawn, so the
  // reference appears only in the auditor's copy of the event: the request id identifies it in public.
  const event = prepareEvent(
    {
      actor,
      action: 'request.created',
      subjectType: 'request',
      subjectId: id,
      details: {
        type: input.type,
        legalProcess: input.legalProcess,
        authorityId: input.authorityId,
        country: authority.country,
        offenceCategoryCode: input.offenceCategoryCode ?? null,
        receivedAt: dates.receivedAt.toISOString(),
        dueAt: dates.dueAt?.toISOString() ?? null,
        hasNdo: input.hasNdo,
        ndoEndsAt: isoOrNull(dates.ndoEndsAt),
        targets: publicTargets(targets),
        categories: categories.map((c) => c.category),
      },
      // Selector values, the case number and the requester's contact are personal: commitments only in public.
      personal: {
        ...targetValues(targets),
        ...(caseNumber ? { caseNumber } : {}),
        ...(input.requesterContact ? { requesterContact: input.requesterContact } : {}),
      },
    },
    now,
  );

  // Intake is the hot path (bench/intake.bench.ts), so it is one statement, atomic without a transaction of its
  // own: the authority (locked against deletion until it commits; no row, nothing inserted), the reference number,
  // the request with its country and search words, the targets and the categories (arrays unnested server-side),
  // and the audit event. The reference and its search words are built here from the number the sequence hands out,
  // exactly as formatReference and searchWords would.
  const [created] = await sql<{ reference: string; name: string; country: string }>`
    WITH a AS (
      SELECT name, country, nextval('request_reference_seq')::text AS n
        FROM authority WHERE id = ${input.authorityId}::uuid AND country = ${authority.country} FOR KEY SHARE
    ), ref AS (
      SELECT name, country, n, CASE WHEN length(n) >= 6 THEN n ELSE lpad(n, 6, '0') END AS digits FROM a
    ), r AS (
      INSERT INTO request (id, reference, type, legal_process, authority_id, country, requester_contact, case_number,
                           legal_basis, statement_of_reasons, offence_category, offence_category_code, issued_at, received_at, due_at,
                           expires_at, has_ndo, ndo_ends_at, status, outcome, search_text, search_vector, created_by_id,
                           created_at, updated_at, version)
      SELECT ${id}::uuid, 'WR-' || ${year} || '-' || ref.digits, ${input.type}::"RequestType",
             ${input.legalProcess}::"LegalProcess", ${input.authorityId}::uuid, ref.country,
             ${input.requesterContact ?? null}, ${caseNumber}, ${input.legalBasis ?? null},
             ${input.statementOfReasons ?? null}, ${input.offenceCategory ?? null},
             ${input.offenceCategoryCode ?? null}::"OffenceCategoryCode",
             ${isoOrNull(dates.issuedAt)}::timestamptz, ${dates.receivedAt.toISOString()}::timestamptz,
             ${isoOrNull(dates.dueAt)}::timestamptz, ${isoOrNull(dates.expiresAt)}::timestamptz, ${dates.hasNdo},
             ${isoOrNull(dates.ndoEndsAt)}::timestamptz, 'RECEIVED', 'PENDING',
             'wr-' || ${year} || '-' || ref.digits || ${caseNumber ? ` ${caseNumber.toLowerCase()}` : ''},
             array_to_tsvector(${freeTextWords({ ...input, caseNumber })}::text[] || ARRAY(
               SELECT left(word, len) FROM unnest(ARRAY['wr', ${year}, ref.digits, ref.n]) word,
                      generate_series(1, length(word)) len WHERE len <= ${SHORT_PREFIX} OR len = length(word))),
             ${actor.staffId}::uuid, ${at}::timestamptz, ${at}::timestamptz, 1
        FROM ref
      RETURNING id, reference
    ), t AS (
      INSERT INTO target (id, request_id, selector_type, value, role, named_in_order, window_start, window_end, created_at)
      SELECT u.id, r.id, u.selector_type, u.value, u.role, u.named_in_order, u.window_start, u.window_end, ${at}::timestamptz
        FROM r, unnest(${targets.map((t) => t.id)}::uuid[], ${targets.map((t) => t.selectorType)}::"SelectorType"[],
                       ${targets.map((t) => t.value)}::text[], ${targets.map((t) => t.role)}::"TargetRole"[],
                       ${targets.map((t) => t.namedInOrder)}::boolean[],
                       ${targets.map((t) => isoOrNull(t.windowStart))}::timestamptz[],
                       ${targets.map((t) => isoOrNull(t.windowEnd))}::timestamptz[])
             AS u(id, selector_type, value, role, named_in_order, window_start, window_end)
    ), c AS (
      INSERT INTO requested_category (request_id, category, as_written)
      SELECT r.id, c.category, c.as_written
        FROM r, unnest(${categories.map((c) => c.category)}::"DataCategory"[], ${categories.map((c) => c.asWritten)}::text[])
             AS c(category, as_written)
    ), e AS (
      INSERT INTO audit_event (at, actor_id, actor_label, action, subject_type, subject_id, details, leaf)
      SELECT ${at}::timestamptz, ${event.actorId}::uuid, ${event.actorLabel}, ${event.action}, ${event.subjectType},
             ${event.subjectId}, ${event.details}::jsonb || jsonb_build_object('reference', r.reference, 'country', ref.country),
             ${event.leaf}::bytea
        FROM r, ref
    )
    SELECT r.reference, ref.name, ref.country FROM r, ref`;
  if (!created) throw notInRegistry(input.authorityId);
  const { reference, country } = created;
  const named = { name: created.name, country };
  const row: RequestRow = {
    id,
    reference,
    type: input.type,
    legalProcess: input.legalProcess,
    authorityId: input.authorityId,
    country,
    requesterContact: input.requesterContact ?? null,
    caseNumber,
    legalBasis: input.legalBasis ?? null,
    statementOfReasons: input.statementOfReasons ?? null,
    offenceCategory: input.offenceCategory ?? null,
    offenceCategoryCode: input.offenceCategoryCode ?? null,
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

  return toRequestDetail(row, { authorityName: named.name, targets, categories, transitions: [] }, now);
}

function notInRegistry(authorityId: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `authorityId: authority ${authorityId} is not in the registry. Pick a registered authority, or ask an ` +
      'administrator to add this one first.',
    { issues: [{ path: ['authorityId'], message: 'not in the authority registry' }] },
  );
}
