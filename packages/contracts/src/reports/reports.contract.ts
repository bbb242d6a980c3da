import { z } from 'zod';
import { Text, Uuid } from '../requests/fields.js';
import { defineRoute } from '../route.js';
import { PeriodId } from './period.js';
import { ReportDocument } from './report.js';

// Transparency reports: an ADMIN drafts one for a period, a different ADMIN approves it and it is published
// (four eyes); published versions are immutable and public, with their downloads.

const ADMIN = ['ADMIN'] as const;

export const ReportStatus = z.enum(['DRAFT', 'PUBLISHED']);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** One version of a report, with its document. */
export const ReportVersion = z.object({
  id: z.uuid(),
  period: z.string(),
  version: z.number().int().min(1),
  status: ReportStatus,
  /** Hex SHA-256 of `canonical`, the exact bytes of report.json. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  draftedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
  /** Position in the transparency log of the `report.published` event; null until the log has sequenced it. */
  logIndex: z.number().int().nonnegative().nullable(),
  document: ReportDocument,
  /** The RFC 8785 JSON of `document`, the bytes that were hashed. */
  canonical: z.string(),
});
export type ReportVersion = z.infer<typeof ReportVersion>;

export const ReportVersionSummary = ReportVersion.omit({ document: true, canonical: true }).extend({
  threshold: z.number().int(),
  changelog: z.object({ changes: z.string(), reason: z.string() }).nullable(),
});
export type ReportVersionSummary = z.infer<typeof ReportVersionSummary>;

export const ReportList = z.object({ items: z.array(ReportVersionSummary) });
export type ReportList = z.infer<typeof ReportList>;

/**
 * A draft as admins see it: with the account that drafted it (an id, as a staff change names its proposer), so that
 * the drafter is told a second admin must approve it. Published versions, which are public, name nobody.
 */
export const ReportDraftSummary = ReportVersionSummary.extend({ draftedBy: z.uuid() });
export type ReportDraftSummary = z.infer<typeof ReportDraftSummary>;

export const ReportDraftList = z.object({ items: z.array(ReportDraftSummary) });
export type ReportDraftList = z.infer<typeof ReportDraftList>;

/** One draft with its document, as the approver would publish it, and who drafted it. */
export const ReportDraft = ReportVersion.extend({ draftedBy: z.uuid() });
export type ReportDraft = z.infer<typeof ReportDraft>;

export const DraftReportRequest = z.strictObject({
  period: PeriodId,
  /** Required from the second version on: a correction says what changed and why. */
  changelog: z.strictObject({ changes: Text(2000), reason: Text(2000) }).optional(),
});
export type DraftReportRequest = z.infer<typeof DraftReportRequest>;

export const ReportDraftParams = z.strictObject({ id: Uuid });
export type ReportDraftParams = z.infer<typeof ReportDraftParams>;

export const DiscardReportDraftRequest = z.strictObject({ reason: Text(1000) });
export type DiscardReportDraftRequest = z.infer<typeof DiscardReportDraftRequest>;

export const ReportPeriodParams = z.strictObject({ period: PeriodId });
export type ReportPeriodParams = z.infer<typeof ReportPeriodParams>;

export const ReportVersionParams = z.strictObject({
  period: PeriodId,
  version: z.coerce.number().int().min(1).max(1_000_000),
});
export type ReportVersionParams = z.infer<typeof ReportVersionParams>;

export const DraftReport = defineRoute({
  operationId: 'draftReport',
  method: 'post',
  path: '/reports/drafts',
  summary: 'Count a period and keep it as a draft for a second admin to approve (the next version of its report)',
  tag: 'reports',
  access: { roles: ADMIN },
  body: DraftReportRequest,
  response: ReportDraft,
  status: 201,
  errors: ['REPORT_PERIOD_OPEN', 'REPORT_DRAFT_PENDING', 'CHANGELOG_REQUIRED'],
});

export const ListReportDrafts = defineRoute({
  operationId: 'listReportDrafts',
  method: 'get',
  path: '/reports/drafts',
  summary: 'Drafts waiting for approval, with who drafted each',
  tag: 'reports',
  access: { roles: ADMIN },
  response: ReportDraftList,
});

export const GetReportDraft = defineRoute({
  operationId: 'getReportDraft',
  method: 'get',
  path: '/reports/drafts/{id}',
  summary: 'One draft with its document, as the approver will publish it',
  tag: 'reports',
  access: { roles: ADMIN },
  params: ReportDraftParams,
  response: ReportDraft,
  errors: ['NOT_FOUND'],
});

export const ApproveReportDraft = defineRoute({
  operationId: 'approveReportDraft',
  method: 'post',
  path: '/reports/drafts/{id}/approve',
  summary: "Approve another admin's draft: it is published as it stands, and its SHA-256 goes into the log",
  tag: 'reports',
  access: { roles: ADMIN },
  params: ReportDraftParams,
  response: ReportVersion,
  errors: ['NOT_FOUND', 'FOUR_EYES_REQUIRED'],
});

export const DiscardReportDraft = defineRoute({
  operationId: 'discardReportDraft',
  method: 'post',
  path: '/reports/drafts/{id}/discard',
  summary: 'Throw a draft away, with the reason (any admin)',
  tag: 'reports',
  access: { roles: ADMIN },
  params: ReportDraftParams,
  body: DiscardReportDraftRequest,
  status: 204,
  errors: ['NOT_FOUND'],
});

export const ListReports = defineRoute({
  operationId: 'listReports',
  method: 'get',
  path: '/reports',
  summary: 'Every published version of every report, newest period first',
  tag: 'reports',
  access: { public: true },
  response: ReportList,
});

export const GetReport = defineRoute({
  operationId: 'getReport',
  method: 'get',
  path: '/reports/{period}',
  summary: "The latest published version of a period's report",
  tag: 'reports',
  access: { public: true },
  params: ReportPeriodParams,
  response: ReportVersion,
  errors: ['NOT_FOUND'],
});

export const GetReportVersion = defineRoute({
  operationId: 'getReportVersion',
  method: 'get',
  path: '/reports/{period}/versions/{version}',
  summary: 'One published version (immutable: cached for a year, ETag = its SHA-256)',
  tag: 'reports',
  access: { public: true },
  params: ReportVersionParams,
  response: ReportVersion,
  errors: ['NOT_FOUND'],
});

export const DownloadReportJson = defineRoute({
  operationId: 'downloadReportJson',
  method: 'get',
  path: '/reports/{period}/versions/{version}/report.json',
  summary: 'The exact canonical JSON whose SHA-256 is in the log',
  tag: 'reports',
  access: { public: true },
  params: ReportVersionParams,
  produces: 'application/octet-stream',
  errors: ['NOT_FOUND'],
});

export const DownloadReportCsv = defineRoute({
  operationId: 'downloadReportCsv',
  method: 'get',
  path: '/reports/{period}/versions/{version}/report.csv',
  summary: 'The rows as CSV (RFC 4180, UTF-8)',
  tag: 'reports',
  access: { public: true },
  params: ReportVersionParams,
  produces: 'text/csv',
  errors: ['NOT_FOUND'],
});

export const DownloadReportDsaCsv = defineRoute({
  operationId: 'downloadReportDsaCsv',
  method: 'get',
  path: '/reports/{period}/versions/{version}/dsa.csv',
  summary: 'EU DSA harmonised template, Annex I part 3 (Member State orders), as CSV',
  tag: 'reports',
  access: { public: true },
  params: ReportVersionParams,
  produces: 'text/csv',
  errors: ['NOT_FOUND'],
});

export const REPORT_ROUTES = [
  DraftReport,
  ListReportDrafts,
  GetReportDraft,
  ApproveReportDraft,
  DiscardReportDraft,
  ListReports,
  GetReport,
  GetReportVersion,
  DownloadReportJson,
  DownloadReportCsv,
  DownloadReportDsaCsv,
] as const;
