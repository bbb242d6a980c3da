import { z } from 'zod';
import {
  DataCategory,
  DecisionOutcome,
  LookupResult,
  Outcome,
  RequestStatus,
  SelectorType,
  TargetRole,
  VerificationMethod,
} from '../domain.js';
import { RejectionReason } from '../requests/lifecycle.js';
import { Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { PolicyReason } from '../verification/verification.contract.js';

// The policy engine applied to a request: one decision per target × requested category (docs/POLICY.md). A preview
// stores nothing; recording stores every decision with the hash of the policy in force, once.

const tag = 'decisions';
const READERS = ['REVIEWER', 'APPROVER', 'AUDITOR'] as const;

const RequestParams = z.strictObject({ id: Uuid });

export const DecisionTarget = z.object({
  id: z.uuid(),
  selectorType: SelectorType,
  value: z.string(),
  role: TargetRole,
});
export type DecisionTarget = z.infer<typeof DecisionTarget>;

/** What a RELEASE authorises: for IP addresses, the bounded window to query. */
export const ReleaseScope = z.object({
  category: z.enum(['IP_ADDRESS', 'PHONE_NUMBER']),
  window: z.object({ start: z.string(), end: z.string() }).nullable(),
});
export type ReleaseScope = z.infer<typeof ReleaseScope>;

export const PreviewDecision = z.object({
  target: DecisionTarget,
  category: DataCategory,
  outcome: DecisionOutcome,
  reasons: z.array(PolicyReason),
  release: ReleaseScope.nullable(),
});
export type PreviewDecision = z.infer<typeof PreviewDecision>;

export const DecisionSummary = z.object({
  total: z.int().nonnegative(),
  released: z.int().nonnegative(),
  denied: z.int().nonnegative(),
  /** When nothing is releasable: why the request as a whole is refused (outcome REJECTED_<code>). */
  rejection: RejectionReason.nullable(),
});
export type DecisionSummary = z.infer<typeof DecisionSummary>;

/**
 * The registry entry (key, certificate or contact channel) that a piece of verification evidence relied on, and how
 * long it had been registered when it did: a key planted shortly before an order "verifies" is how a forged order
 * would pass, so one younger than REGISTRY_KEY_MIN_AGE_HOURS is flagged.
 */
export const VerificationRegistryEntry = z.object({
  type: z.enum(['KEY', 'CHANNEL']),
  id: z.uuid(),
  /** When it entered the registry (the approval of its registry change). */
  registeredAt: z.iso.datetime(),
  /** Hours from registration to the verification (signature checked, or authority contacted); may be negative. */
  ageAtVerificationHours: z.number(),
  /** Registered less than REGISTRY_KEY_MIN_AGE_HOURS before the verification. */
  recentlyRegistered: z.boolean(),
});
export type VerificationRegistryEntry = z.infer<typeof VerificationRegistryEntry>;

export const VerificationEvidenceAge = z.object({
  verificationId: z.uuid(),
  method: VerificationMethod,
  result: z.string(),
  /** When the evidence was obtained: the signature checked, or the authority contacted. */
  verifiedAt: z.iso.datetime(),
  /** Null when no registry entry vouched for it (e.g. an unregistered signer) or it is gone. */
  registryEntry: VerificationRegistryEntry.nullable(),
});
export type VerificationEvidenceAge = z.infer<typeof VerificationEvidenceAge>;

export const DecisionPreview = z.object({
  requestId: z.uuid(),
  requestStatus: RequestStatus,
  policyVersion: z.string(),
  /** Hex SHA-256 of the policy in force (GET /policy). */
  policyHash: z.string(),
  evaluatedAt: z.iso.datetime(),
  decisions: z.array(PreviewDecision),
  summary: DecisionSummary,
  /** Every piece of verification evidence on the request, oldest first, with the age of what it relied on. */
  verifications: z.array(VerificationEvidenceAge),
  /** REGISTRY_KEY_MIN_AGE_HOURS: registry entries younger than this at verification are flagged. */
  registryKeyMinAgeHours: z.number(),
});
export type DecisionPreview = z.infer<typeof DecisionPreview>;

export const DecisionView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  target: DecisionTarget.extend({ lookupResult: LookupResult.nullable() }),
  category: DataCategory,
  outcome: DecisionOutcome,
  reasons: z.array(PolicyReason),
  policyHash: z.string(),
  decidedById: z.uuid(),
  decidedAt: z.iso.datetime(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const DecisionList = z.object({
  items: z.array(DecisionView),
  summary: DecisionSummary,
});
export type DecisionList = z.infer<typeof DecisionList>;

export const RecordedDecisions = z.object({
  requestStatus: RequestStatus,
  /** PENDING while something is releasable (the disclosure settles it); REJECTED_<code> when nothing is. */
  outcome: Outcome,
  policyHash: z.string(),
  items: z.array(DecisionView),
  summary: DecisionSummary,
});
export type RecordedDecisions = z.infer<typeof RecordedDecisions>;

export const PreviewDecisionsRoute = defineRoute({
  operationId: 'previewDecisions',
  method: 'get',
  path: '/requests/{id}/decision-preview',
  summary:
    'What the policy in force decides now for every target × requested category, with reasons and the policy ' +
    'hash. Stores nothing (the read of the targets is audited)',
  tag,
  access: { roles: READERS },
  params: RequestParams,
  response: DecisionPreview,
  errors: ['NOT_FOUND'],
});

export const RecordDecisionsRoute = defineRoute({
  operationId: 'recordDecisions',
  method: 'post',
  path: '/requests/{id}/decisions',
  summary:
    'Run the policy for every target × requested category of a VERIFIED request and store every decision, then ' +
    'move it to DECIDED (with outcome REJECTED_<code> when nothing is releasable). Once only: a second call ' +
    'answers 409 ALREADY_EXISTS and changes nothing; read the stored set with GET',
  tag,
  access: { roles: ['REVIEWER'] },
  params: RequestParams,
  response: RecordedDecisions,
  status: 201,
  errors: ['VERIFICATION_INCOMPLETE', 'ALREADY_EXISTS', 'ILLEGAL_TRANSITION', 'NOT_FOUND'],
});

export const ListDecisionsRoute = defineRoute({
  operationId: 'listDecisions',
  method: 'get',
  path: '/requests/{id}/decisions',
  summary: "A request's stored decisions (the read of the targets is audited)",
  tag,
  access: { roles: READERS },
  params: RequestParams,
  response: DecisionList,
  errors: ['NOT_FOUND'],
});

export const DECISION_ROUTES = [PreviewDecisionsRoute, RecordDecisionsRoute, ListDecisionsRoute] as const;
