import { Body, Controller, Param, Res } from '@nestjs/common';
import {
  ApproveCanaryDraft,
  CanaryDraftParams,
  DiscardCanaryDraft,
  DiscardReportDraftRequest,
  DraftCanary,
  DraftCanaryRequest,
  GetCanary,
  ListCanaryDrafts,
} from '@writ/contracts';
import type { Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { ReportsService } from './reports.service.js';

@Controller()
export class CanaryController {
  constructor(private readonly reports: ReportsService) {}

  @Route(DraftCanary)
  draft(@Body({ schema: DraftCanaryRequest }) body: DraftCanaryRequest, @CurrentIdentity() identity: Identity) {
    return this.reports.draftCanary(identity, body.period);
  }

  @Route(ListCanaryDrafts)
  drafts() {
    return this.reports.canaryDrafts();
  }

  @Route(ApproveCanaryDraft)
  approve(@Param({ schema: CanaryDraftParams }) params: CanaryDraftParams, @CurrentIdentity() identity: Identity) {
    return this.reports.approveCanary(identity, params.id);
  }

  @Route(DiscardCanaryDraft)
  async discard(
    @Param({ schema: CanaryDraftParams }) params: CanaryDraftParams,
    @Body({ schema: DiscardReportDraftRequest }) body: DiscardReportDraftRequest,
    @CurrentIdentity() identity: Identity,
  ): Promise<void> {
    await this.reports.discardCanary(identity, params.id, body.reason);
  }

  @Route(GetCanary)
  latest(@Res({ passthrough: true }) res: Response) {
    // "expired" depends on the clock, and a new canary may appear: caches must ask again.
    res.setHeader('cache-control', 'no-cache');
    return this.reports.latestCanary();
  }
}
