import { z } from 'zod';
import { AuditAction } from '../audit/actions.js';
import { Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { Page, PageQuery } from '../pagination.js';

// The transparency log's HTTP face. The public routes are the contract that the offline verifier
// (packages/tlog, `writ-verify`) and the portal's in-browser checks rely on; see packages/tlog/README.md.

const TreeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Base64Hash = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 SHA-256 hash');

export const GetLatestCheckpoint = defineRoute({
  operationId: 'getLatestCheckpoint',
  method: 'get',
  path: '/log/checkpoint',
  summary: 'Latest signed checkpoint (C2SP signed note, text/plain)',
  tag: 'transparency log',
  access: { public: true },
  produces: 'text/plain',
  errors: ['NOT_FOUND'],
});

export const CheckpointSizeParams = z.strictObject({ size: TreeSize });
export type CheckpointSizeParams = z.infer<typeof CheckpointSizeParams>;
export const GetCheckpointAtSize = defineRoute({
  operationId: 'getCheckpointAtSize',
  method: 'get',
  path: '/log/checkpoints/{size}',
  summary: 'The signed checkpoint for exactly this tree size, if one was issued',
  tag: 'transparency log',
  access: { public: true },
  params: CheckpointSizeParams,
  produces: 'text/plain',
  errors: ['NOT_FOUND'],
});

export const CheckpointSummary = z.object({
  size: z.number().int(),
  rootHash: Base64Hash,
  signedAt: z.iso.datetime(),
});
export type CheckpointSummary = z.infer<typeof CheckpointSummary>;
export const CheckpointPage = Page(CheckpointSummary);
export type CheckpointPage = z.infer<typeof CheckpointPage>;
export const CheckpointListQuery = PageQuery.strict();
export type CheckpointListQuery = z.infer<typeof CheckpointListQuery>;
export const ListCheckpoints = defineRoute({
  operationId: 'listCheckpoints',
  method: 'get',
  path: '/log/checkpoints',
  // What was signed when: the sizes an auditor can compare. The notes themselves come one by one
  // (GET /log/checkpoints/{size}), so that what is verified is exactly what was signed.
  summary: 'The signed checkpoints, largest tree first: size, root hash and signing time (cursor pagination)',
  tag: 'transparency log',
  access: { public: true },
  query: CheckpointListQuery,
  response: CheckpointPage,
  errors: ['VALIDATION_FAILED'],
});

export const ConsistencyQuery = z.strictObject({ first: TreeSize, second: TreeSize });
export type ConsistencyQuery = z.infer<typeof ConsistencyQuery>;
export const ConsistencyProofResponse = z.object({
  first: z.number().int(),
  second: z.number().int(),
  proof: z.array(Base64Hash),
});
export type ConsistencyProofResponse = z.infer<typeof ConsistencyProofResponse>;
export const GetConsistencyProof = defineRoute({
  operationId: 'getConsistencyProof',
  method: 'get',
  path: '/log/proof/consistency',
  summary: 'RFC 9162 consistency proof between two tree sizes',
  tag: 'transparency log',
  access: { public: true },
  query: ConsistencyQuery,
  response: ConsistencyProofResponse,
  errors: ['VALIDATION_FAILED'],
});

export const LogKeyResponse = z.object({
  origin: z.string(),
  keys: z.array(z.string()).describe('verifier keys, <name>+<hex key id>+<base64(0x01 || pubkey)>'),
});
export type LogKeyResponse = z.infer<typeof LogKeyResponse>;
export const GetLogKey = defineRoute({
  operationId: 'getLogKey',
  method: 'get',
  path: '/log/key',
  summary: "The log's origin and verifier keys (pin them; never trust them from the same server you audit)",
  tag: 'transparency log',
  access: { public: true },
  response: LogKeyResponse,
});

export const EntriesQuery = z.strictObject({ start: TreeSize, end: TreeSize });
export type EntriesQuery = z.infer<typeof EntriesQuery>;
export const GetEntries = defineRoute({
  operationId: 'getEntries',
  method: 'get',
  path: '/log/entries',
  summary: 'Leaves [start, end) as a C2SP tlog-tiles entry bundle (uint16 length + bytes); at most 10,000 per call',
  tag: 'transparency log',
  access: { public: true },
  query: EntriesQuery,
  produces: 'application/octet-stream',
  errors: ['VALIDATION_FAILED'],
});

export const InclusionQuery = z.strictObject({
  index: TreeSize,
  size: TreeSize.optional().describe('tree size (default: the latest checkpoint)'),
});
export type InclusionQuery = z.infer<typeof InclusionQuery>;
export const InclusionProofResponse = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: Base64Hash,
  proof: z.array(Base64Hash),
});
export type InclusionProofResponse = z.infer<typeof InclusionProofResponse>;
export const GetInclusionProof = defineRoute({
  operationId: 'getInclusionProof',
  method: 'get',
  path: '/log/proof/inclusion',
  // Public: every leaf is public already (GET /log/entries), so proving one is in the tree reveals nothing new.
  summary: 'RFC 9162 inclusion proof for one leaf, by its index',
  tag: 'transparency log',
  access: { public: true },
  query: InclusionQuery,
  response: InclusionProofResponse,
  errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
});

const INT64_MAX = 9223372036854775807n;
export const EventIdParams = z.strictObject({
  id: z
    .string()
    // abort: the range check must not run on what is not a number (BigInt('abc') throws, a 500).
    .regex(/^[1-9][0-9]{0,18}$/, { error: 'an audit event id', abort: true })
    .refine((id) => BigInt(id) <= INT64_MAX, 'an audit event id'),
});
export type EventIdParams = z.infer<typeof EventIdParams>;
export const GetEventReceipt = defineRoute({
  operationId: 'getEventReceipt',
  method: 'get',
  path: '/audit/events/{id}/receipt',
  summary: 'Offline receipt (C2SP tlog-proof@v1) proving the event is in the log under the latest checkpoint',
  tag: 'audit',
  access: { roles: ['AUDITOR'] },
  params: EventIdParams,
  produces: 'text/plain',
  errors: ['NOT_FOUND'],
});

export const AuditEvent = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  /** One of the declared actions (docs/AUDIT-ACTIONS.md). */
  action: AuditAction,
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Position in the Merkle tree; null until the integrator has sequenced it (normally within a second). */
  logIndex: z.number().int().nullable(),
  /** The exact leaf bytes (public view, RFC 8785 JSON), base64. */
  leaf: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventPage = Page(AuditEvent);
export type AuditEventPage = z.infer<typeof AuditEventPage>;

/** A background job as the events name it (`system:auth`, `system:disclosure-expiry`, …). */
const SYSTEM_JOB = /^system:[a-z0-9][a-z0-9-]{0,63}$/;
const ActorEmail = z.email();
const ACTOR_WORDS = 'a staff member\'s email address, "system" (or "system:<job>", as events name it) or "public"';

export type AuditActorKind = 'staff' | 'public' | 'system' | 'job';

/** What an actor filter names (after AuditActorFilter has checked and lower-cased it). */
export function auditActorKind(actor: string): AuditActorKind {
  if (actor === 'public') return 'public';
  if (actor === 'system') return 'system';
  return actor.startsWith('system:') ? 'job' : 'staff';
}

/**
 * Who acted, in the words an auditor has for them: a staff member's email, any case (the API finds the account;
 * an email that is no account's is refused with UNKNOWN_ACTOR), "public" (someone not logged in: a login attempt,
 * a package download link), "system" (every background job) or "system:<job>" (one of them). These are the
 * events' own actor labels; a staff id goes in actorId.
 */
export const AuditActorFilter = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, `must be at most 320 characters: ${ACTOR_WORDS}`)
  .refine(
    (actor) =>
      actor === 'public' || actor === 'system' || SYSTEM_JOB.test(actor) || ActorEmail.safeParse(actor).success,
    `must be ${ACTOR_WORDS}`,
  )
  .describe(`Who acted: ${ACTOR_WORDS}; an email is matched to its account in any case`);
export type AuditActorFilter = z.infer<typeof AuditActorFilter>;

export const AuditEventQuery = PageQuery.extend({
  action: AuditAction.optional(),
  actorId: Uuid.optional(),
  actor: AuditActorFilter.optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** true: leave out the events that only record a read (READ_ACTIONS), so the changes stand out. */
  withoutReads: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
}).strict();
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

export const ListAuditEvents = defineRoute({
  operationId: 'listAuditEvents',
  method: 'get',
  path: '/audit/events',
  summary: 'Browse and search audit events (full view, newest first)',
  tag: 'audit',
  access: { roles: ['AUDITOR'] },
  query: AuditEventQuery,
  response: AuditEventPage,
  errors: ['VALIDATION_FAILED', 'UNKNOWN_ACTOR'],
});

export const GetAuditEvent = defineRoute({
  operationId: 'getAuditEvent',
  method: 'get',
  path: '/audit/events/{id}',
  summary: 'One audit event in full, with its log position',
  tag: 'audit',
  access: { roles: ['AUDITOR'] },
  params: EventIdParams,
  response: AuditEvent,
  errors: ['NOT_FOUND'],
});

export const LOG_ROUTES = [
  GetLatestCheckpoint,
  GetCheckpointAtSize,
  ListCheckpoints,
  GetConsistencyProof,
  GetLogKey,
  GetEntries,
  GetInclusionProof,
  GetEventReceipt,
  ListAuditEvents,
  GetAuditEvent,
] as const;
