import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DecisionList, DecisionPreview, RecordedDecisions } from '@writ/contracts';
import type { CompiledPolicy } from '@writ/policy';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { type Env, ENV } from '../config/index.js';
import { PrismaService } from '../database/index.js';
import { POLICY } from '../policy/index.js';
import { SUBSCRIBER_LOOKUP, type SubscriberLookup } from '../subscriber-data/index.js';
import type { DecisionsContext } from './decisions-context.js';
import { listDecisions } from './list-decisions.js';
import { previewDecisions } from './preview-decisions.js';
import { recordDecisions } from './record-decisions.js';

/** The policy engine applied to requests (docs/POLICY.md); each operation is its own file. */
@Injectable()
export class DecisionsService {
  private readonly ctx: DecisionsContext;

  constructor(
    prisma: PrismaService,
    audit: AuditService,
    @Inject(POLICY) policy: CompiledPolicy,
    @Inject(SUBSCRIBER_LOOKUP) lookup: SubscriberLookup,
    @Inject(ENV) env: Env,
  ) {
    this.ctx = { prisma, audit, policy, lookup, env, logger: new Logger('Decisions') };
  }

  preview(actor: Identity, requestId: string): Promise<DecisionPreview> {
    return previewDecisions(this.ctx, actor, requestId);
  }

  record(actor: Identity, requestId: string): Promise<RecordedDecisions> {
    return recordDecisions(this.ctx, actor, requestId);
  }

  list(actor: Identity, requestId: string): Promise<DecisionList> {
    return listDecisions(this.ctx, actor, requestId);
  }
}
