import { Body, Controller, Param, Res, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApproveDisclosureRoute,
  CreateDownloadLinkRoute,
  DescribeDownloadRoute,
  type DisclosureList,
  type DisclosureView,
  type DownloadLink,
  type PackageLinkInfo,
  DownloadPackageRoute,
  ExportPackageRoute,
  GetDisclosureKeyRoute,
  ListDisclosuresRoute,
  PrepareDisclosureRoute,
  type RejectDisclosure,
  RejectDisclosureRoute,
} from '@writ/contracts';
import type { Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import type { Delivery } from './deliver-package.js';
import { DisclosuresService } from './disclosures.service.js';
import { DownloadThrottlerGuard } from './download-throttler.guard.js';

type IdParams = { id: string };

@Controller()
export class DisclosuresController {
  constructor(private readonly disclosures: DisclosuresService) {}

  @Route(PrepareDisclosureRoute)
  prepare(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: PrepareDisclosureRoute.params }) params: IdParams,
  ): Promise<DisclosureView> {
    return this.disclosures.prepare(actor, params.id);
  }

  @Route(ListDisclosuresRoute)
  list(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ListDisclosuresRoute.params }) params: IdParams,
  ): Promise<DisclosureList> {
    return this.disclosures.list(actor, params.id);
  }

  @Route(ApproveDisclosureRoute)
  approve(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ApproveDisclosureRoute.params }) params: IdParams,
  ): Promise<DisclosureView> {
    return this.disclosures.approve(actor, params.id);
  }

  @Route(RejectDisclosureRoute)
  reject(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RejectDisclosureRoute.params }) params: IdParams,
    @Body({ schema: RejectDisclosureRoute.body }) body: RejectDisclosure,
  ): Promise<DisclosureView> {
    return this.disclosures.reject(actor, params.id, body);
  }

  @Route(CreateDownloadLinkRoute)
  createLink(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: CreateDownloadLinkRoute.params }) params: IdParams,
  ): Promise<DownloadLink> {
    return this.disclosures.createLink(actor, params.id);
  }

  // Express answers HEAD with this GET handler too: both only describe the link.
  @Route(DescribeDownloadRoute)
  @UseGuards(DownloadThrottlerGuard)
  describeDownload(
    @Param({ schema: DescribeDownloadRoute.params }) params: { token: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<PackageLinkInfo> {
    // The token is in the URL: no cache, no referrer to carry it further.
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    return this.disclosures.describeDownload(params.token);
  }

  @Route(DownloadPackageRoute)
  @UseGuards(DownloadThrottlerGuard)
  async download(
    @Param({ schema: DownloadPackageRoute.params }) params: { token: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(await this.disclosures.download(params.token), response);
  }

  @Route(ExportPackageRoute)
  async export(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ExportPackageRoute.params }) params: IdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return send(await this.disclosures.export(actor, params.id), response);
  }

  @Route(GetDisclosureKeyRoute)
  verifierKey(@Res({ passthrough: true }) response: Response): string {
    response.type('text/plain');
    return `${this.disclosures.verifierKey}\n`;
  }
}

/** Evidence about people: never cached, never rendered, never sniffed into something else. */
function send(delivery: Delivery, response: Response): StreamableFile {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  return new StreamableFile(delivery.zip, {
    type: 'application/zip',
    disposition: `attachment; filename="${delivery.filename}"`,
  });
}
