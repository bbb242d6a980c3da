import { Body, Controller, Param, Res } from '@nestjs/common';
import {
  ApproveReportDraft,
  DiscardReportDraft,
  DiscardReportDraftRequest,
  DownloadReportCsv,
  DownloadReportDsaCsv,
  DownloadReportJson,
  DraftReport,
  DraftReportRequest,
  GetReport,
  GetReportDraft,
  GetReportVersion,
  ListReportDrafts,
  ListReports,
  ReportDraftParams,
  ReportPeriodParams,
  type ReportVersion,
  ReportVersionParams,
} from '@writ/contracts';
import type { Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { renderDsaCsv } from './render-dsa-csv.js';
import { renderReportCsv } from './render-report-csv.js';
import { ReportsService } from './reports.service.js';

/** A published version never changes: a CDN may keep it for a year. The ETag names the bytes (and the form). */
function immutable(res: Response, report: ReportVersion, form: string, type?: string): void {
  if (type) res.type(type);
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  res.setHeader('etag', `"${report.sha256}-${form}"`);
}

/** Sends a download, or 304 when the client (or a CDN revalidating) already holds these bytes. */
function sendDownload(res: Response, name: string, body: string): void {
  res.attachment(name);
  const tags = (res.req.headers['if-none-match'] ?? '').split(',').map((tag) => tag.trim());
  if (tags.includes(String(res.getHeader('etag'))) || tags.includes('*')) {
    res.status(304).end();
    return;
  }
  res.send(Buffer.from(body, 'utf8'));
}

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  // The drafts' routes come first: "/reports/drafts" would otherwise be read as a period.
  @Route(DraftReport)
  draft(@Body({ schema: DraftReportRequest }) body: DraftReportRequest, @CurrentIdentity() identity: Identity) {
    return this.reports.draft(identity, body);
  }

  @Route(ListReportDrafts)
  drafts() {
    return this.reports.drafts();
  }

  @Route(GetReportDraft)
  draftById(@Param({ schema: ReportDraftParams }) params: ReportDraftParams) {
    return this.reports.draftById(params.id);
  }

  @Route(ApproveReportDraft)
  approve(@Param({ schema: ReportDraftParams }) params: ReportDraftParams, @CurrentIdentity() identity: Identity) {
    return this.reports.approve(identity, params.id);
  }

  @Route(DiscardReportDraft)
  async discard(
    @Param({ schema: ReportDraftParams }) params: ReportDraftParams,
    @Body({ schema: DiscardReportDraftRequest }) body: DiscardReportDraftRequest,
    @CurrentIdentity() identity: Identity,
  ): Promise<void> {
    await this.reports.discard(identity, params.id, body.reason);
  }

  @Route(ListReports)
  list(@Res({ passthrough: true }) res: Response) {
    // A new version may appear at any time: caches must ask again.
    res.setHeader('cache-control', 'no-cache');
    return this.reports.published();
  }

  @Route(GetReport)
  latest(@Param({ schema: ReportPeriodParams }) params: ReportPeriodParams, @Res({ passthrough: true }) res: Response) {
    res.setHeader('cache-control', 'no-cache');
    return this.reports.publishedVersion(params.period);
  }

  @Route(GetReportVersion)
  async version(
    @Param({ schema: ReportVersionParams }) params: ReportVersionParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportVersion> {
    const report = await this.reports.publishedVersion(params.period, params.version);
    // The log index arrives after publication (the integrator sequences the event within a second): until then the
    // answer may still change, so it is not cached.
    if (report.logIndex === null) res.setHeader('cache-control', 'no-cache');
    else immutable(res, report, 'version');
    return report;
  }

  // Downloads are sent by express itself (not through Nest's serialiser), so a Buffer's bytes go out as they are.
  @Route(DownloadReportJson)
  async json(@Param({ schema: ReportVersionParams }) params: ReportVersionParams, @Res() res: Response): Promise<void> {
    const report = await this.reports.publishedVersion(params.period, params.version);
    immutable(res, report, 'json', 'application/json; charset=utf-8');
    // The exact bytes that were hashed.
    sendDownload(res, `writ-report-${report.period}-v${report.version}.json`, report.canonical);
  }

  @Route(DownloadReportCsv)
  async csv(@Param({ schema: ReportVersionParams }) params: ReportVersionParams, @Res() res: Response): Promise<void> {
    const report = await this.reports.publishedVersion(params.period, params.version);
    immutable(res, report, 'csv', 'text/csv; charset=utf-8; header=present');
    sendDownload(res, `writ-report-${report.period}-v${report.version}.csv`, renderReportCsv(report.document));
  }

  @Route(DownloadReportDsaCsv)
  async dsa(@Param({ schema: ReportVersionParams }) params: ReportVersionParams, @Res() res: Response): Promise<void> {
    const report = await this.reports.publishedVersion(params.period, params.version);
    immutable(res, report, 'dsa', 'text/csv; charset=utf-8; header=present');
    sendDownload(res, `writ-report-${report.period}-v${report.version}-dsa.csv`, renderDsaCsv(report.document));
  }
}
