import { z } from 'zod';
import { Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { PeriodId } from './period.js';
import { DiscardReportDraftRequest } from './reports.contract.js';

// The warrant canary: one per report period, a fixed-form statement generated from the database, published by
// two admins (four eyes) and signed with the log key as a C2SP signed note.

const ADMIN = ['ADMIN'] as const;

export const CanaryView = z.object({
  id: z.uuid(),
  period: z.string(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
  /** The statement in fixed "Key: value" lines, ending with a newline: the signed note's text. */
  statement: z.string(),
  /** The C2SP signed note (the statement plus the log key's signature); null while a draft. */
  signedNote: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  /** Past its expiry: the next canary is overdue, and this one should no longer be relied on. */
  expired: z.boolean(),
});
export type CanaryView = z.infer<typeof CanaryView>;

/** A canary waiting for a second admin, with who drafted it and when (the drafter may not approve it). */
export const CanaryDraft = CanaryView.extend({ draftedBy: z.uuid(), draftedAt: z.iso.datetime() });
export type CanaryDraft = z.infer<typeof CanaryDraft>;

export const CanaryDraftList = z.object({ items: z.array(CanaryDraft) });
export type CanaryDraftList = z.infer<typeof CanaryDraftList>;

export const DraftCanaryRequest = z.strictObject({ period: PeriodId });
export type DraftCanaryRequest = z.infer<typeof DraftCanaryRequest>;

export const CanaryDraftParams = z.strictObject({ id: Uuid });
export type CanaryDraftParams = z.infer<typeof CanaryDraftParams>;

export const DraftCanary = defineRoute({
  operationId: 'draftCanary',
  method: 'post',
  path: '/canary/drafts',
  summary:
    "Generate a period's warrant canary, as a draft for a second admin: its figures are the grand total of the period's latest published report, as printed there",
  tag: 'reports',
  access: { roles: ADMIN },
  body: DraftCanaryRequest,
  response: CanaryDraft,
  status: 201,
  errors: ['REPORT_PERIOD_OPEN', 'REPORT_NOT_PUBLISHED', 'REPORT_DRAFT_PENDING', 'ALREADY_EXISTS'],
});

export const ListCanaryDrafts = defineRoute({
  operationId: 'listCanaryDrafts',
  method: 'get',
  path: '/canary/drafts',
  summary: 'Canaries waiting for a second admin, newest period first, with who drafted each',
  tag: 'reports',
  access: { roles: ADMIN },
  response: CanaryDraftList,
});

export const ApproveCanaryDraft = defineRoute({
  operationId: 'approveCanaryDraft',
  method: 'post',
  path: '/canary/drafts/{id}/approve',
  summary: "Approve another admin's canary: it is signed with the log key and published",
  tag: 'reports',
  access: { roles: ADMIN },
  params: CanaryDraftParams,
  response: CanaryView,
  errors: ['NOT_FOUND', 'FOUR_EYES_REQUIRED'],
});

export const DiscardCanaryDraft = defineRoute({
  operationId: 'discardCanaryDraft',
  method: 'post',
  path: '/canary/drafts/{id}/discard',
  summary:
    'Throw a canary draft away, with the reason (any admin, its drafter too): a mistaken or stale draft would ' +
    'otherwise hold its period until someone published it',
  tag: 'reports',
  access: { roles: ADMIN },
  params: CanaryDraftParams,
  body: DiscardReportDraftRequest,
  status: 204,
  errors: ['NOT_FOUND'],
});

export const GetCanary = defineRoute({
  operationId: 'getCanary',
  method: 'get',
  path: '/canary',
  summary: 'The latest published warrant canary, with its signed note and whether it has expired',
  tag: 'reports',
  access: { public: true },
  response: CanaryView,
  errors: ['NOT_FOUND'],
});

export const CANARY_ROUTES = [
  DraftCanary,
  ListCanaryDrafts,
  ApproveCanaryDraft,
  DiscardCanaryDraft,
  GetCanary,
] as const;
