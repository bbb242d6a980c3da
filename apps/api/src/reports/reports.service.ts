import { Inject, Injectable } from '@nestjs/common';
import type {
  CanaryDraft,
  CanaryDraftList,
  CanaryView,
  DraftReportRequest,
  ReportDraft,
  ReportDraftList,
  ReportList,
  ReportVersion,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { type Env, ENV } from '../config/index.js';
import { isUniqueViolation, PrismaService, TX } from '../database/index.js';
import { Integrator } from '../transparency-log/index.js';
import { approveCanaryDraft } from './approve-canary-draft.js';
import { discardCanaryDraft } from './discard-canary-draft.js';
import { approveReportDraft } from './approve-report-draft.js';
import { draftCanary } from './draft-canary.js';
import { listCanaryDrafts, readLatestCanary } from './read-canary.js';
import { discardReportDraft } from './discard-report-draft.js';
import { draftPending, draftReport } from './draft-report.js';
import { findPublished, listDrafts, listReports, readDraft, readPublished } from './read-reports.js';
import { SequencedReports } from './sequenced-reports.js';

/** Transparency reports; each operation is its own file, run here in one transaction with its audit event. */
@Injectable()
export class ReportsService {
  private readonly sequenced = new SequencedReports();

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
    private readonly integrator: Integrator,
  ) {}

  async draft(actor: Identity, input: DraftReportRequest): Promise<ReportDraft> {
    try {
      // REPEATABLE READ: the report's statements count the same snapshot of requests.
      return await this.prisma.$transaction(
        (tx) => draftReport(tx, this.prisma, this.audit, actor, input, this.env.REPORT_THRESHOLD),
        { ...TX.bulk, isolationLevel: 'RepeatableRead' },
      );
    } catch (error) {
      // Two admins drafting the same period at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw draftPending(input.period);
      throw error;
    }
  }

  approve(actor: Identity, id: string): Promise<ReportVersion> {
    return this.prisma.$transaction((tx) => approveReportDraft(tx, this.audit, actor, id));
  }

  discard(actor: Identity, id: string, reason: string): Promise<void> {
    return this.prisma.$transaction((tx) => discardReportDraft(tx, this.audit, actor, id, reason));
  }

  drafts(): Promise<ReportDraftList> {
    return listDrafts(this.prisma);
  }

  draftById(id: string): Promise<ReportDraft> {
    return readDraft(this.prisma, id);
  }

  published(): Promise<ReportList> {
    return listReports(this.prisma);
  }

  async publishedVersion(period: string, version?: number): Promise<ReportVersion> {
    const found = await findPublished(this.prisma, period, version);
    const kept = found?.sequenced ? this.sequenced.get(period, found.version) : undefined;
    if (kept) return kept;
    // Not found: readPublished says so in the same words as ever.
    const report = await readPublished(this.prisma, period, found?.version ?? version);
    this.sequenced.keep(report);
    return report;
  }

  async draftCanary(actor: Identity, period: string): Promise<CanaryDraft> {
    try {
      // One published report read and one row written: no counting here any more, so no long snapshot either.
      return await this.prisma.$transaction((tx) =>
        draftCanary(tx, this.audit, actor, period, this.integrator.keys.origin),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw draftPending(period, undefined, 'canary');
      throw error;
    }
  }

  approveCanary(actor: Identity, id: string): Promise<CanaryView> {
    return this.prisma.$transaction((tx) =>
      approveCanaryDraft(tx, this.audit, actor, id, this.integrator.keys.signers),
    );
  }

  discardCanary(actor: Identity, id: string, reason: string): Promise<void> {
    return this.prisma.$transaction((tx) => discardCanaryDraft(tx, this.audit, actor, id, reason));
  }

  canaryDrafts(): Promise<CanaryDraftList> {
    return listCanaryDrafts(this.prisma);
  }

  latestCanary(): Promise<CanaryView> {
    return readLatestCanary(this.prisma);
  }
}
