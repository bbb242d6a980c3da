import { Inject, Injectable } from '@nestjs/common';
import type { DisclosureList, DisclosureView, DownloadLink, PackageLinkInfo, RejectDisclosure } from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { ENV, type Env } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import {
  SUBSCRIBER_DATA,
  SUBSCRIBER_LOOKUP,
  type SubscriberDataSource,
  type SubscriberLookup,
} from '../subscriber-data/index.js';
import { approveDisclosure } from './approve-disclosure.js';
import { createDownloadLink } from './create-download-link.js';
import type { Delivery } from './deliver-package.js';
import { describeDownload } from './describe-download.js';
import type { DisclosureContext } from './disclosure-context.js';
import { downloadPackage } from './download-package.js';
import { exportPackage } from './export-package.js';
import { listDisclosures } from './list-disclosures.js';
import { PACKAGE_KEYS, type PackageKeys } from './package-keys.js';
import { prepareDisclosure } from './prepare-disclosure.js';
import { rejectDisclosure } from './reject-disclosure.js';

/** The disclosure workflow; each operation lives in its own file. */
@Injectable()
export class DisclosuresService {
  private readonly ctx: DisclosureContext;

  constructor(
    prisma: PrismaService,
    audit: AuditService,
    @Inject(SUBSCRIBER_DATA) data: SubscriberDataSource,
    @Inject(SUBSCRIBER_LOOKUP) lookup: SubscriberLookup,
    @Inject(PACKAGE_KEYS) keys: PackageKeys,
    @Inject(ENV) env: Env,
  ) {
    this.ctx = { prisma, audit, data, lookup, keys, env };
  }

  get verifierKey(): string {
    return this.ctx.keys.verifierKey;
  }

  prepare(actor: Identity, requestId: string): Promise<DisclosureView> {
    return prepareDisclosure(this.ctx, actor, requestId);
  }

  list(actor: Identity, requestId: string): Promise<DisclosureList> {
    return listDisclosures(this.ctx, actor, requestId);
  }

  approve(actor: Identity, id: string): Promise<DisclosureView> {
    return approveDisclosure(this.ctx, actor, id);
  }

  reject(actor: Identity, id: string, input: RejectDisclosure): Promise<DisclosureView> {
    return rejectDisclosure(this.ctx, actor, id, input);
  }

  createLink(actor: Identity, id: string): Promise<DownloadLink> {
    return createDownloadLink(this.ctx, actor, id);
  }

  describeDownload(token: string): Promise<PackageLinkInfo> {
    return describeDownload(this.ctx, token);
  }

  download(token: string): Promise<Delivery> {
    return downloadPackage(this.ctx, token);
  }

  export(actor: Identity, id: string): Promise<Delivery> {
    return exportPackage(this.ctx, actor, id);
  }
}
