import { Body, Controller, Headers, Param, Query, Req, Res } from '@nestjs/common';
import {
  AcknowledgeRequestRoute,
  type AcknowledgeRequest,
  AddTargetsRoute,
  type AddTargets,
  CreateRequestRoute,
  type CreateRequest,
  GetRequestRoute,
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyKey,
  ListRequestsRoute,
  type ListRequestsQuery,
  NotificationQueueRoute,
  type NotificationQueueQuery,
  RecordUserNotifiedRoute,
  type RecordUserNotified,
  RemoveTargetRoute,
  type RemoveTargetQuery,
  type RequestDetail,
  RequestHistoryRoute,
  type RequestHistoryPage,
  type RequestHistoryQuery,
  type RequestListPage,
  type RequestPage,
  SetGagOrderRoute,
  type SetGagOrder,
  TransitionRequestRoute,
  type TransitionRequest,
  UpdateRequestRoute,
  type UpdateRequest,
} from '@writ/contracts';
import type { Request, Response } from 'express';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { AppError, Route } from '../common/index.js';
import { RequestsService } from './requests.service.js';

type IdParams = { id: string };

// Handler order is route order in Express: GET /requests/notification-queue must precede GET /requests/{id}.
@Controller()
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Route(CreateRequestRoute)
  async create(
    @CurrentIdentity() actor: Identity,
    @Body({ schema: CreateRequestRoute.body }) body: CreateRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RequestDetail> {
    let idempotencyKey: string | undefined;
    if (key !== undefined) {
      const parsed = IdempotencyKey.safeParse(key);
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? 'Idempotency-Key is not valid';
        throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: ['Idempotency-Key'], message }] });
      }
      idempotencyKey = parsed.data;
    }
    // The hash covers the body as sent (req.body), before defaults such as receivedAt = now are filled in.
    const result = await this.requests.create(actor, body, req.body, idempotencyKey);
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Route(ListRequestsRoute)
  list(@Query({ schema: ListRequestsRoute.query }) query: ListRequestsQuery): Promise<RequestListPage> {
    return this.requests.list(query);
  }

  @Route(NotificationQueueRoute)
  notificationQueue(
    @Query({ schema: NotificationQueueRoute.query }) query: NotificationQueueQuery,
  ): Promise<RequestPage> {
    return this.requests.notificationQueue(query);
  }

  @Route(GetRequestRoute)
  get(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: GetRequestRoute.params }) params: IdParams,
  ): Promise<RequestDetail> {
    return this.requests.get(actor, params.id);
  }

  @Route(RequestHistoryRoute)
  history(
    @Param({ schema: RequestHistoryRoute.params }) params: IdParams,
    @Query({ schema: RequestHistoryRoute.query }) query: RequestHistoryQuery,
  ): Promise<RequestHistoryPage> {
    return this.requests.history(params.id, query);
  }

  @Route(UpdateRequestRoute)
  update(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: UpdateRequestRoute.params }) params: IdParams,
    @Body({ schema: UpdateRequestRoute.body }) body: UpdateRequest,
  ): Promise<RequestDetail> {
    return this.requests.update(actor, params.id, body);
  }

  @Route(AddTargetsRoute)
  addTargets(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: AddTargetsRoute.params }) params: IdParams,
    @Body({ schema: AddTargetsRoute.body }) body: AddTargets,
  ): Promise<RequestDetail> {
    return this.requests.addTargets(actor, params.id, body);
  }

  @Route(RemoveTargetRoute)
  removeTarget(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RemoveTargetRoute.params }) params: IdParams & { targetId: string },
    @Query({ schema: RemoveTargetRoute.query }) query: RemoveTargetQuery,
  ): Promise<RequestDetail> {
    return this.requests.removeTarget(actor, params.id, params.targetId, query.version);
  }

  @Route(TransitionRequestRoute)
  transition(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: TransitionRequestRoute.params }) params: IdParams,
    @Body({ schema: TransitionRequestRoute.body }) body: TransitionRequest,
  ): Promise<RequestDetail> {
    return this.requests.transition(actor, params.id, body);
  }

  @Route(AcknowledgeRequestRoute)
  acknowledge(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: AcknowledgeRequestRoute.params }) params: IdParams,
    @Body({ schema: AcknowledgeRequestRoute.body }) body: AcknowledgeRequest,
  ): Promise<RequestDetail> {
    return this.requests.acknowledge(actor, params.id, body);
  }

  @Route(RecordUserNotifiedRoute)
  recordUserNotified(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RecordUserNotifiedRoute.params }) params: IdParams,
    @Body({ schema: RecordUserNotifiedRoute.body }) body: RecordUserNotified,
  ): Promise<RequestDetail> {
    return this.requests.recordUserNotified(actor, params.id, body);
  }

  @Route(SetGagOrderRoute)
  setGagOrder(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: SetGagOrderRoute.params }) params: IdParams,
    @Body({ schema: SetGagOrderRoute.body }) body: SetGagOrder,
  ): Promise<RequestDetail> {
    return this.requests.setGagOrder(actor, params.id, body);
  }
}
