import { Inject, Injectable } from '@nestjs/common';
import type {
  AcknowledgeRequest,
  AddTargets,
  CreateRequest,
  ListRequestsQuery,
  NotificationQueueQuery,
  RecordUserNotified,
  RequestDetail,
  RequestHistoryPage,
  RequestHistoryQuery,
  RequestListPage,
  RequestPage,
  SetGagOrder,
  TransitionRequest,
  UpdateRequest,
} from '@writ/contracts';
import { AuditService } from '../audit/index.js';
import type { Identity } from '../auth/index.js';
import { AppError } from '../common/index.js';
import { type Env, ENV } from '../config/index.js';
import { isStatementTimeout, isUniqueViolation, PrismaService, TX, type Tx } from '../database/index.js';
import { acknowledgeRequest } from './acknowledge-request.js';
import { addTargets } from './add-targets.js';
import { createRequest } from './create-request.js';
import { bodyHash, claimKey, completeKey, type KeyScope, retentionMs } from './idempotency.js';
import { listRequests, notificationQueue } from './list-requests.js';
import { readRequest } from './read-request.js';
import { recordUserNotified } from './record-user-notified.js';
import { removeTarget } from './remove-target.js';
import { requestHistory } from './request-history.js';
import { setGagOrder } from './set-gag-order.js';
import { transitionRequest } from './transition-request.js';
import { updateRequest } from './update-request.js';

/** The checks above the database should make these impossible; should one slip through, it is a conflict the
 * caller can act on, not a 500. */
function asConflict(error: unknown): never {
  if (isStatementTimeout(error)) {
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Something this needs was locked by another change for too long; nothing was written. Retry in a moment.',
    );
  }
  if (isUniqueViolation(error)) {
    throw new AppError('ALREADY_EXISTS', 'That already exists (a target or category named twice?).');
  }
  throw error;
}

export const CREATE_ROUTE_KEY = 'POST /requests';

export interface Created {
  status: number;
  body: RequestDetail;
  replayed: boolean;
}

/** The requests feature; each operation is its own file, run here in one transaction with its audit event. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  private run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, TX.write).catch(asConflict);
  }

  async create(actor: Identity, body: CreateRequest, rawBody: unknown, key?: string): Promise<Created> {
    if (key === undefined) {
      // One statement is its own transaction: no BEGIN/COMMIT round trips on the intake hot path.
      const detail = await createRequest(this.prisma.sql, actor, body).catch(asConflict);
      return { status: 201, body: detail, replayed: false };
    }
    const scope: KeyScope = { staffId: actor.staffId, route: CREATE_ROUTE_KEY, key };
    const hash = bodyHash(rawBody);
    // The claim, the request and the stored answer commit together or not at all (idempotency.ts).
    return this.prisma
      .transaction(async (sql) => {
        const claim = await claimKey(sql, scope, hash, retentionMs(this.env));
        if (claim.kind === 'replay') return { status: claim.status, body: claim.body as RequestDetail, replayed: true };
        const detail = await createRequest(sql, actor, body);
        await completeKey(sql, scope, 201, detail);
        return { status: 201, body: detail, replayed: false };
      })
      .catch(asConflict);
  }
  get(actor: Identity, id: string): Promise<RequestDetail> {
    return this.run((tx) => readRequest(tx, this.audit, actor, id));
  }

  history(id: string, query: RequestHistoryQuery): Promise<RequestHistoryPage> {
    return requestHistory(this.prisma, id, query);
  }

  update(actor: Identity, id: string, body: UpdateRequest): Promise<RequestDetail> {
    return this.run((tx) => updateRequest(tx, this.audit, actor, id, body));
  }

  addTargets(actor: Identity, id: string, body: AddTargets): Promise<RequestDetail> {
    return this.run((tx) => addTargets(tx, this.audit, actor, id, body));
  }

  removeTarget(actor: Identity, id: string, targetId: string, version: number): Promise<RequestDetail> {
    return this.run((tx) => removeTarget(tx, this.audit, actor, id, targetId, version));
  }

  transition(actor: Identity, id: string, body: TransitionRequest): Promise<RequestDetail> {
    return this.run((tx) => transitionRequest(tx, this.audit, actor, id, body));
  }

  acknowledge(actor: Identity, id: string, body: AcknowledgeRequest): Promise<RequestDetail> {
    return this.run((tx) => acknowledgeRequest(tx, this.audit, actor, id, body));
  }

  recordUserNotified(actor: Identity, id: string, body: RecordUserNotified): Promise<RequestDetail> {
    return this.run((tx) => recordUserNotified(tx, this.audit, actor, id, body));
  }

  setGagOrder(actor: Identity, id: string, body: SetGagOrder): Promise<RequestDetail> {
    return this.run((tx) => setGagOrder(tx, this.audit, actor, id, body));
  }

  list(query: ListRequestsQuery): Promise<RequestListPage> {
    return listRequests(this.prisma, query);
  }

  notificationQueue(query: NotificationQueueQuery): Promise<RequestPage> {
    return notificationQueue(this.prisma, query);
  }
}
