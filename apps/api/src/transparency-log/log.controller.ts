import { Controller, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  type AuditEvent,
  AuditEventQuery,
  CheckpointListQuery,
  CheckpointSizeParams,
  ConsistencyQuery,
  EntriesQuery,
  EventIdParams,
  GetAuditEvent,
  GetCheckpointAtSize,
  GetConsistencyProof,
  GetEntries,
  GetEventReceipt,
  GetInclusionProof,
  GetLatestCheckpoint,
  GetLogKey,
  InclusionQuery,
  ListAuditEvents,
  ListCheckpoints,
} from '@writ/contracts';
import type { Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { LogService } from './log.service.js';

function text(res: Response, body: string, cache: string): string {
  res.type('text/plain; charset=utf-8').setHeader('cache-control', cache);
  return body;
}

@Controller()
export class LogController {
  constructor(private readonly log: LogService) {}

  @Route(GetLatestCheckpoint)
  async latest(@Res({ passthrough: true }) res: Response): Promise<string> {
    return text(res, await this.log.latestCheckpoint(), 'no-cache');
  }

  @Route(GetCheckpointAtSize)
  async atSize(
    @Param({ schema: CheckpointSizeParams }) params: CheckpointSizeParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    // A checkpoint for a given size never changes: cache it forever.
    return text(res, await this.log.checkpointAt(params.size), 'public, max-age=31536000, immutable');
  }

  @Route(ListCheckpoints)
  checkpoints(@Query({ schema: CheckpointListQuery }) query: CheckpointListQuery) {
    return this.log.listCheckpoints(query);
  }

  @Route(GetConsistencyProof)
  consistency(@Query({ schema: ConsistencyQuery }) query: ConsistencyQuery) {
    return this.log.consistency(query.first, query.second);
  }

  @Route(GetLogKey)
  key() {
    return this.log.key();
  }

  @Route(GetEntries)
  async entries(@Query({ schema: EntriesQuery }) query: EntriesQuery): Promise<StreamableFile> {
    return new StreamableFile(await this.log.entries(query.start, query.end), { type: 'application/octet-stream' });
  }

  @Route(GetInclusionProof)
  inclusion(@Query({ schema: InclusionQuery }) query: InclusionQuery) {
    return this.log.inclusion(query.index, query.size);
  }

  @Route(GetEventReceipt)
  async receipt(
    @Param({ schema: EventIdParams }) params: EventIdParams,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    return text(res, await this.log.receipt(params.id), 'no-store');
  }

  @Route(ListAuditEvents)
  list(@Query({ schema: AuditEventQuery }) query: AuditEventQuery, @CurrentIdentity() identity: Identity) {
    return this.log.listEvents(query, identity);
  }

  @Route(GetAuditEvent)
  get(
    @Param({ schema: EventIdParams }) params: EventIdParams,
    @CurrentIdentity() identity: Identity,
  ): Promise<AuditEvent> {
    return this.log.getEvent(params.id, identity);
  }
}
