import { Controller, Param } from '@nestjs/common';
import {
  type DecisionList,
  type DecisionPreview,
  ListDecisionsRoute,
  PreviewDecisionsRoute,
  type RecordedDecisions,
  RecordDecisionsRoute,
} from '@writ/contracts';
import { CurrentIdentity, type Identity } from '../auth/index.js';
import { Route } from '../common/index.js';
import { DecisionsService } from './decisions.service.js';

type IdParams = { id: string };

@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Route(PreviewDecisionsRoute)
  preview(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: PreviewDecisionsRoute.params }) params: IdParams,
  ): Promise<DecisionPreview> {
    return this.decisions.preview(actor, params.id);
  }

  @Route(RecordDecisionsRoute)
  record(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: RecordDecisionsRoute.params }) params: IdParams,
  ): Promise<RecordedDecisions> {
    return this.decisions.record(actor, params.id);
  }

  @Route(ListDecisionsRoute)
  list(
    @CurrentIdentity() actor: Identity,
    @Param({ schema: ListDecisionsRoute.params }) params: IdParams,
  ): Promise<DecisionList> {
    return this.decisions.list(actor, params.id);
  }
}
