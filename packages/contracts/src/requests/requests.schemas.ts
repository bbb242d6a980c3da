import { z } from 'zod';
import { OffenceCategoryCode } from './offence-category.js';
import {
  DataCategory,
  LegalProcess,
  LookupResult,
  Outcome,
  RequestStatus,
  RequestType,
  SelectorType,
  StaffRole,
  TargetRole,
} from '../domain.js';
import { Page, PageQuery } from '../pagination.js';
import {
  IsoDateOrDateTime,
  IsoDateTime,
  normaliseSelector,
  OptionalText,
  rangeBound,
  SELECTOR_RULES,
  Text,
  Uuid,
  Version,
} from './fields.js';
import { RejectionReason } from './lifecycle.js';

// ───────────────────────────── input ─────────────────────────────

export const MAX_TARGETS = 100;

/** Clients may send `null` for "not given" on create; it means the same as leaving the field out. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

/**
 * One identifier named in a request. The value is checked against its selector type, then normalised.
 * `namedInOrder` attests that the order itself names the identifier (docs/POLICY.md: only such targets can be
 * released); its default depends on where the target comes from, see TargetInput and AddedTargetInput.
 */
function targetInput(namedInOrderDefault: boolean) {
  return z
    .strictObject({
      selectorType: SelectorType,
      value: z.string().max(256, 'must be at most 256 characters'),
      role: TargetRole,
      windowStart: optional(IsoDateTime),
      windowEnd: optional(IsoDateTime),
      namedInOrder: z.boolean().default(namedInOrderDefault),
    })
    .superRefine((target, ctx) => {
      const rule = SELECTOR_RULES[target.selectorType];
      if (!rule.pattern.test(rule.normalise(target.value))) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: rule.message });
      }
      if (target.windowStart && target.windowEnd && Date.parse(target.windowStart) >= Date.parse(target.windowEnd)) {
        ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must be after the start of the time window' });
      }
    })
    .transform((target) => ({ ...target, value: normaliseSelector(target.selectorType, target.value) }));
}

/** A target logged at intake, read off the order in hand: namedInOrder defaults to true. */
export const TargetInput = targetInput(true);
export type TargetInput = z.infer<typeof TargetInput>;

export const CategoryInput = z.strictObject({
  category: DataCategory,
  /** What the authority actually wrote, before normalisation ("IP logs", "Bestandsdaten"). */
  asWritten: optional(OptionalText(500)),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

function uniqueTargets(targets: readonly TargetInput[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Map<string, number>();
  targets.forEach((target, index) => {
    const key = `${target.selectorType}\u0000${target.value}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else ctx.addIssue({ code: 'custom', path: [path, index, 'value'], message: `repeats ${path}[${first}]` });
  });
}

function uniqueCategories(categories: readonly CategoryInput[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  categories.forEach((entry, index) => {
    if (seen.has(entry.category)) {
      ctx.addIssue({
        code: 'custom',
        path: ['categories', index, 'category'],
        message: `${entry.category} is listed twice`,
      });
    }
    seen.add(entry.category);
  });
}

/**
 * A target added after intake usually comes from later correspondence, not from the order that was verified, so
 * it counts as named in the order only when staff say so explicitly (namedInOrder: true); the default is false.
 */
export const AddedTargetInput = targetInput(false);

const targetList = (item: typeof TargetInput) =>
  z.array(item).min(1, 'name at least one target').max(MAX_TARGETS, `a request names at most ${MAX_TARGETS} targets`);
const TargetList = targetList(TargetInput);
const CategoryList = z
  .array(CategoryInput)
  .min(1, 'name at least one data category')
  .max(DataCategory.options.length, 'lists a category twice');

/** A request as logged at intake. `country` is not sent: it is copied from the authority. */
export const CreateRequest = z
  .strictObject({
    type: RequestType,
    legalProcess: LegalProcess,
    authorityId: Uuid,
    requesterContact: optional(OptionalText(500)),
    caseNumber: optional(OptionalText(200)),
    legalBasis: optional(OptionalText(2000)),
    statementOfReasons: optional(OptionalText(20_000)),
    offenceCategory: optional(OptionalText(200)),
    /** The closed list the reports count by (DSA statement categories); `offenceCategory` keeps the words. */
    offenceCategoryCode: OffenceCategoryCode.optional(),
    issuedAt: optional(IsoDateTime),
    /** Default: now. */
    receivedAt: optional(IsoDateTime),
    dueAt: optional(IsoDateTime),
    expiresAt: optional(IsoDateTime),
    hasNdo: z.boolean({ error: 'must be true or false: does the order forbid telling the user?' }),
    ndoEndsAt: optional(IsoDateTime),
    targets: TargetList,
    categories: CategoryList,
  })
  .superRefine((body, ctx) => {
    uniqueTargets(body.targets, ctx, 'targets');
    uniqueCategories(body.categories, ctx);
  });
export type CreateRequest = z.infer<typeof CreateRequest>;

/**
 * Corrections while the request is editable (RECEIVED, IN_REVIEW). Fields left out stay as they are; `null`
 * clears an optional field. `categories`, when given, replaces the whole list. Targets have their own routes.
 */
export const UpdateRequest = z
  .strictObject({
    version: Version,
    type: RequestType.optional(),
    legalProcess: LegalProcess.optional(),
    authorityId: Uuid.optional(),
    requesterContact: OptionalText(500).nullable().optional(),
    caseNumber: OptionalText(200).nullable().optional(),
    legalBasis: OptionalText(2000).nullable().optional(),
    statementOfReasons: OptionalText(20_000).nullable().optional(),
    offenceCategory: OptionalText(200).nullable().optional(),
    offenceCategoryCode: OffenceCategoryCode.nullable().optional(),
    issuedAt: IsoDateTime.nullable().optional(),
    receivedAt: IsoDateTime.optional(),
    dueAt: IsoDateTime.nullable().optional(),
    expiresAt: IsoDateTime.nullable().optional(),
    hasNdo: z.boolean().optional(),
    ndoEndsAt: IsoDateTime.nullable().optional(),
    categories: CategoryList.optional(),
  })
  .superRefine((body, ctx) => {
    if (Object.keys(body).length === 1) {
      ctx.addIssue({ code: 'custom', path: [], message: 'name at least one field to change besides "version"' });
    }
    if (body.categories) uniqueCategories(body.categories, ctx);
  });
export type UpdateRequest = z.infer<typeof UpdateRequest>;

/** Targets added after intake: namedInOrder defaults to false here (AddedTargetInput). */
export const AddTargets = z
  .strictObject({ version: Version, targets: targetList(AddedTargetInput) })
  .superRefine((body, ctx) => uniqueTargets(body.targets, ctx, 'targets'));
export type AddTargets = z.infer<typeof AddTargets>;

export const RemoveTargetQuery = z.strictObject({
  version: z.coerce.number().pipe(Version),
});
export type RemoveTargetQuery = z.infer<typeof RemoveTargetQuery>;

export const TransitionRequest = z.strictObject({
  to: RequestStatus,
  version: Version,
  /** Why, in words. Required where the lifecycle table says so (reject, close without disclosure). */
  reason: OptionalText(2000).optional(),
  /** Why, as a code: settles the outcome REJECTED_<code>. Required for reject and close without disclosure. */
  reasonCode: RejectionReason.optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const AcknowledgeRequest = z.strictObject({
  /** When the receipt was acknowledged to the authority, if not now (e.g. by e-mail earlier). */
  acknowledgedAt: IsoDateTime.optional(),
});
export type AcknowledgeRequest = z.infer<typeof AcknowledgeRequest>;

export const RecordUserNotified = z.strictObject({
  /** When the user was told, if not now. */
  notifiedAt: IsoDateTime.optional(),
});
export type RecordUserNotified = z.infer<typeof RecordUserNotified>;

/**
 * The gag order (non-disclosure order) as it stands now, after a court imposed, extended, shortened or lifted it.
 * Replaces hasNdo and ndoEndsAt together, in any status, against the version the client read. To lift the order
 * send hasNdo: false; to record that it ended (or ends) on a date send hasNdo: true with that ndoEndsAt.
 */
export const SetGagOrder = z
  .strictObject({
    version: Version,
    hasNdo: z.boolean({ error: 'must be true or false: does a gag order (still) forbid telling the user?' }),
    /**
     * When the gag order ends; null: it has no end date. Required with hasNdo: true, so that leaving the field
     * out never silently drops an end date or makes an order open-ended.
     */
    ndoEndsAt: IsoDateTime.nullable().optional(),
    /** Why it changed: the court's decision and its legal basis, in words (e.g. "LG Berlin, 3 Qs 12/26 of …"). */
    reason: Text(2000),
  })
  .superRefine((body, ctx) => {
    if (body.hasNdo && body.ndoEndsAt === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['ndoEndsAt'],
        message: 'say when the gag order ends, or send null if it has no end date',
      });
    }
  });
export type SetGagOrder = z.infer<typeof SetGagOrder>;

export const RequestIdParams = z.strictObject({ id: Uuid });
export const TargetIdParams = z.strictObject({ id: Uuid, targetId: Uuid });

/** `status=A&status=B` and `status=A,B` both work. */
function multi<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v])),
    z.array(item).min(1).max(20),
  );
}

export const RequestSort = z.enum(['received', 'deadline']);
export type RequestSort = z.infer<typeof RequestSort>;

export const ListRequestsQuery = z
  .strictObject({
    ...PageQuery.shape,
    status: multi(RequestStatus).optional(),
    type: multi(RequestType).optional(),
    legalProcess: multi(LegalProcess).optional(),
    /**
     * received: newest received first (the default). deadline: the requests not yet answered, soonest due first and
     * those without a due date after them; then the answered ones in the same order. A cursor belongs to the sort it
     * was issued for.
     */
    sort: RequestSort.default('received'),
    /** true: the answer also counts the matches per status, ignoring the status filter (for filter chips). */
    counts: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** ISO 3166-1 alpha-2; an unassigned code answers UNKNOWN_COUNTRY. */
    country: z.string().max(10).optional(),
    authorityId: Uuid.optional(),
    /** Inclusive. A bare date means 00:00 UTC of that day. */
    receivedFrom: IsoDateOrDateTime.optional(),
    /** Exclusive for a date-time; a bare date includes that whole day (UTC). */
    receivedTo: IsoDateOrDateTime.optional(),
    /** true: dueAt has passed and the authority has no answer yet. */
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /**
     * Full-text search, case-insensitive. A whole reference ("WR-2026-42", zeros optional) finds that request;
     * otherwise every word of q must begin a word of the reference, case number, legal basis, statement of reasons
     * or offence as written ("bvr 12" and "1234/21" find "2 BvR 1234/21"; "42" finds WR-2026-000042; "drug
     * traffick" finds reasons that speak of "drugs trafficking"). Words only: no stemming, so "fraud" does not find
     * "fraudulent"'s other forms unless they begin with it. Target values are not searched: listing is not an
     * audit event, so it never reveals whom a request names.
     */
    q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  })
  .superRefine((query, ctx) => {
    if (
      query.receivedFrom &&
      query.receivedTo &&
      rangeBound(query.receivedFrom, 'from') > rangeBound(query.receivedTo, 'to')
    ) {
      ctx.addIssue({ code: 'custom', path: ['receivedTo'], message: 'must not be before the start of the date range' });
    }
  });
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;

export const NotificationQueueQuery = z.strictObject({ ...PageQuery.shape });
export type NotificationQueueQuery = z.infer<typeof NotificationQueueQuery>;

// ───────────────────────────── output ─────────────────────────────

const Instant = z.iso.datetime({ offset: true });

export const TargetView = z.object({
  id: z.uuid(),
  selectorType: SelectorType,
  /** A personal identifier: every response that carries it is recorded in the audit log. */
  value: z.string(),
  role: TargetRole,
  namedInOrder: z.boolean(),
  windowStart: Instant.nullable(),
  windowEnd: Instant.nullable(),
  resolvedAccountId: z.string().nullable(),
  lookupResult: LookupResult.nullable(),
  createdAt: Instant,
});
export type TargetView = z.infer<typeof TargetView>;

export const CategoryView = z.object({ category: DataCategory, asWritten: z.string().nullable() });
export type CategoryView = z.infer<typeof CategoryView>;

export const TransitionView = z.object({
  id: z.uuid(),
  from: RequestStatus,
  to: RequestStatus,
  reason: z.string().nullable(),
  /** null: no person, the system (a disclosure package's link expired unused: APPROVED → DECIDED). */
  actorId: z.uuid().nullable(),
  at: Instant,
});
export type TransitionView = z.infer<typeof TransitionView>;

/** A step the lifecycle allows from the current status, and who may take it. */
export const NextTransition = z.object({
  to: RequestStatus,
  action: z.string(),
  roles: z.array(StaffRole),
  requires: z.array(z.enum(['reason', 'reasonCode'])),
});
export type NextTransition = z.infer<typeof NextTransition>;

const RequestFields = {
  id: z.uuid(),
  /** WR-YYYY-NNNNNN: the year of intake and a number that is never reused. */
  reference: z.string(),
  type: RequestType,
  legalProcess: LegalProcess,
  authorityId: z.uuid(),
  authorityName: z.string(),
  country: z.string(),
  caseNumber: z.string().nullable(),
  receivedAt: Instant,
  acknowledgedAt: Instant.nullable(),
  dueAt: Instant.nullable(),
  respondedAt: Instant.nullable(),
  hasNdo: z.boolean(),
  ndoEndsAt: Instant.nullable(),
  userNotifiedAt: Instant.nullable(),
  status: RequestStatus,
  outcome: Outcome,
  /** dueAt has passed and the authority has no answer yet. */
  overdue: z.boolean(),
  version: z.number().int(),
};

export const RequestSummary = z.object({ ...RequestFields, targetCount: z.number().int() });
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestDetail = z.object({
  ...RequestFields,
  requesterContact: z.string().nullable(),
  legalBasis: z.string().nullable(),
  statementOfReasons: z.string().nullable(),
  offenceCategory: z.string().nullable(),
  offenceCategoryCode: OffenceCategoryCode.nullable(),
  issuedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
  withdrawnAt: Instant.nullable(),
  statusReason: z.string().nullable(),
  createdById: z.uuid(),
  createdAt: Instant,
  updatedAt: Instant,
  targets: z.array(TargetView),
  categories: z.array(CategoryView),
  transitions: z.array(TransitionView),
  nextTransitions: z.array(NextTransition),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const RequestPage = Page(RequestSummary);
export type RequestPage = z.infer<typeof RequestPage>;

/** Matches per status under the other filters; statuses without a match count 0. */
const Count = z.number().int().min(0);
// An object with one property per status rather than z.record: the OpenAPI document then names each property.
export const StatusCounts = z.strictObject(
  Object.fromEntries(RequestStatus.options.map((status) => [status, Count])) as Record<RequestStatus, typeof Count>,
);
export type StatusCounts = z.infer<typeof StatusCounts>;

/**
 * A search (q) is counted per status only while at most this many requests match: counting every match of a word
 * that a quarter of all requests share costs a visit to each of them, for a number nobody acts on.
 */
export const SEARCH_COUNT_LIMIT = 1000;

export const RequestListPage = RequestPage.extend({
  /** Only when asked for (counts=true), and for a search only while at most SEARCH_COUNT_LIMIT requests match. */
  counts: StatusCounts.optional(),
  /**
   * Asked for counts, but more requests than this match the search (q), so none are given: add a word or a filter
   * to have them counted.
   */
  tooManyToCount: z.number().int().positive().optional(),
});
export type RequestListPage = z.infer<typeof RequestListPage>;

/** Header that makes POST /requests safe to retry (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/**
 * How long the API remembers a key and its answer, from first use, unless IDEMPOTENCY_KEY_RETENTION_HOURS says
 * otherwise; after that the same key starts a new request.
 */
export const IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT = 24;
export const IdempotencyKey = z
  .string()
  .min(1, 'Idempotency-Key must not be empty')
  .max(200, 'Idempotency-Key must be at most 200 characters')
  .regex(/^[\x20-\x7E]+$/, 'Idempotency-Key must be printable ASCII');
